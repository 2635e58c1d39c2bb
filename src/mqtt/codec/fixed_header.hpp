#pragma once
// The fixed header every MQTT packet starts with (§2.2): the packet type and its flags in byte
// 0, then the Remaining Length (the size of the rest of the packet) as a 1-4 byte varint.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// The largest Remaining Length 4 varint bytes can carry (§2.2.3).
inline constexpr uint32_t kMaxRemainingLength = 268'435'455;

struct FixedHeader {
  PacketType type = PacketType::kConnect;
  uint8_t flags = 0;              // the low nibble of byte 0, not checked here (see CheckFlags)
  uint32_t remaining_length = 0;  // bytes after the header
  uint8_t header_size = 0;        // 2 to 5
};

struct RemainingLength {
  uint32_t value = 0;
  uint8_t size = 0;  // bytes the varint took, 1 to 4
};

// Decodes the varint at the start of `bytes`. nullopt: not complete yet. Error: a 4th byte that
// still sets the continuation bit (a length over 4 bytes is malformed, whatever follows).
// Non-minimal encodings (0x80 0x00 for 0) are accepted: 3.1.1 does not forbid them.
core::Result<std::optional<RemainingLength>> DecodeRemainingLength(std::span<const uint8_t> bytes);

// The number of varint bytes `value` takes (1 to 4); `value` <= kMaxRemainingLength.
size_t RemainingLengthSize(uint32_t value);

// Appends `value` as a varint. Throws std::length_error (a bug) over kMaxRemainingLength.
void AppendRemainingLength(uint32_t value, std::string& out);

// Appends byte 0 and the Remaining Length; reserves room for the body. Throws
// std::length_error (a bug) when `remaining_length` exceeds kMaxRemainingLength.
void AppendFixedHeader(PacketType type, uint8_t flags, size_t remaining_length, std::string& out);

// Parses the fixed header at the start of `bytes`. nullopt: not complete yet. Error: packet type
// 0 or 15 (reserved), or a Remaining Length over 4 bytes.
core::Result<std::optional<FixedHeader>> ParseFixedHeader(std::span<const uint8_t> bytes);

// Checks the flags nibble of every type but PUBLISH (whose flags carry DUP/QoS/RETAIN, checked in
// DecodePublish) against §2.2.2: 0b0010 for PUBREL, SUBSCRIBE and UNSUBSCRIBE, 0 otherwise
// [MQTT-2.2.2-1/2]. On 3.1 (`level` 3), which reserves no bits, only PUBREL, SUBSCRIBE and
// UNSUBSCRIBE are checked, for QoS 1 with DUP allowed (3.1 clients set DUP on retries); CONNECT
// must be 0 on both levels.
core::Status CheckFlags(PacketType type, uint8_t flags, uint8_t level);

}  // namespace dh::mqtt
