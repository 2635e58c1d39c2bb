#pragma once
// The auth service (spec §3.8-3.9): login, refresh, and minting tokens for a user.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "auth/jwt.hpp"
#include "auth/principal.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace dh::auth {

struct TokenPair {
  std::string access_token;
  std::string refresh_token;
};

struct TokenLifetimes {
  std::chrono::milliseconds access{1'800'000};        // 30 min
  std::chrono::milliseconds refresh{15'724'800'000};  // ~182 days
};

// The body of POST /token/create (JwtUserPayloadView).
struct TokenRequest {
  std::optional<int64_t> user_id;
  std::optional<std::vector<int>> actions;  // nullopt: NONE; ids already mapped from names
  std::optional<std::vector<std::string>> network_ids;
  std::optional<std::vector<std::string>> device_type_ids;
  std::optional<core::Timestamp> expiration;
  std::optional<core::Timestamp> refresh_expiration;
};

class TokenService {
 public:
  TokenService(const JwtCodec& codec, storage::Storage& storage, const core::Clock& clock,
               TokenLifetimes lifetimes)
      : codec_(codec), storage_(storage), clock_(clock), lifetimes_(lifetimes) {}

  // Checks the password (counting failures, locking out after user.login.maxAttempts) and
  // issues the user's login tokens.
  core::Result<TokenPair> Login(const std::string& login, const std::string& password);
  // A new access token with the refresh token's claims (a user's or a plugin's).
  core::Result<std::string> Refresh(std::string_view refresh_token);
  // Mints tokens for request.user_id. Needs ManageToken. Unlike DeviceHive, a non-admin caller
  // may mint only for itself and never more rights than its own token carries.
  core::Result<TokenPair> Create(const Principal& caller, TokenRequest request);
  // Resets the user's failed attempts and refreshes lastLogin when older than
  // user.login.lastTimeout: on login and refresh, and on WebSocket `authenticate`.
  core::Status RecordLogin(domain::User user);

 private:
  TokenPair Issue(TokenPayload access, std::optional<core::Timestamp> refresh_expiration);
  core::Result<TokenPayload> LoginClaims(const domain::User& user);
  core::Result<int64_t> SettingOr(const std::string& name, int64_t fallback);

  const JwtCodec& codec_;
  storage::Storage& storage_;
  const core::Clock& clock_;
  TokenLifetimes lifetimes_;
};

}  // namespace dh::auth
