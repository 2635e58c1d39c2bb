#include "auth/base64.hpp"

#include <array>
#include <cstdint>

namespace dh::auth {
namespace {

constexpr std::string_view kUrlAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr int kInvalid = -1;
constexpr int kPadding = 127;  // JAXB's PADDING code; it takes part in the arithmetic below

constexpr std::array<int, 256> MakeMap(std::string_view alphabet, bool with_padding) {
  std::array<int, 256> map{};
  for (auto& v : map) v = kInvalid;
  for (size_t i = 0; i < alphabet.size(); ++i) {
    map[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
  }
  if (with_padding) map['='] = kPadding;
  return map;
}

constexpr auto kUrlMap = MakeMap(kUrlAlphabet, false);
constexpr auto kStdMap =
    MakeMap("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  const auto at = [&](size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out.push_back(kUrlAlphabet[(n >> 18) & 63]);
    out.push_back(kUrlAlphabet[(n >> 12) & 63]);
    out.push_back(kUrlAlphabet[(n >> 6) & 63]);
    out.push_back(kUrlAlphabet[n & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    const uint32_t n = (at(i) << 16) | (rest == 2 ? at(i + 1) << 8 : 0);
    out.push_back(kUrlAlphabet[(n >> 18) & 63]);
    out.push_back(kUrlAlphabet[(n >> 12) & 63]);
    if (rest == 2) out.push_back(kUrlAlphabet[(n >> 6) & 63]);
  }
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = kUrlMap[static_cast<unsigned char>(c)];
    if (v == kInvalid) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

std::string DecodeSecretKey(std::string_view secret) {
  std::string out;
  std::array<int, 4> quad{};
  size_t q = 0;
  for (char c : secret) {
    const int v = kStdMap[static_cast<unsigned char>(c)];
    if (v == kInvalid) continue;
    quad[q++] = v;
    if (q < 4) continue;
    out.push_back(static_cast<char>(static_cast<uint8_t>((quad[0] << 2) | (quad[1] >> 4))));
    if (quad[2] != kPadding) {
      out.push_back(static_cast<char>(static_cast<uint8_t>((quad[1] << 4) | (quad[2] >> 2))));
    }
    if (quad[3] != kPadding) {
      out.push_back(static_cast<char>(static_cast<uint8_t>((quad[2] << 6) | quad[3])));
    }
    q = 0;
  }
  return out;
}

}  // namespace dh::auth
