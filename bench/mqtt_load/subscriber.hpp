#pragma once
// The subscribing half of a pair: connects, subscribes to bench/<i> at the run's QoS (the SUBACK
// must grant it), then reads each PUBLISH in place: latency from the send time in its payload,
// gaps and repeats from its sequence number, a PUBACK back at QoS 1 (written with the read's
// other acknowledgements in one write). Worker thread only.
#include <cstdint>
#include <optional>
#include <string>

#include "mqtt_load/connection.hpp"
#include "mqtt_load/load_context.hpp"
#include "mqtt_load/options.hpp"

namespace dh::bench::mqtt_load {

class Publisher;

class Subscriber final : public MqttConnection::Listener {
 public:
  Subscriber(LoadContext& ctx, const Options& options, unsigned index, Publisher& publisher);

  void Open(std::optional<boost::asio::ip::address> source);
  void Ping();
  void Close() { connection_.Close(); }

  void OnConnected() override;
  void OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body,
                int64_t now_ns) override;
  void OnClosed() override;

 private:
  void OnSubAck(const mqtt::FixedHeader& header, std::span<const uint8_t> body);
  void OnPublish(uint8_t flags, std::span<const uint8_t> body, int64_t now_ns);

  enum class Phase { kConnecting, kSubscribing, kReady, kEnded };
  LoadContext& ctx_;
  Publisher& publisher_;
  MqttConnection connection_;
  std::string connect_packet_;
  std::string subscribe_packet_;
  std::string ping_packet_;
  size_t topic_size_;
  uint8_t qos_;
  Phase phase_ = Phase::kConnecting;
  uint64_t expected_seq_ = 0;
};

}  // namespace dh::bench::mqtt_load
