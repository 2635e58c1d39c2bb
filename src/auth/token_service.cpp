#include "auth/token_service.hpp"

#include <algorithm>
#include <charconv>

#include "auth/access.hpp"
#include "auth/password.hpp"
#include "core/strings.hpp"

namespace dh::auth {
namespace {

core::Error Unauthorized(std::string_view message = kUnauthorized) {
  return core::Fail(core::Errc::kUnauthorized, std::string(message));
}

std::vector<std::string> ToStrings(const std::vector<int64_t>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(std::to_string(id));
  return out;
}

// Narrows a requested `n`/`dt` list to what the caller holds itself.
std::optional<std::vector<std::string>> Narrow(
    const std::optional<std::vector<std::string>>& wanted, bool caller_has_all,
    const std::vector<int64_t>& caller_ids) {
  if (!wanted || caller_has_all) return wanted;
  const auto allowed = ToStrings(caller_ids);
  const bool star = std::find(wanted->begin(), wanted->end(), "*") != wanted->end();
  if (star) return allowed;
  std::vector<std::string> out;
  for (const auto& id : *wanted) {
    if (std::find(allowed.begin(), allowed.end(), id) != allowed.end()) out.push_back(id);
  }
  return out;
}

}  // namespace

core::Result<int64_t> TokenService::SettingOr(const std::string& name, int64_t fallback) {
  DH_TRY(auto setting, storage_.configuration().Get(name));
  if (!setting) return fallback;
  int64_t value = 0;
  const auto& text = setting->value;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size() ? value : fallback;
}

TokenPair TokenService::Issue(TokenPayload access,
                              std::optional<core::Timestamp> refresh_expiration) {
  TokenPayload refresh = access;
  refresh.type = TokenType::kRefresh;
  refresh.expiration = refresh_expiration.value_or(clock_.Now() + lifetimes_.refresh);
  access.type = TokenType::kAccess;
  return TokenPair{codec_.Sign(access), codec_.Sign(refresh)};
}

core::Result<TokenPayload> TokenService::LoginClaims(const domain::User& user) {
  TokenPayload claims;
  claims.user_id = user.id;
  claims.expiration = clock_.Now() + lifetimes_.access;
  if (user.is_admin()) {
    claims.actions = {static_cast<int>(Action::kAny)};
    claims.network_ids = std::vector<std::string>{"*"};
    claims.device_type_ids = std::vector<std::string>{"*"};
    return claims;
  }
  claims.actions = ClientActionIds();
  DH_TRY(auto networks, storage_.links().Networks(user.id));
  claims.network_ids.emplace();
  for (const auto& n : networks) claims.network_ids->push_back(std::to_string(n.id));
  if (user.all_device_types_available) {
    claims.device_type_ids = std::vector<std::string>{"*"};
  } else {
    DH_TRY(auto types, storage_.links().DeviceTypes(user.id));
    claims.device_type_ids.emplace();
    for (const auto& t : types) claims.device_type_ids->push_back(std::to_string(t.id));
  }
  return claims;
}

core::Status TokenService::RecordLogin(domain::User user) {
  DH_TRY(const int64_t timeout_ms, SettingOr("user.login.lastTimeout", 1000));
  const auto now = clock_.Now();
  const bool stale =
      !user.last_login || now - *user.last_login > std::chrono::milliseconds(timeout_ms);
  if (user.login_attempts == 0 && !stale) return {};
  user.login_attempts = 0;
  if (stale) user.last_login = now;
  DH_TRY([[maybe_unused]] bool updated, storage_.users().Update(user));
  return {};
}

core::Result<TokenPair> TokenService::Login(const std::string& login, const std::string& password) {
  if (core::Trim(login).empty() || password.empty()) {
    return core::Fail(core::Errc::kBadRequest, "Invalid or empty authorization request parameters");
  }
  DH_TRY(auto user, storage_.users().FindByLogin(login));
  if (!user) return Unauthorized("User with login = " + login + " not found or bad password");
  if (user->status != domain::UserStatus::kActive)
    return Unauthorized("User is locked or disabled");
  if (!VerifyPassword(user->password_hash, password)) {
    DH_TRY(const int64_t max_attempts, SettingOr("user.login.maxAttempts", 10));
    if (++user->login_attempts >= max_attempts) {
      user->status = domain::UserStatus::kLockedOut;
      user->login_attempts = 0;
    }
    DH_TRY([[maybe_unused]] bool updated, storage_.users().Update(*user));
    return Unauthorized("Invalid credentials");
  }
  DH_CHECK(RecordLogin(*user));
  DH_TRY(auto claims, LoginClaims(*user));
  return Issue(std::move(claims), std::nullopt);
}

core::Result<std::string> TokenService::Refresh(std::string_view refresh_token) {
  auto payload = codec_.Verify(refresh_token);
  if (!payload) return Unauthorized();
  if (payload->type != TokenType::kRefresh) return Unauthorized("Invalid token type");
  if (payload->expiration < clock_.Now()) return Unauthorized("Token has expired");
  if (!payload->user_id) {
    if (!payload->topic) return Unauthorized();
    DH_TRY(auto plugin, storage_.plugins().FindByTopic(*payload->topic));
    if (!plugin) return Unauthorized("Plugin is not found");
    payload->type = TokenType::kAccess;
    payload->expiration = clock_.Now() + lifetimes_.access;
    return codec_.Sign(*payload);
  }
  DH_TRY(auto user, storage_.users().Get(*payload->user_id));
  if (!user || user->status != domain::UserStatus::kActive) return Unauthorized();
  DH_CHECK(RecordLogin(*user));
  payload->type = TokenType::kAccess;
  payload->expiration = clock_.Now() + lifetimes_.access;
  return codec_.Sign(*payload);
}

core::Result<TokenPair> TokenService::Create(const Principal& caller, TokenRequest request) {
  DH_CHECK(RequireAction(caller, Action::kManageToken));
  if (!request.user_id) {
    return core::Fail(core::Errc::kBadRequest,
                      "Error! Make sure, that the passed object is correct and properly "
                      "structured. Validation failed: \nOn property userId (value: null): must "
                      "not be null ; ");
  }
  DH_TRY(auto user, storage_.users().Get(*request.user_id));
  if (!user) {
    return core::Fail(core::Errc::kNotFound,
                      "User with id = " + std::to_string(*request.user_id) + " not found");
  }
  if (user->status != domain::UserStatus::kActive) {
    return core::Fail(core::Errc::kForbidden, "User is locked or disabled");
  }
  TokenPayload claims;
  claims.user_id = user->id;
  claims.actions = request.actions.value_or(std::vector<int>{static_cast<int>(Action::kNone)});
  claims.network_ids = std::move(request.network_ids);
  claims.device_type_ids = std::move(request.device_type_ids);
  if (!caller.is_admin()) {
    if (caller.user->id != user->id) {
      return core::Fail(core::Errc::kForbidden, std::string(kAccessDenied));
    }
    const ActionSet granted = ActionSet::FromTokenIds(claims.actions);
    claims.actions.clear();
    for (int id = 2; id <= kMaxActionId; ++id) {
      const auto action = static_cast<Action>(id);
      if (granted.Contains(action) && caller.actions.Contains(action)) claims.actions.push_back(id);
    }
    if (claims.actions.empty()) claims.actions.push_back(static_cast<int>(Action::kNone));
    claims.network_ids = Narrow(claims.network_ids, caller.all_networks, caller.network_ids);
    claims.device_type_ids =
        Narrow(claims.device_type_ids, caller.all_device_types, caller.device_type_ids);
  }
  claims.expiration = request.expiration.value_or(clock_.Now() + lifetimes_.access);
  return Issue(std::move(claims),
               request.refresh_expiration ? request.refresh_expiration : request.expiration);
}

}  // namespace dh::auth
