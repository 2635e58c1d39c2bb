#pragma once
// DISCONNECT (§3.14), sent by clients: a fixed header alone. On receipt the server discards the
// will [MQTT-3.14.4-3] and closes.
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes an empty body with flags 0 [MQTT-3.14.1-1] (3.1 ignores the flags).
core::Result<Disconnect> DecodeDisconnect(uint8_t flags, std::span<const uint8_t> body,
                                          uint8_t level);

// Appends the whole packet (2 bytes).
void EncodeDisconnect(const Disconnect& disconnect, std::string& out);

}  // namespace dh::mqtt
