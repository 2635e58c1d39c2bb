#include "mqtt/codec/ack.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {

bool IsAck(PacketType type) {
  switch (type) {
    case PacketType::kPubAck:
    case PacketType::kPubRec:
    case PacketType::kPubRel:
    case PacketType::kPubComp:
    case PacketType::kUnsubAck:
      return true;
    default:
      return false;
  }
}

core::Result<Ack> DecodeAck(PacketType type, uint8_t flags, std::span<const uint8_t> body,
                            uint8_t level) {
  wire::Reader reader(body, type);
  if (!IsAck(type)) return reader.Malformed("not an acknowledgement");
  DH_CHECK(CheckFlags(type, flags, level));
  DH_TRY(const uint16_t packet_id, reader.PacketId());
  DH_CHECK(reader.ExpectEnd("the packet identifier"));
  return Ack{.type = type, .packet_id = packet_id};
}

void EncodeAck(const Ack& ack, std::string& out) {
  AppendFixedHeader(ack.type, ack.type == PacketType::kPubRel ? 0x02 : 0x00, 2, out);
  wire::AppendU16(ack.packet_id, out);
}

}  // namespace dh::mqtt
