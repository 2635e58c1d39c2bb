#pragma once
// HS256 tokens made and read by the tests themselves, with OpenSSL directly, so that the
// server's JwtCodec is checked against an independent implementation instead of against itself.
// The key is what DeviceHive derives from the test servers' secret "devicehive" by lenient
// Base64 decoding: 75 eb e2 71 e8 62.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dh::test::jwt {

inline const std::string kTestKey("\x75\xeb\xe2\x71\xe8\x62", 6);

// Base64url without padding, through OpenSSL's standard-alphabet encoder.
inline std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

// Base64url with or without padding; nullopt when malformed.
inline std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string standard(text);
  for (char& c : standard) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  size_t padding = 0;
  while (standard.size() % 4 != 0) {
    standard.push_back('=');
    ++padding;
  }
  if (padding == 3) return std::nullopt;
  std::string out(standard.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(standard.data()),
                                static_cast<int>(standard.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

inline std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &size);
  return std::string(reinterpret_cast<const char*>(mac), size);
}

// base64url(header).base64url(claims).base64url(HMAC-SHA256(key, the first two)).
inline std::string Sign(std::string_view header_json, std::string_view claims_json,
                        std::string_view key = kTestKey) {
  std::string token = Base64UrlEncode(header_json) + "." + Base64UrlEncode(claims_json);
  return token + "." + Base64UrlEncode(HmacSha256(key, token));
}

// A DeviceHive token: header {"alg":"HS256"} and the single private claim `payload`.
inline std::string SignPayload(const boost::json::object& payload,
                               std::string_view key = kTestKey) {
  return Sign(R"({"alg":"HS256"})",
              boost::json::serialize(boost::json::object{{"payload", payload}}), key);
}

// The `payload` claim of a token (null when the token cannot be read).
inline boost::json::value PayloadOf(std::string_view token) {
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  if (first == std::string_view::npos || first == last) return nullptr;
  const auto claims = Base64UrlDecode(token.substr(first + 1, last - first - 1));
  if (!claims) return nullptr;
  boost::system::error_code ec;
  auto value = boost::json::parse(*claims, ec);
  if (ec || !value.is_object() || !value.as_object().contains("payload")) return nullptr;
  return value.at("payload");
}

inline int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace dh::test::jwt
