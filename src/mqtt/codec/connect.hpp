#pragma once
// CONNECT (§3.1), sent by clients. Both 3.1.1 ("MQTT", level 4) and 3.1 ("MQIsdp", level 3).
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes a CONNECT body. Two refusals the server answers with a CONNACK before closing carry
// that CONNACK return code in Error::body_code (read it with ConnectRefusal):
//  - kConnAckUnacceptableProtocolVersion: a known protocol name with another level (an MQTT 5
//    client, "MQTT" level 5) [MQTT-3.1.2-2]; nothing after the level is parsed.
//  - kConnAckIdentifierRejected: a well-formed CONNECT whose client id is empty without clean
//    session on 3.1.1 [MQTT-3.1.3-8], or empty or over 23 bytes on 3.1.
// Every other error is a malformed packet: close without a CONNACK [MQTT-3.1.4-1].
core::Result<Connect> DecodeConnect(uint8_t flags, std::span<const uint8_t> body);

// The CONNACK return code to send before closing for an error of DecodeConnect (or of the
// Decoder on a CONNECT); nullopt: close without answering.
std::optional<uint8_t> ConnectRefusal(const core::Error& error);

// Appends the whole packet. The connect flags follow the fields (will, username, password);
// protocol_name and level are written as given.
void EncodeConnect(const Connect& connect, std::string& out);

}  // namespace dh::mqtt
