#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/user.hpp"
#include "storage/query.hpp"

namespace dh::storage {

struct UserFilter {
  std::optional<std::string> login;
  std::optional<std::string> login_pattern;  // takes precedence over login, as in DeviceHive
  std::optional<int> role;
  std::optional<int> status;
};

enum class UserSort { kNone, kId, kLogin };

struct UserQuery {
  UserFilter filter;
  UserSort sort = UserSort::kNone;
  SortOrder order = SortOrder::kAsc;
  Page page;
};

// Users. Thread-safe; each method is atomic. Failures: kConflict for a duplicate login,
// kUnavailable when the database is busy or down.
class UserStore {
 public:
  virtual ~UserStore() = default;

  // Inserts a new user (user.id is ignored) and returns it with its id.
  virtual core::Result<domain::User> Create(const domain::User& user) = 0;
  virtual core::Result<std::optional<domain::User>> Get(int64_t id) = 0;
  virtual core::Result<std::optional<domain::User>> FindByLogin(const std::string& login) = 0;
  virtual core::Result<std::vector<domain::User>> List(const UserQuery& query) = 0;
  virtual core::Result<int64_t> Count(const UserFilter& filter) = 0;
  // Overwrites every field of user user.id; false when there is no such user.
  virtual core::Result<bool> Update(const domain::User& user) = 0;
  // Deletes the user and its links; false when there is no such user.
  virtual core::Result<bool> Delete(int64_t id) = 0;
};

}  // namespace dh::storage
