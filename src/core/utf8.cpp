#include "core/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace dh::core {
namespace {

constexpr uint64_t kHighBits = 0x8080'8080'8080'8080ull;

// The bytes from `i` that are ASCII, skipped eight at a time where possible.
size_t SkipAscii(std::string_view text, size_t i) {
  uint64_t word = 0;
  while (text.size() - i >= sizeof word) {
    std::memcpy(&word, text.data() + i, sizeof word);
    if ((word & kHighBits) != 0) break;
    i += sizeof word;
  }
  while (i < text.size() && static_cast<uint8_t>(text[i]) < 0x80) ++i;
  return i;
}

}  // namespace

std::optional<Utf8Offence> FindUtf8Offence(std::string_view text) {
  const size_t size = text.size();
  size_t i = SkipAscii(text, 0);
  while (i < size) {
    const auto lead = static_cast<uint8_t>(text[i]);
    size_t length = 0;
    uint32_t code_point = 0;
    uint32_t smallest = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1Fu, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0Fu, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07u, smallest = 0x10000;
    } else {
      return Utf8Offence{i, "invalid UTF-8 lead byte"};
    }
    if (size - i < length) return Utf8Offence{i, "truncated UTF-8 sequence"};
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) return Utf8Offence{i, "invalid UTF-8 sequence"};
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (code_point < smallest) return Utf8Offence{i, "overlong UTF-8 sequence"};
    if (code_point > 0x10FFFF) return Utf8Offence{i, "code point above U+10FFFF"};
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return Utf8Offence{i, "UTF-16 surrogate"};
    i = SkipAscii(text, i + length);
  }
  return std::nullopt;
}

}  // namespace dh::core
