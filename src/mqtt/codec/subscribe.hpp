#pragma once
// SUBSCRIBE (§3.8), sent by clients.
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes a SUBSCRIBE body on a session at protocol `level`. Malformed: flags other than
// 0b0010 [MQTT-3.8.1-1]; packet identifier 0; no filter [MQTT-3.8.3-3]; a filter that is not
// valid UTF-8 or breaks the wildcard rules (topic.hpp); a requested-QoS byte other than 0, 1
// or 2 (reserved bits or QoS 3) [MQTT-3-8.3-4].
core::Result<Subscribe> DecodeSubscribe(uint8_t flags, std::span<const uint8_t> body,
                                        uint8_t level);

// Appends the whole packet.
void EncodeSubscribe(const Subscribe& subscribe, std::string& out);

}  // namespace dh::mqtt
