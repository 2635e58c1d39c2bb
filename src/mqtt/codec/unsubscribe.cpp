#include "mqtt/codec/unsubscribe.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/topic.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {

core::Result<Unsubscribe> DecodeUnsubscribe(uint8_t flags, std::span<const uint8_t> body,
                                            uint8_t level) {
  DH_CHECK(CheckFlags(PacketType::kUnsubscribe, flags, level));
  wire::Reader reader(body, PacketType::kUnsubscribe);
  Unsubscribe unsubscribe;
  DH_TRY(unsubscribe.packet_id, reader.PacketId());
  if (reader.AtEnd()) return reader.Malformed("no topic filter [MQTT-3.10.3-2]");
  while (!reader.AtEnd()) {
    DH_TRY(std::string filter, reader.Utf8("topic filter"));
    if (auto valid = ValidateTopicFilter(filter); !valid) {
      return reader.Malformed(valid.error().message);
    }
    unsubscribe.filters.push_back(std::move(filter));
  }
  return unsubscribe;
}

void EncodeUnsubscribe(const Unsubscribe& unsubscribe, std::string& out) {
  size_t length = 2;
  for (const std::string& filter : unsubscribe.filters) length += wire::StringSize(filter);
  AppendFixedHeader(PacketType::kUnsubscribe, 0x02, length, out);
  wire::AppendU16(unsubscribe.packet_id, out);
  for (const std::string& filter : unsubscribe.filters) wire::AppendString(filter, out);
}

}  // namespace dh::mqtt
