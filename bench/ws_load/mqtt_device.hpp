#pragma once
// A device on MQTT (scenario 3, the full platform path): CONNECT with the admin access token as
// its password, then QoS 1 PUBLISHes to dh/notification/0/0/<device>/load whose payload is the
// notification's parameters, {"t": stamp}. The server acknowledges a PUBLISH only once the
// notification is stored, so the PUBACK is the insert's answer; a refused insert closes the
// connection (MQTT 3.1.1 has no negative acknowledgement) and counts as a lost connection.
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "mqtt_load/connection.hpp"
#include "ws_load/device_client.hpp"

namespace dh::bench {

class MqttDevice final : public DeviceClient, public mqtt_load::MqttConnection::Listener {
 public:
  MqttDevice(LoadContext& ctx, const std::string& device_id, unsigned pushes_per_insert);

  void Open(std::optional<boost::asio::ip::address> source) override;
  void Close() override;

  void OnConnected() override;
  void OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body,
                int64_t now_ns) override;
  void OnClosed() override;

 private:
  bool Queue(int64_t t_ns) override;

  std::string client_id_;
  std::string topic_;
  std::string packet_;  // the PUBLISH being encoded, reused
  // Unacknowledged PUBLISHes in the order sent: packet identifier and stamp.
  std::deque<std::pair<uint16_t, int64_t>> in_flight_;
  uint16_t last_id_ = 0;
  mqtt_load::MqttConnection connection_;
};

}  // namespace dh::bench
