#pragma once
// PUBACK (§3.4), PUBREC (§3.5), PUBREL (§3.6), PUBCOMP (§3.7) and UNSUBACK (§3.11): the same
// 2-byte packet-identifier body under five type nibbles, so one decoder and one encoder serve
// all five. PUBREL's fixed header flags are 0b0010 [MQTT-3.6.1-1], the others' 0.
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Whether `type` is one of the five acknowledgements an Ack holds.
bool IsAck(PacketType type);

// Decodes the body of acknowledgement `type` (IsAck) on a session at protocol `level`: exactly
// a non-zero packet identifier.
core::Result<Ack> DecodeAck(PacketType type, uint8_t flags, std::span<const uint8_t> body,
                            uint8_t level);

// Appends the whole packet (4 bytes); `ack.type` must be IsAck.
void EncodeAck(const Ack& ack, std::string& out);

}  // namespace dh::mqtt
