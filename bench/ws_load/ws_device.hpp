#pragma once
// A device connection of the throughput and plugin modes: authenticates, then inserts notifications
// whose parameters carry their send time. Open loop, the pacer tells it when; closed loop (rate 0),
// it keeps `window` inserts in flight. Worker thread only.
#include <memory>
#include <optional>
#include <string>

#include "ws_load/connection.hpp"
#include "ws_load/load_context.hpp"

namespace dh::bench {

class DeviceClient final : public WsConnection::Listener {
 public:
  // `pushes_per_insert`: how many pushes each successful insert causes (the receivers that
  // follow this device), for the drain to know when every push has arrived.
  DeviceClient(LoadContext& ctx, std::string device_id, unsigned pushes_per_insert);

  void Open(std::optional<boost::asio::ip::address> source);
  // Open loop: one insert that was due at `due_ns`.
  void SendScheduled(int64_t due_ns, int64_t now_ns);
  // Closed loop: fills the window; each reply then sends the next insert until the window ends.
  void StartClosedLoop(unsigned window);
  // Closed loop paced from outside (DeliveryPacer): one insert now. False if it was dropped.
  bool SendNow(int64_t now_ns);
  void Close();

  void OnOpen() override;
  void OnMessage(std::string_view text) override;
  void OnClosed(boost::system::error_code ec) override;

 private:
  bool Insert(int64_t t_ns);
  void OnInsertReply(std::string_view text, int64_t now_ns);

  enum class Phase { kConnecting, kAuthenticating, kReady, kEnded };
  LoadContext& ctx_;
  std::string device_id_;
  unsigned pushes_per_insert_;
  std::shared_ptr<WsConnection> connection_;
  Phase phase_ = Phase::kConnecting;
  bool closed_loop_ = false;
};

}  // namespace dh::bench
