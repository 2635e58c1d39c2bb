#pragma once
// Users (spec §3.6): CRUD with DeviceHive's validation and its rule that a CLIENT may change
// only its password, data and introReviewed.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/error.hpp"
#include "domain/named_entity.hpp"
#include "domain/user.hpp"
#include "storage/storage.hpp"

namespace dh::service {

// The body of user create/update (UserUpdate). On update, absent fields are unchanged except
// `data`, which is always replaced; `all_device_types_available` is honoured on create only.
struct UserUpdate {
  std::optional<std::string> login;
  std::optional<int64_t> role;
  std::optional<int64_t> status;
  std::optional<std::string> password;
  std::optional<std::string> data;
  std::optional<bool> intro_reviewed;
  std::optional<bool> all_device_types_available;
};

struct UserWithNetworks {
  domain::User user;
  std::vector<domain::Network> networks;
};

// Told when a user may no longer act: it was deleted, or its status left ACTIVE. Called after
// the change is stored, on the caller's thread; what runs on the user's behalf (its plugins'
// event flows) stops.
class UserRevocations {
 public:
  virtual ~UserRevocations() = default;
  virtual void UserRevoked(int64_t user_id) = 0;
};

class UserService {
 public:
  // `revocations` may be null.
  explicit UserService(storage::Storage& storage, UserRevocations* revocations = nullptr)
      : storage_(storage), revocations_(revocations) {}

  core::Result<std::vector<domain::User>> List(const auth::Principal& principal,
                                               const storage::UserQuery& query);
  core::Result<int64_t> Count(const auth::Principal& principal, const storage::UserFilter& filter);
  // A client asking for another user gets kForbidden with body code 404, as DeviceHive answers.
  core::Result<UserWithNetworks> Get(const auth::Principal& principal, int64_t id);
  core::Result<UserWithNetworks> GetCurrent(const auth::Principal& principal);
  core::Result<domain::User> Create(const auth::Principal& principal, const UserUpdate& update);
  core::Status Update(const auth::Principal& principal, int64_t id, const UserUpdate& update);
  core::Status UpdateCurrent(const auth::Principal& principal, const UserUpdate& update);
  // Refuses to delete the caller itself.
  core::Status Delete(const auth::Principal& principal, int64_t id);

 private:
  core::Status Apply(const auth::Principal& principal, domain::User& user,
                     const UserUpdate& update);

  void Revoked(int64_t user_id) {
    if (revocations_) revocations_->UserRevoked(user_id);
  }

  storage::Storage& storage_;
  UserRevocations* revocations_;
};

// "User with id = X not found" (404).
core::Error UserNotFound(int64_t id);

}  // namespace dh::service
