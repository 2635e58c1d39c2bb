#include "ws_load/mqtt_device.hpp"

#include <algorithm>
#include <charconv>

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt_load/packets.hpp"

namespace dh::bench {

namespace {

constexpr size_t kReadBuffer = 4096;
constexpr size_t kQueueBytesPerMessage = 96;  // a PUBLISH here is well under this

void PutBe16(std::string& out, size_t value) {
  out += static_cast<char>((value >> 8) & 0xFF);
  out += static_cast<char>(value & 0xFF);
}

}  // namespace

MqttDevice::MqttDevice(LoadContext& ctx, const std::string& device_id, unsigned pushes_per_insert)
    : DeviceClient(ctx, pushes_per_insert),
      client_id_("mqtt-" + device_id),
      topic_("dh/notification/0/0/" + device_id + "/load"),
      connection_(ctx.worker.io(), ctx.target.mqtt_endpoint, *this, kReadBuffer,
                  ctx.target.max_queue * kQueueBytesPerMessage) {}

void MqttDevice::Open(std::optional<boost::asio::ip::address> source) {
  connection_.Open(std::move(source),
                   mqtt_load::ConnectPacket(client_id_, 0, "bench", ctx().token));
}

void MqttDevice::Close() { connection_.Close(); }

void MqttDevice::OnConnected() { Ready(); }

bool MqttDevice::Queue(int64_t t_ns) {
  if (in_flight_.size() >= 65535) return false;  // every packet identifier is in use
  char t[24];
  const auto t_end = std::to_chars(t, t + sizeof t, t_ns).ptr;
  const size_t t_size = static_cast<size_t>(t_end - t);
  const size_t payload_size = 6 + t_size;  // {"t":<t>}
  const size_t remaining = 2 + topic_.size() + 2 + payload_size;
  last_id_ = static_cast<uint16_t>(last_id_ == 65535 ? 1 : last_id_ + 1);
  packet_.clear();
  mqtt::AppendFixedHeader(mqtt::PacketType::kPublish, 0x02, remaining, packet_);  // QoS 1
  PutBe16(packet_, topic_.size());
  packet_ += topic_;
  PutBe16(packet_, last_id_);
  packet_ += R"({"t":)";
  packet_.append(t, t_size);
  packet_ += '}';
  if (!connection_.Send(packet_)) return false;
  in_flight_.emplace_back(last_id_, t_ns);
  return true;
}

void MqttDevice::OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body,
                          int64_t now_ns) {
  const auto id =
      header.type == mqtt::PacketType::kPubAck ? mqtt_load::ReadPubAck(body) : std::nullopt;
  if (!id) {
    ++ctx().stats.bad_messages;
    return;
  }
  // Acknowledgements normally come in order: the match is at the front.
  const auto match = std::find_if(in_flight_.begin(), in_flight_.end(),
                                  [&](const auto& entry) { return entry.first == *id; });
  if (match == in_flight_.end()) {
    ++ctx().stats.bad_messages;
    return;
  }
  const int64_t stamp = match->second;
  in_flight_.erase(match);
  Answered(true, stamp, now_ns);
}

void MqttDevice::OnClosed() { Ended(); }

}  // namespace dh::bench
