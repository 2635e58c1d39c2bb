#include "ws_load/ws_frame.hpp"

#include <array>

namespace dh::bench {

void AppendClientFrame(std::string& out, Opcode opcode, std::string_view payload,
                       uint32_t mask_key) {
  const size_t n = payload.size();
  out.push_back(static_cast<char>(0x80 | static_cast<uint8_t>(opcode)));
  if (n < 126) {
    out.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xFFFF) {
    out.push_back(static_cast<char>(0x80 | 126));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xFF));
  } else {
    out.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.push_back(static_cast<char>((static_cast<uint64_t>(n) >> shift) & 0xFF));
    }
  }
  const std::array<uint8_t, 4> key = {
      static_cast<uint8_t>(mask_key >> 24), static_cast<uint8_t>(mask_key >> 16),
      static_cast<uint8_t>(mask_key >> 8), static_cast<uint8_t>(mask_key)};
  for (const uint8_t k : key) out.push_back(static_cast<char>(k));
  const size_t at = out.size();
  out.resize(at + n);
  for (size_t i = 0; i < n; ++i) {
    out[at + i] = static_cast<char>(static_cast<uint8_t>(payload[i]) ^ key[i & 3]);
  }
}

ParsedFrame ParseServerFrame(std::string_view bytes, size_t max_payload) {
  if (bytes.size() < 2) return {};
  const auto b0 = static_cast<uint8_t>(bytes[0]);
  const auto b1 = static_cast<uint8_t>(bytes[1]);
  if ((b0 & 0x70) != 0 || (b1 & 0x80) != 0) return {std::nullopt, FrameError::kMalformed};
  size_t header = 2;
  uint64_t length = b1 & 0x7F;
  if (length == 126 || length == 127) {
    const size_t extra = length == 126 ? 2 : 8;
    if (bytes.size() < header + extra) return {};
    length = 0;
    for (size_t i = 0; i < extra; ++i) {
      length = (length << 8) | static_cast<uint8_t>(bytes[header + i]);
    }
    header += extra;
  }
  if (length > max_payload) return {std::nullopt, FrameError::kMalformed};
  if (bytes.size() < header + length) return {};
  return {
      Frame{static_cast<Opcode>(b0 & 0x0F), (b0 & 0x80) != 0, header + static_cast<size_t>(length),
            bytes.substr(header, static_cast<size_t>(length))},
      FrameError::kIncomplete};
}

std::string MakeWebSocketKey(uint64_t seed) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::array<uint8_t, 16> raw{};
  uint64_t x = seed | 1;
  for (auto& byte : raw) {  // xorshift64: any 16 bytes will do, they need not be secret
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    byte = static_cast<uint8_t>(x);
  }
  std::string key;
  for (size_t i = 0; i < raw.size(); i += 3) {
    const uint32_t chunk = (uint32_t{raw[i]} << 16) |
                           (i + 1 < raw.size() ? uint32_t{raw[i + 1]} << 8 : 0) |
                           (i + 2 < raw.size() ? uint32_t{raw[i + 2]} : 0);
    key += kAlphabet[(chunk >> 18) & 63];
    key += kAlphabet[(chunk >> 12) & 63];
    key += i + 1 < raw.size() ? kAlphabet[(chunk >> 6) & 63] : '=';
    key += i + 2 < raw.size() ? kAlphabet[chunk & 63] : '=';
  }
  return key;
}

}  // namespace dh::bench
