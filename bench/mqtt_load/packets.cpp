#include "mqtt_load/packets.hpp"

#include "mqtt/codec/codec.hpp"

namespace dh::bench::mqtt_load {

namespace {

void PutLe64(char* at, uint64_t value) {
  for (int i = 0; i < 8; ++i) at[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
}

uint64_t GetLe64(const uint8_t* at) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value |= uint64_t{at[i]} << (8 * i);
  return value;
}

uint16_t GetBe16(const uint8_t* at) { return static_cast<uint16_t>((at[0] << 8) | at[1]); }

}  // namespace

std::string ConnectPacket(const std::string& client_id, uint16_t keep_alive_s,
                          const std::string& username, const std::string& password) {
  mqtt::Connect connect;
  connect.client_id = client_id;
  connect.keep_alive = keep_alive_s;
  connect.clean_session = true;
  if (!username.empty()) {
    connect.username = username;
    connect.password = password;
  }
  std::string out;
  mqtt::EncodePacket(connect, out);
  return out;
}

std::string SubscribePacket(const std::string& filter, uint8_t qos) {
  mqtt::Subscribe subscribe;
  subscribe.packet_id = 1;
  subscribe.filters.emplace_back(filter, qos);
  std::string out;
  mqtt::EncodePacket(subscribe, out);
  return out;
}

std::string PingReqPacket() {
  std::string out;
  mqtt::EncodePacket(mqtt::PingReq{}, out);
  return out;
}

PublishTemplate::PublishTemplate(const std::string& topic, uint8_t qos, size_t payload_size)
    : qos_(qos) {
  mqtt::Publish publish;
  publish.topic = topic;
  publish.qos = qos;
  publish.packet_id = qos > 0 ? 1 : 0;
  publish.payload.assign(payload_size, 'x');
  mqtt::EncodePacket(publish, bytes_);
  payload_at_ = bytes_.size() - payload_size;
}

std::string_view PublishTemplate::Stamp(int64_t send_ns, uint64_t seq, uint16_t packet_id) {
  char* payload = bytes_.data() + payload_at_;
  PutLe64(payload, static_cast<uint64_t>(send_ns));
  PutLe64(payload + 8, seq);
  if (qos_ > 0) {
    payload[-2] = static_cast<char>(packet_id >> 8);
    payload[-1] = static_cast<char>(packet_id & 0xFF);
  }
  return bytes_;
}

std::optional<PublishView> ReadPublish(uint8_t flags, std::span<const uint8_t> body) {
  PublishView view;
  view.qos = static_cast<uint8_t>((flags >> 1) & 0x03);
  if (view.qos == 3 || body.size() < 2) return std::nullopt;
  view.topic_size = GetBe16(body.data());
  size_t at = 2 + view.topic_size;
  if (view.qos > 0) {
    if (body.size() < at + 2) return std::nullopt;
    view.packet_id = GetBe16(body.data() + at);
    at += 2;
  }
  if (body.size() < at + kMinPayload) return std::nullopt;
  view.send_ns = static_cast<int64_t>(GetLe64(body.data() + at));
  view.seq = GetLe64(body.data() + at + 8);
  return view;
}

std::optional<uint16_t> ReadPubAck(std::span<const uint8_t> body) {
  if (body.size() != 2) return std::nullopt;
  return GetBe16(body.data());
}

std::array<char, 4> PubAckPacket(uint16_t packet_id) {
  return {static_cast<char>(0x40), 0x02, static_cast<char>(packet_id >> 8),
          static_cast<char>(packet_id & 0xFF)};
}

}  // namespace dh::bench::mqtt_load
