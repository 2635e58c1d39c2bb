#include "mqtt/codec/publish.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/topic.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {
namespace {

constexpr uint8_t kDupFlag = 0x08;
constexpr uint8_t kRetainFlag = 0x01;

}  // namespace

core::Result<Publish> DecodePublish(uint8_t flags, std::span<const uint8_t> body, uint8_t level) {
  wire::Reader reader(body, PacketType::kPublish);
  Publish publish;
  publish.qos = static_cast<uint8_t>((flags >> 1) & 0x03);
  publish.dup = (flags & kDupFlag) != 0;
  publish.retain = (flags & kRetainFlag) != 0;
  if (publish.qos == 3) return reader.Malformed("QoS 3 [MQTT-3.3.1-4]");
  if (publish.qos == 0 && publish.dup && level != kLevel31) {
    return reader.Malformed("DUP set on a QoS 0 message [MQTT-3.3.1-2]");
  }
  DH_TRY(publish.topic, reader.Utf8("topic name"));
  if (auto valid = ValidateTopicName(publish.topic); !valid) {
    return reader.Malformed(valid.error().message);
  }
  if (publish.qos > 0) {
    DH_TRY(publish.packet_id, reader.PacketId());
  }
  publish.payload = reader.Rest();
  return publish;
}

void EncodePublish(const PublishRef& publish, std::string& out) {
  const auto flags =
      static_cast<uint8_t>((publish.dup ? kDupFlag : 0) | ((publish.qos & 0x03) << 1) |
                           (publish.retain ? kRetainFlag : 0));
  const size_t length =
      wire::StringSize(publish.topic) + (publish.qos > 0 ? 2 : 0) + publish.payload.size();
  AppendFixedHeader(PacketType::kPublish, flags, length, out);
  wire::AppendString(publish.topic, out);
  if (publish.qos > 0) wire::AppendU16(publish.packet_id, out);
  out.append(publish.payload);
}

void EncodePublish(const Publish& publish, std::string& out) {
  EncodePublish(PublishRef{publish.topic, publish.payload, publish.qos, publish.retain, publish.dup,
                           publish.packet_id},
                out);
}

}  // namespace dh::mqtt
