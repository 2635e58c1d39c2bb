#pragma once
// A subscriber connection of the throughput mode: authenticates, subscribes to one device's
// notifications, then records for every push the time from its insert to its arrival.
// Worker thread only.
#include <memory>
#include <optional>
#include <string>

#include "ws_load/connection.hpp"
#include "ws_load/load_context.hpp"

namespace dh::bench {

class SubscriberClient final : public WsConnection::Listener {
 public:
  SubscriberClient(LoadContext& ctx, std::string device_id);

  void Open(std::optional<boost::asio::ip::address> source);
  void Close();

  void OnOpen() override;
  void OnMessage(std::string_view text) override;
  void OnClosed(boost::system::error_code ec) override;

 private:
  void OnPush(std::string_view text, int64_t now_ns);
  void SetUpFailed();

  enum class Phase { kConnecting, kAuthenticating, kSubscribing, kReady, kEnded };
  LoadContext& ctx_;
  std::string device_id_;
  std::shared_ptr<WsConnection> connection_;
  Phase phase_ = Phase::kConnecting;
};

}  // namespace dh::bench
