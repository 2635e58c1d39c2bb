#pragma once
// SUBACK (§3.9), sent by servers.
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes a SUBACK body on a session at protocol `level`: a non-zero packet identifier and at
// least one return code, each 0, 1, 2 or (3.1.1 only) 0x80 failure [MQTT-3.9.3-2].
core::Result<SubAck> DecodeSubAck(uint8_t flags, std::span<const uint8_t> body, uint8_t level);

// Appends the whole packet.
void EncodeSubAck(const SubAck& suback, std::string& out);

}  // namespace dh::mqtt
