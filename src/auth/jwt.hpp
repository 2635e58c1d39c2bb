#pragma once
// HS256 JSON Web Tokens as DeviceHive (jjwt 0.7) makes them: header {"alg":"HS256"}, the claims
// of TokenPayload, HMAC-SHA256 keyed with DecodeSecretKey(secret). Only HS256 is accepted, so
// "none" and every other algorithm is refused.
#include <optional>
#include <string>
#include <string_view>

#include "auth/token_payload.hpp"
#include "core/error.hpp"

namespace dh::auth {

class JwtCodec {
 public:
  // Fails (kBadRequest) when the secret decodes to an empty key.
  static core::Result<JwtCodec> FromSecret(std::string_view secret);

  std::string Sign(const TokenPayload& payload) const;
  // The payload of a well-formed token with a valid signature; nullopt otherwise. Expiry and
  // token type are the caller's to check.
  std::optional<TokenPayload> Verify(std::string_view token) const;

 private:
  explicit JwtCodec(std::string key) : key_(std::move(key)) {}
  std::string Hmac(std::string_view data) const;

  std::string key_;
};

}  // namespace dh::auth
