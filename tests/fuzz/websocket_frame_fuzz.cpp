// libFuzzer target for the WebSocket frame codec and the UTF-8 check (scripts/fuzz.sh builds and
// runs it). The input is read as a stream of client frames. Every header that parses must be
// consistent: inside the input, its length in the shortest form, a control frame final and at
// most 125 bytes; writing a header of the same opcode and size must parse back to it. Each
// payload is unmasked, and its UTF-8 verdict, and the offset of the first offence, must match a
// reference that walks the table of well-formed sequences (Unicode 15, table 3-7) byte by byte,
// a different algorithm from core/utf8's. Crashes, sanitizer reports and disagreements (abort)
// are findings.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"
#include "net/websocket/frame.hpp"

namespace {

using namespace dh::net::websocket;

void Check(bool condition) {
  if (!condition) std::abort();
}

// The offset of the first sequence that is not well-formed, or nullopt.
std::optional<size_t> ReferenceOffence(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<uint8_t>(text[i]);
    // The allowed range of the second byte and how many bytes follow the first.
    uint8_t low = 0x80, high = 0xBF;
    size_t follow = 0;
    if (b0 <= 0x7F) {
      follow = 0;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      follow = 1;
    } else if (b0 == 0xE0) {
      follow = 2, low = 0xA0;
    } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
      follow = 2;
    } else if (b0 == 0xED) {
      follow = 2, high = 0x9F;
    } else if (b0 == 0xF0) {
      follow = 3, low = 0x90;
    } else if (b0 >= 0xF1 && b0 <= 0xF3) {
      follow = 3;
    } else if (b0 == 0xF4) {
      follow = 3, high = 0x8F;
    } else {
      return i;
    }
    if (follow > 0 && text.size() - i <= follow) return i;  // truncated
    for (size_t k = 1; k <= follow; ++k) {
      const auto b = static_cast<uint8_t>(text[i + k]);
      const bool ok = k == 1 ? (b >= low && b <= high) : (b >= 0x80 && b <= 0xBF);
      if (!ok) return i;
    }
    i += follow + 1;
  }
  return std::nullopt;
}

void CheckUtf8(std::string_view text) {
  const auto ours = dh::core::FindUtf8Offence(text);
  const auto reference = ReferenceOffence(text);
  Check(ours.has_value() == reference.has_value());
  if (ours) Check(ours->at == *reference);
}

void CheckHeader(std::span<const uint8_t> data, const FrameHeader& header) {
  Check(header.header_size <= data.size());
  const size_t length_bytes = header.header_size - 2 - (header.masked ? 4 : 0);
  Check(length_bytes == 0 || length_bytes == 2 || length_bytes == 8);
  Check(length_bytes != 0 || header.payload_size <= 125);
  Check(length_bytes != 2 || (header.payload_size >= 126 && header.payload_size <= 0xFFFF));
  Check(length_bytes != 8 || (header.payload_size > 0xFFFF && header.payload_size >> 63 == 0));
  Check(!IsControl(header.opcode) || (header.fin && header.payload_size <= 125));

  std::array<uint8_t, 10> written{};
  const size_t size = WriteHeader(header.opcode, header.fin, header.payload_size, written);
  FrameHeader again;
  Check(ParseHeader(std::span<const uint8_t>(written.data(), size), again) == ParseResult::kOk);
  Check(again.opcode == header.opcode && again.fin == header.fin &&
        again.payload_size == header.payload_size && !again.masked && again.header_size == size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CheckUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  std::span<const uint8_t> rest(data, size);
  while (!rest.empty()) {
    FrameHeader header;
    if (ParseHeader(rest, header) != ParseResult::kOk) break;
    CheckHeader(rest, header);
    const size_t available = rest.size() - header.header_size;
    const size_t take =
        header.payload_size < available ? static_cast<size_t>(header.payload_size) : available;
    std::vector<uint8_t> payload(
        rest.begin() + static_cast<std::ptrdiff_t>(header.header_size),
        rest.begin() + static_cast<std::ptrdiff_t>(header.header_size + take));
    const std::vector<uint8_t> original = payload;
    Unmask(payload, header.mask);
    const std::string_view text(reinterpret_cast<const char*>(payload.data()), payload.size());
    CheckUtf8(text);
    if (header.opcode == Opcode::kClose && payload.size() >= 2) {
      const uint16_t code = CloseCode(payload);
      Check(code == ((payload[0] << 8) | payload[1]));
      Check(!IsSendableCloseCode(code) || (code >= 1000 && code < 5000));
    }
    Unmask(payload, header.mask);
    Check(payload == original);
    rest = rest.subspan(header.header_size + take);
  }
  return 0;
}
