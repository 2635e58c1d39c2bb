#pragma once
// Plugin tokens (spec §3.8): `{"tpc":topic,"a":[16],"e":ms,"t":1|0}`. A plugin token carries
// only ManagePlugin, whatever actions a caller asks for: that is all a plugin needs (connect to
// the proxy, manage its own plugin), and more would let it act as its owner.
#include <optional>
#include <string>
#include <string_view>

#include "auth/principal.hpp"
#include "auth/token_service.hpp"

namespace dh::auth {

struct PluginTokenRequest {
  std::string topic;                          // `tpc`
  std::optional<core::Timestamp> expiration;  // `e`: of the access token; default now + TTL
};

class PluginTokens {
 public:
  PluginTokens(const JwtCodec& codec, storage::Storage& storage, const core::Clock& clock,
               TokenLifetimes lifetimes)
      : codec_(codec), storage_(storage), clock_(clock), lifetimes_(lifetimes) {}

  // The pair returned by a plugin's registration.
  TokenPair Issue(const std::string& topic, std::optional<core::Timestamp> expiration = {}) const;
  // POST /token/plugin/create. Needs ManagePlugin; the topic must be a plugin the caller owns
  // (any plugin for an admin, its own for a plugin token): else 403 "No permisions or invalid
  // topic name", or "User with id N is not a plugin creator".
  core::Result<TokenPair> Create(const Principal& caller, const PluginTokenRequest& request) const;
  // GET /token/plugin/authenticate: the payload of a valid plugin access token; 401 "Token is
  // empty", "Token is not valid", "Invalid token type", "Token has expired", "Plugin is not
  // found".
  core::Result<TokenPayload> Authenticate(std::string_view token) const;

 private:
  const JwtCodec& codec_;
  storage::Storage& storage_;
  const core::Clock& clock_;
  TokenLifetimes lifetimes_;
};

}  // namespace dh::auth
