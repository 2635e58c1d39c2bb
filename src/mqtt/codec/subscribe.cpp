#include "mqtt/codec/subscribe.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/topic.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {

core::Result<Subscribe> DecodeSubscribe(uint8_t flags, std::span<const uint8_t> body,
                                        uint8_t level) {
  DH_CHECK(CheckFlags(PacketType::kSubscribe, flags, level));
  wire::Reader reader(body, PacketType::kSubscribe);
  Subscribe subscribe;
  DH_TRY(subscribe.packet_id, reader.PacketId());
  if (reader.AtEnd()) return reader.Malformed("no topic filter [MQTT-3.8.3-3]");
  while (!reader.AtEnd()) {
    DH_TRY(std::string filter, reader.Utf8("topic filter"));
    if (auto valid = ValidateTopicFilter(filter); !valid) {
      return reader.Malformed(valid.error().message);
    }
    DH_TRY(const uint8_t qos, reader.U8("requested QoS"));
    if (qos > 2) {
      return reader.Malformed("requested QoS byte " + std::to_string(qos) +
                              " is not 0, 1 or 2 [MQTT-3-8.3-4]");
    }
    subscribe.filters.emplace_back(std::move(filter), qos);
  }
  return subscribe;
}

void EncodeSubscribe(const Subscribe& subscribe, std::string& out) {
  size_t length = 2;
  for (const auto& [filter, qos] : subscribe.filters) length += wire::StringSize(filter) + 1;
  AppendFixedHeader(PacketType::kSubscribe, 0x02, length, out);
  wire::AppendU16(subscribe.packet_id, out);
  for (const auto& [filter, qos] : subscribe.filters) {
    wire::AppendString(filter, out);
    out.push_back(static_cast<char>(qos));
  }
}

}  // namespace dh::mqtt
