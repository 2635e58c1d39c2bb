#include "service/user_service.hpp"

#include <cctype>

#include "auth/access.hpp"
#include "auth/password.hpp"
#include "core/strings.hpp"
#include "service/validation.hpp"

namespace dh::service {
namespace {

constexpr std::string_view kLoginLength =
    "Field login cannot be empty. The length of login should not be more than 128 symbols.";
constexpr std::string_view kLoginChars =
    "Login can contain only letters, digits and the characters @ . _ -";
constexpr std::string_view kBadPassword = "Password can contain only from 6 to 128 symbols!";

core::Error DuplicateLogin() {
  return core::Fail(core::Errc::kForbidden,
                    "User with such login already exists. Please, select another one");
}

std::optional<std::string> Printed(const std::optional<int64_t>& value) {
  if (!value) return std::nullopt;
  return std::to_string(*value);
}

// The field checks of DeviceHive's UserUpdate (role 0..1, status 0..2, lengths).
void CheckFields(Violations& v, const UserUpdate& update) {
  v.CheckLength("login", update.login, 1, 128, kLoginLength);
  if (update.role && *update.role > 1) {
    v.Add("role", Printed(update.role), "The value of role should not be more than 1.");
  }
  if (update.role && *update.role < 0) {
    v.Add("role", Printed(update.role), "The value of role should not be less than 0.");
  }
  if (update.status && *update.status > 2) {
    v.Add("status", Printed(update.status), "The value of status should not be more than 2.");
  }
  if (update.status && *update.status < 0) {
    v.Add("status", Printed(update.status), "The value of status should not be less than 0.");
  }
  if (update.password && update.password->size() > 128) {
    v.Add("password", std::string("******"),
          "The length of password should not be more than 128 symbols.");
  }
}

bool IsLoginChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '@' || c == '.' ||
         c == '-';
}

// The stored login rules: 1-128 characters of [\w@.-] (after trimming).
core::Status CheckLogin(const std::string& login) {
  Violations v;
  v.CheckLength("login", login, 1, 128, kLoginLength);
  for (char c : login) {
    if (!IsLoginChar(c)) {
      v.Add("login", login, kLoginChars);
      break;
    }
  }
  return v.Result();
}

core::Status CheckPassword(const std::string& password) {
  if (password.size() < 6 || password.size() > 128) {
    return core::Fail(core::Errc::kBadRequest, std::string(kBadPassword));
  }
  return {};
}

}  // namespace

core::Error UserNotFound(int64_t id) {
  return core::Fail(core::Errc::kNotFound, "User with id = " + std::to_string(id) + " not found");
}

core::Result<std::vector<domain::User>> UserService::List(const auth::Principal& principal,
                                                          const storage::UserQuery& query) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageUser));
  return storage_.users().List(query);
}

core::Result<int64_t> UserService::Count(const auth::Principal& principal,
                                         const storage::UserFilter& filter) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageUser));
  return storage_.users().Count(filter);
}

core::Result<UserWithNetworks> UserService::Get(const auth::Principal& principal, int64_t id) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageUser));
  if (!principal.is_admin() && principal.user->id != id) {
    auto error = UserNotFound(id);
    error.code = core::Errc::kForbidden;
    error.body_code = 404;
    return error;
  }
  DH_TRY(auto user, storage_.users().Get(id));
  if (!user) return UserNotFound(id);
  DH_TRY(auto networks, storage_.links().Networks(id));
  return UserWithNetworks{std::move(*user), std::move(networks)};
}

core::Result<UserWithNetworks> UserService::GetCurrent(const auth::Principal& principal) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kGetCurrentUser));
  DH_TRY(auto user, storage_.users().Get(principal.user->id));
  if (!user) return core::Fail(core::Errc::kConflict, "Can not get current user.");
  DH_TRY(auto networks, storage_.links().Networks(user->id));
  return UserWithNetworks{std::move(*user), std::move(networks)};
}

core::Result<domain::User> UserService::Create(const auth::Principal& principal,
                                               const UserUpdate& update) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageUser));
  Violations violations;
  CheckFields(violations, update);
  violations.CheckNotNull("login", update.login, "login field cannot be null.");
  DH_CHECK(violations.Result());
  if (!update.role) return core::Fail(core::Errc::kBadRequest, "User role is invalid or empty");

  domain::User user;
  user.login = std::string(core::Trim(*update.login));
  DH_CHECK(CheckLogin(user.login));
  DH_TRY(auto existing, storage_.users().FindByLogin(user.login));
  if (existing) return DuplicateLogin();
  if (!update.password) return core::Fail(core::Errc::kBadRequest, std::string(kBadPassword));
  DH_CHECK(CheckPassword(*update.password));

  user.role = static_cast<domain::UserRole>(*update.role);
  user.status = static_cast<domain::UserStatus>(update.status.value_or(0));
  user.password_hash = auth::HashPassword(*update.password);
  user.data = update.data;
  user.intro_reviewed = update.intro_reviewed.value_or(false);
  user.all_device_types_available = update.all_device_types_available.value_or(true);
  auto created = storage_.users().Create(user);
  if (!created && created.error().code == core::Errc::kConflict) return DuplicateLogin();
  return created;
}

core::Status UserService::Apply(const auth::Principal& principal, domain::User& user,
                                const UserUpdate& update) {
  if (!principal.is_admin() && (update.login || update.status || update.role)) {
    return core::Fail(core::Errc::kForbidden, "Admin permissions required for this action");
  }
  Violations violations;
  CheckFields(violations, update);
  DH_CHECK(violations.Result());
  if (update.login) {
    const std::string login(core::Trim(*update.login));
    DH_CHECK(CheckLogin(login));
    DH_TRY(auto holder, storage_.users().FindByLogin(login));
    if (holder && holder->id != user.id) return DuplicateLogin();
    user.login = login;
  }
  if (update.password && !update.password->empty()) {
    DH_CHECK(CheckPassword(*update.password));
    user.password_hash = auth::HashPassword(*update.password);
  }
  if (update.role) user.role = static_cast<domain::UserRole>(*update.role);
  if (update.status) user.status = static_cast<domain::UserStatus>(*update.status);
  user.data = update.data;
  if (update.intro_reviewed) user.intro_reviewed = *update.intro_reviewed;
  auto updated = storage_.users().Update(user);
  if (!updated && updated.error().code == core::Errc::kConflict) return DuplicateLogin();
  if (!updated) return updated.error();
  if (!*updated) return UserNotFound(user.id);
  if (user.status != domain::UserStatus::kActive) Revoked(user.id);
  return {};
}

core::Status UserService::Update(const auth::Principal& principal, int64_t id,
                                 const UserUpdate& update) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageUser));
  DH_TRY(auto user, storage_.users().Get(id));
  if (!user) return UserNotFound(id);
  return Apply(principal, *user, update);
}

core::Status UserService::UpdateCurrent(const auth::Principal& principal,
                                        const UserUpdate& update) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kUpdateCurrentUser));
  DH_TRY(auto user, storage_.users().Get(principal.user->id));
  if (!user) return core::Fail(core::Errc::kConflict, "Can not get current user.");
  return Apply(principal, *user, update);
}

core::Status UserService::Delete(const auth::Principal& principal, int64_t id) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManageUser));
  if (principal.user->id == id) {
    return core::Fail(core::Errc::kForbidden,
                      "You can not delete a user or access key that you use to authenticate "
                      "this request");
  }
  DH_TRY(const bool deleted, storage_.users().Delete(id));
  if (!deleted) return UserNotFound(id);
  Revoked(id);
  return {};
}

}  // namespace dh::service
