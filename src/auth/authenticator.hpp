#pragma once
// Turns a bearer token into a Principal: signature, type (access only), expiry, and a user that
// exists and is ACTIVE, or for a plugin token a plugin that exists and whose owner is ACTIVE.
// Thread-safe.
#include <string_view>

#include "auth/jwt.hpp"
#include "auth/principal.hpp"
#include "auth/token_cache.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace dh::auth {

inline constexpr std::string_view kTokenExpired = "Token expired";

class Authenticator {
 public:
  Authenticator(const JwtCodec& codec, storage::Storage& storage, const core::Clock& clock)
      : codec_(codec), storage_(storage), clock_(clock) {}

  // From an Authorization header value: empty => an anonymous principal; "Bearer <jwt>" => the
  // token's principal; anything else => kUnauthorized.
  core::Result<Principal> FromHeader(std::string_view authorization) const;
  // kUnauthorized "Token expired" when expired; kUnauthorized "Unauthorized" for any other
  // failure (bad signature, refresh token, unknown or inactive user, unknown plugin).
  core::Result<Principal> FromToken(std::string_view token) const;

 private:
  const JwtCodec& codec_;
  core::Result<Principal> ForPlugin(const TokenPayload& payload) const;

  storage::Storage& storage_;
  const core::Clock& clock_;
  mutable TokenCache verified_;
};

}  // namespace dh::auth
