#include "mqtt/codec/utf8.hpp"

#include <cstdint>
#include <string>

namespace dh::mqtt {
namespace {

core::Error Offence(std::string_view what, size_t at, std::string_view rule) {
  return core::Fail(core::Errc::kBadRequest, std::string(what) + " at byte " + std::to_string(at) +
                                                 " [" + std::string(rule) + "]");
}

}  // namespace

core::Status ValidateUtf8(std::string_view text) {
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    const auto lead = static_cast<uint8_t>(text[i]);
    if (lead < 0x80) {
      if (lead == 0) return Offence("U+0000", i, "MQTT-1.5.3-2");
      ++i;
      continue;
    }
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
      return Offence("invalid UTF-8 lead byte", i, "MQTT-1.5.3-1");
    }
    if (size - i < length) return Offence("truncated UTF-8 sequence", i, "MQTT-1.5.3-1");
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<uint8_t>(text[i + k]);
      if ((next & 0xC0) != 0x80) return Offence("invalid UTF-8 sequence", i, "MQTT-1.5.3-1");
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (code_point < smallest) return Offence("overlong UTF-8 sequence", i, "MQTT-1.5.3-1");
    if (code_point > 0x10FFFF) return Offence("code point above U+10FFFF", i, "MQTT-1.5.3-1");
    if (code_point >= 0xD800 && code_point <= 0xDFFF) {
      return Offence("UTF-16 surrogate", i, "MQTT-1.5.3-1");
    }
    i += length;
  }
  return {};
}

}  // namespace dh::mqtt
