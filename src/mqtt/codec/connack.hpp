#pragma once
// CONNACK (§3.2), sent by servers.
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes a CONNACK body on a session at protocol `level`. On 3.1.1 the acknowledge flags'
// bits 7-1 are reserved [MQTT-3.2.2-1] and Session Present needs return code 0 [MQTT-3.2.2-4];
// on 3.1 the byte is unused and ignored. Return codes above 5 are reserved and rejected.
core::Result<ConnAck> DecodeConnAck(uint8_t flags, std::span<const uint8_t> body, uint8_t level);

// Appends the whole packet (4 bytes).
void EncodeConnAck(const ConnAck& connack, std::string& out);

}  // namespace dh::mqtt
