#pragma once
// The publishing half of a pair: connects, then publishes pre-encoded PUBLISH packets to
// bench/<i> with the send time and a sequence number patched into the payload. Open loop, the
// pacer says when; closed loop (rate 0), it keeps `window` messages in flight, a message
// leaving the window when its subscriber receives it (or a later one), so the broker's queues
// stay bounded whatever the QoS. Worker thread only.
#include <cstdint>
#include <optional>
#include <string>

#include "mqtt_load/connection.hpp"
#include "mqtt_load/load_context.hpp"
#include "mqtt_load/options.hpp"
#include "mqtt_load/packets.hpp"

namespace dh::bench::mqtt_load {

class Publisher final : public MqttConnection::Listener {
 public:
  Publisher(LoadContext& ctx, const Options& options, unsigned index);

  void Open(std::optional<boost::asio::ip::address> source);
  // Open loop: one publish that was due at `due_ns`.
  void SendScheduled(int64_t due_ns, int64_t now_ns);
  // Closed loop: fills the window; deliveries refill it until the measurement window ends.
  void StartClosedLoop(unsigned window);
  // The pair's subscriber received message `seq`.
  void OnDelivered(uint64_t seq);
  // Closed loop: a full window without a delivery for a second is taken as lost and reopened.
  void CheckStall(int64_t now_ns);
  void Ping();
  void Close() { connection_.Close(); }

  void OnConnected() override;
  void OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body,
                int64_t now_ns) override;
  void OnClosed() override;

 private:
  // Queues message next_seq_ stamped `send_ns`; false if dropped.
  bool Publish(int64_t send_ns);
  void Refill();

  enum class Phase { kConnecting, kReady, kEnded };
  LoadContext& ctx_;
  MqttConnection connection_;
  PublishTemplate publish_;
  std::string connect_packet_;
  std::string ping_packet_;
  uint8_t qos_;
  Phase phase_ = Phase::kConnecting;
  uint64_t next_seq_ = 0;
  uint64_t released_ = 0;  // closed loop: messages below this are out of the window
  uint64_t acked_ = 0;     // QoS 1: PUBACKs received
  unsigned window_ = 0;    // 0: open loop
  int64_t last_progress_ns_ = 0;
};

}  // namespace dh::bench::mqtt_load
