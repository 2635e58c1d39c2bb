#pragma once
// PUBLISH (§3.3), sent by both sides.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes a PUBLISH with fixed header `flags` (DUP, QoS, RETAIN) on a session at protocol
// `level`. Malformed: QoS 3 [MQTT-3.3.1-4]; DUP on QoS 0 on 3.1.1 [MQTT-3.3.1-2]; a topic
// name that is not valid UTF-8, empty or has wildcards [MQTT-3.3.2-2]; a missing or zero
// packet identifier on QoS 1 and 2 [MQTT-2.3.1-1]. The payload is copied once, into `payload`.
core::Result<Publish> DecodePublish(uint8_t flags, std::span<const uint8_t> body, uint8_t level);

// A PUBLISH's fields by reference, for encoding a message held elsewhere (the broker's one
// copy, shared by every subscriber) without copying topic and payload into a Publish first.
struct PublishRef {
  std::string_view topic;
  std::string_view payload;
  uint8_t qos = 0;
  bool retain = false;
  bool dup = false;
  uint16_t packet_id = 0;  // written for QoS 1 and 2 only
};

// Appends the whole packet; the packet identifier is written only for QoS 1 and 2.
void EncodePublish(const PublishRef& publish, std::string& out);
void EncodePublish(const Publish& publish, std::string& out);

}  // namespace dh::mqtt
