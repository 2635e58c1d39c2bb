#pragma once
// UNSUBSCRIBE (§3.10), sent by clients. Its acknowledgement, UNSUBACK, is an Ack (ack.hpp).
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes an UNSUBSCRIBE body on a session at protocol `level`. Malformed: flags other than
// 0b0010 [MQTT-3.10.1-1]; packet identifier 0; no filter [MQTT-3.10.3-2]; a filter that is not
// valid UTF-8 or breaks the wildcard rules (topic.hpp).
core::Result<Unsubscribe> DecodeUnsubscribe(uint8_t flags, std::span<const uint8_t> body,
                                            uint8_t level);

// Appends the whole packet.
void EncodeUnsubscribe(const Unsubscribe& unsubscribe, std::string& out);

}  // namespace dh::mqtt
