#include "auth/authenticator.hpp"

#include "auth/access.hpp"
#include "auth/user_rights.hpp"
#include "core/strings.hpp"

namespace dh::auth {
namespace {

core::Error Unauthorized() {
  return core::Fail(core::Errc::kUnauthorized, std::string(kUnauthorized));
}

}  // namespace

core::Result<Principal> Authenticator::FromHeader(std::string_view authorization) const {
  authorization = core::Trim(authorization);
  if (authorization.empty()) return Principal{};
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() ||
      !core::EqualsIgnoreCase(authorization.substr(0, kBearer.size()), kBearer)) {
    return Unauthorized();
  }
  return FromToken(core::Trim(authorization.substr(kBearer.size())));
}

core::Result<Principal> Authenticator::FromToken(std::string_view token) const {
  auto payload = verified_.Find(token);
  if (!payload) {
    auto verified = codec_.Verify(token);
    if (!verified) return Unauthorized();
    payload = std::make_shared<const TokenPayload>(std::move(*verified));
    verified_.Insert(token, payload);
  }
  if (payload->type != TokenType::kAccess) return Unauthorized();
  if (payload->expiration < clock_.Now()) {
    return core::Fail(core::Errc::kUnauthorized, std::string(kTokenExpired));
  }
  if (!payload->user_id) return payload->topic ? ForPlugin(*payload) : Unauthorized();
  DH_TRY(auto user, storage_.users().Get(*payload->user_id));
  if (!user || user->status != domain::UserStatus::kActive) return Unauthorized();
  return Principal::ForUser(std::move(*user), *payload);
}

core::Result<Principal> Authenticator::ForPlugin(const TokenPayload& payload) const {
  DH_TRY(auto plugin, storage_.plugins().FindByTopic(*payload.topic));
  if (!plugin) return Unauthorized();
  DH_TRY(auto owner, storage_.users().Get(plugin->user_id));
  if (!owner || owner->status != domain::UserStatus::kActive) return Unauthorized();
  DH_TRY(auto rights, UserRights(storage_, std::move(*owner)));
  return Principal::ForPlugin(std::move(rights), payload);
}

}  // namespace dh::auth
