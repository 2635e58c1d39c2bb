#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace dh::auth {

// Base64url without padding (JWT segments).
std::string Base64UrlEncode(std::string_view bytes);
// Decodes base64url with or without padding; nullopt on any other character.
std::optional<std::string> Base64UrlDecode(std::string_view text);

// The JWT signing key of a DeviceHive secret: the lenient standard-Base64 decoding jjwt applies
// (JAXB parseBase64Binary): characters outside the alphabet are skipped, '=' is padding, and a
// trailing incomplete group of four is dropped. "devicehive" -> 75 eb e2 71 e8 62.
std::string DecodeSecretKey(std::string_view secret);

}  // namespace dh::auth
