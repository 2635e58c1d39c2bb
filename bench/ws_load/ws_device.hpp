#pragma once
// A device on the WebSocket client API: authenticates, then sends notification/insert requests
// (requestId = the stamp, so each reply tells its own round-trip time).
#include <memory>
#include <optional>
#include <string>

#include "ws_load/connection.hpp"
#include "ws_load/device_client.hpp"

namespace dh::bench {

class WsDevice final : public DeviceClient, public WsConnection::Listener {
 public:
  WsDevice(LoadContext& ctx, std::string device_id, unsigned pushes_per_insert);

  void Open(std::optional<boost::asio::ip::address> source) override;
  void Close() override;

  void OnOpen() override;
  void OnMessage(std::string_view text) override;
  void OnClosed(boost::system::error_code ec) override;

 private:
  bool Queue(int64_t t_ns) override;

  std::string device_id_;
  std::shared_ptr<WsConnection> connection_;
  bool authenticating_ = false;
};

}  // namespace dh::bench
