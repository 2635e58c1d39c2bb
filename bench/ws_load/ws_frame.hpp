#pragma once
// RFC 6455 framing for the client side of a WebSocket: frames the client writes are masked,
// frames the server writes are not. Pure functions over bytes, no I/O.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dh::bench {

enum class Opcode : uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA
};

// Appends one complete (FIN) frame carrying `payload`, masked with `mask_key`.
void AppendClientFrame(std::string& out, Opcode opcode, std::string_view payload,
                       uint32_t mask_key);

struct Frame {
  Opcode opcode;
  bool fin;
  size_t size;  // header + payload bytes
  std::string_view payload;
};

enum class FrameError { kIncomplete, kMalformed };

// Reads the frame at the start of `bytes` (as a server sends it: unmasked). kIncomplete when more
// bytes are needed; kMalformed for reserved bits, a masked frame, or a payload over `max_payload`.
struct ParsedFrame {
  std::optional<Frame> frame;
  FrameError error = FrameError::kIncomplete;
};
ParsedFrame ParseServerFrame(std::string_view bytes, size_t max_payload);

// A Sec-WebSocket-Key value: base64 of 16 bytes derived from `seed`.
std::string MakeWebSocketKey(uint64_t seed);

}  // namespace dh::bench
