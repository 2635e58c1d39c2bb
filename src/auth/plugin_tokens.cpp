#include "auth/plugin_tokens.hpp"

#include "auth/access.hpp"

namespace dh::auth {
namespace {

core::Error Unauthorized(std::string message) {
  return core::Fail(core::Errc::kUnauthorized, std::move(message));
}

core::Error Forbidden(std::string message) {
  return core::Fail(core::Errc::kForbidden, std::move(message));
}

}  // namespace

TokenPair PluginTokens::Issue(const std::string& topic,
                              std::optional<core::Timestamp> expiration) const {
  TokenPayload access;
  access.topic = topic;
  access.actions = {static_cast<int>(Action::kManagePlugin)};
  access.type = TokenType::kAccess;
  access.expiration = expiration.value_or(clock_.Now() + lifetimes_.access);
  TokenPayload refresh = access;
  refresh.type = TokenType::kRefresh;
  refresh.expiration = clock_.Now() + lifetimes_.refresh;
  return TokenPair{codec_.Sign(access), codec_.Sign(refresh)};
}

core::Result<TokenPair> PluginTokens::Create(const Principal& caller,
                                             const PluginTokenRequest& request) const {
  DH_CHECK(RequireAction(caller, Action::kManagePlugin));
  const std::string kInvalidTopic = "No permisions or invalid topic name";
  if (request.topic.empty()) return Forbidden(kInvalidTopic);
  DH_TRY(auto plugin, storage_.plugins().FindByTopic(request.topic));
  if (!plugin) return Forbidden(kInvalidTopic);
  if (caller.plugin_topic) {
    if (*caller.plugin_topic != plugin->topic_name) return Forbidden(kInvalidTopic);
  } else if (!caller.is_admin() && caller.user->id != plugin->user_id) {
    return Forbidden("User with id " + std::to_string(caller.user->id) +
                     " is not a plugin creator");
  }
  return Issue(plugin->topic_name, request.expiration);
}

core::Result<TokenPayload> PluginTokens::Authenticate(std::string_view token) const {
  if (token.empty()) return Unauthorized("Token is empty");
  auto payload = codec_.Verify(token);
  if (!payload || !payload->topic) return Unauthorized("Token is not valid");
  if (payload->type != TokenType::kAccess) return Unauthorized("Invalid token type");
  if (payload->expiration < clock_.Now()) return Unauthorized("Token has expired");
  DH_TRY(auto plugin, storage_.plugins().FindByTopic(*payload->topic));
  if (!plugin) return Unauthorized("Plugin is not found");
  return *payload;
}

}  // namespace dh::auth
