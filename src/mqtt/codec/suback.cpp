#include "mqtt/codec/suback.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {

core::Result<SubAck> DecodeSubAck(uint8_t flags, std::span<const uint8_t> body, uint8_t level) {
  DH_CHECK(CheckFlags(PacketType::kSubAck, flags, level));
  wire::Reader reader(body, PacketType::kSubAck);
  SubAck suback;
  DH_TRY(suback.packet_id, reader.PacketId());
  if (reader.AtEnd()) return reader.Malformed("no return code");
  suback.codes.reserve(reader.remaining());
  while (!reader.AtEnd()) {
    DH_TRY(const uint8_t code, reader.U8("return code"));
    if (code > 2 && (code != kSubAckFailure || level == kLevel31)) {
      return reader.Malformed("reserved return code " + std::to_string(code) + " [MQTT-3.9.3-2]");
    }
    suback.codes.push_back(code);
  }
  return suback;
}

void EncodeSubAck(const SubAck& suback, std::string& out) {
  AppendFixedHeader(PacketType::kSubAck, 0, 2 + suback.codes.size(), out);
  wire::AppendU16(suback.packet_id, out);
  out.append(suback.codes.begin(), suback.codes.end());
}

}  // namespace dh::mqtt
