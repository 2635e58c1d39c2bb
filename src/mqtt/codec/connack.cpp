#include "mqtt/codec/connack.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {

core::Result<ConnAck> DecodeConnAck(uint8_t flags, std::span<const uint8_t> body, uint8_t level) {
  DH_CHECK(CheckFlags(PacketType::kConnAck, flags, level));
  wire::Reader reader(body, PacketType::kConnAck);
  DH_TRY(const uint8_t ack_flags, reader.U8("acknowledge flags"));
  DH_TRY(const uint8_t return_code, reader.U8("return code"));
  DH_CHECK(reader.ExpectEnd("the return code"));
  ConnAck connack{.session_present = false, .return_code = return_code};
  if (return_code > kConnAckNotAuthorized) {
    return reader.Malformed("reserved return code " + std::to_string(return_code));
  }
  if (level == kLevel31) return connack;
  if ((ack_flags & 0xFE) != 0) return reader.Malformed("reserved acknowledge flags set");
  connack.session_present = (ack_flags & 0x01) != 0;
  if (connack.session_present && return_code != kConnAckAccepted) {
    return reader.Malformed("session present with a non-zero return code [MQTT-3.2.2-4]");
  }
  return connack;
}

void EncodeConnAck(const ConnAck& connack, std::string& out) {
  AppendFixedHeader(PacketType::kConnAck, 0, 2, out);
  out.push_back(connack.session_present ? 1 : 0);
  out.push_back(static_cast<char>(connack.return_code));
}

}  // namespace dh::mqtt
