#pragma once
// The WebSocket frame format (RFC 6455 §5), without I/O: parsing client frame headers and
// writing server ones. Pure functions, so they can be tested byte by byte and fuzzed.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dh::net::websocket {

enum class Opcode : uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

inline bool IsControl(Opcode opcode) { return (static_cast<uint8_t>(opcode) & 0x8) != 0; }

struct FrameHeader {
  bool fin = false;
  Opcode opcode = Opcode::kContinuation;
  bool masked = false;
  std::array<uint8_t, 4> mask{};
  uint64_t payload_size = 0;
  size_t header_size = 0;  // bytes before the payload
};

enum class ParseResult {
  kNeedMore,       // the header is not complete yet
  kOk,             // `header` is filled
  kProtocolError,  // reserved bits set, unknown opcode, bad control frame, a length that is
                   // too big or not in its shortest form
};

// Parses the frame header at the start of `data`. Extensions are not negotiated, so the RSV
// bits must be clear; control frames must be final and carry at most 125 bytes.
ParseResult ParseHeader(std::span<const uint8_t> data, FrameHeader& header);

// Writes the header of an unmasked server frame carrying `size` bytes; returns its length (2,
// 4 or 10).
size_t WriteHeader(Opcode opcode, bool fin, uint64_t size, std::array<uint8_t, 10>& out);

// XORs `payload` with the mask, `offset` bytes into the frame's payload.
void Unmask(std::span<uint8_t> payload, const std::array<uint8_t, 4>& mask, size_t offset = 0);

// A close frame's payload: the 2-byte code and the reason (cut to fit 125 bytes).
std::string ClosePayload(uint16_t code, std::string_view reason);
// The code of a received close payload; 1005 (no status) when it has none. A 1-byte payload is
// malformed (RFC 6455 §5.5.1): callers reject it before asking.
uint16_t CloseCode(std::span<const uint8_t> payload);
// Whether a peer may put `code` in a close frame (RFC 6455 §7.4, and 1012-1014 as IANA
// registered them since): 1000-1003, 1007-1014 and 3000-4999.
bool IsSendableCloseCode(uint16_t code);

}  // namespace dh::net::websocket
