#pragma once
// Internal to the codec: reading and appending the field encodings of §1.5 (bytes, 16-bit
// integers, length-prefixed strings). Not part of the codec's API.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt::wire {

// Reads a packet body front to back. Each read fails with "<PACKET>: truncated <what>" when the
// body ends first; `what` names the field for the error text.
class Reader {
 public:
  Reader(std::span<const uint8_t> body, PacketType type) : body_(body), type_(type) {}

  core::Result<uint8_t> U8(std::string_view what);
  core::Result<uint16_t> U16(std::string_view what);
  // A 16-bit identifier that must not be 0 [MQTT-2.3.1-1].
  core::Result<uint16_t> PacketId();
  // A length-prefixed string that must be MQTT UTF-8 (utf8.hpp) [MQTT-1.5.3-1/2].
  core::Result<std::string> Utf8(std::string_view what);
  // Length-prefixed bytes, unchecked (will payload, password).
  core::Result<std::string> Binary(std::string_view what);
  // Everything left (PUBLISH payload); the reader is then at the end.
  std::string Rest();
  // Fails with "<PACKET>: N unexpected bytes after <what>" unless the body is consumed.
  core::Status ExpectEnd(std::string_view what) const;

  size_t remaining() const { return body_.size() - pos_; }
  bool AtEnd() const { return pos_ == body_.size(); }

  // "<PACKET>: <detail>", the error of a malformed packet.
  core::Error Malformed(std::string_view detail) const;

 private:
  std::span<const uint8_t> body_;
  size_t pos_ = 0;
  PacketType type_;
};

void AppendU16(uint16_t value, std::string& out);
// Appends a 16-bit length and the bytes. Throws std::length_error (a bug) over 65535 bytes.
void AppendString(std::string_view text, std::string& out);
// The encoded size of a length-prefixed string.
inline size_t StringSize(std::string_view text) { return 2 + text.size(); }

// Checks a body that must be empty (PINGREQ, PINGRESP, DISCONNECT), and the type's flags.
core::Status CheckEmpty(PacketType type, uint8_t flags, std::span<const uint8_t> body,
                        uint8_t level);

}  // namespace dh::mqtt::wire
