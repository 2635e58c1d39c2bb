// The storage contract for users.
#include <algorithm>
#include <string>
#include <vector>

#include "contract/storage_contract.hpp"

namespace dh::test {
namespace {

using domain::UserRole;
using domain::UserStatus;
using storage::SortOrder;
using storage::UserQuery;
using storage::UserSort;

std::vector<std::string> Logins(const std::vector<domain::User>& users) {
  std::vector<std::string> logins;
  for (const auto& user : users) logins.push_back(user.login);
  return logins;
}

std::vector<std::string> SortedLogins(const std::vector<domain::User>& users) {
  auto logins = Logins(users);
  std::sort(logins.begin(), logins.end());
  return logins;
}

domain::User FullUser() {
  domain::User user;
  user.id = 999;
  user.login = "full";
  user.password_hash = "$argon2id$fake";
  user.role = UserRole::kClient;
  user.status = UserStatus::kLockedOut;
  user.login_attempts = 3;
  user.last_login = core::FromEpochMs(1527252774123);
  user.data = R"({"a":1})";
  user.intro_reviewed = true;
  user.all_device_types_available = false;
  return user;
}

void ExpectSameFields(const domain::User& actual, const domain::User& expected) {
  EXPECT_EQ(actual.login, expected.login);
  EXPECT_EQ(actual.password_hash, expected.password_hash);
  EXPECT_EQ(actual.role, expected.role);
  EXPECT_EQ(actual.status, expected.status);
  EXPECT_EQ(actual.login_attempts, expected.login_attempts);
  EXPECT_EQ(actual.last_login, expected.last_login);
  EXPECT_EQ(actual.data, expected.data);
  EXPECT_EQ(actual.intro_reviewed, expected.intro_reviewed);
  EXPECT_EQ(actual.all_device_types_available, expected.all_device_types_available);
}

domain::User NewUser(const std::string& login, UserRole role = UserRole::kClient,
                     UserStatus status = UserStatus::kActive) {
  domain::User user;
  user.login = login;
  user.password_hash = "hash";
  user.role = role;
  user.status = status;
  return user;
}

// Users alice (client), bob (admin), carol (client, disabled), besides the seeded dhadmin.
void CreateCast(storage::UserStore& users) {
  ASSERT_TRUE(users.Create(NewUser("alice")));
  ASSERT_TRUE(users.Create(NewUser("bob", UserRole::kAdmin)));
  ASSERT_TRUE(users.Create(NewUser("carol", UserRole::kClient, UserStatus::kDisabled)));
}

std::vector<domain::User> List(storage::UserStore& users, const UserQuery& query) {
  auto listed = users.List(query);
  EXPECT_TRUE(listed) << listed.error().message;
  return listed ? *listed : std::vector<domain::User>();
}

TEST_P(StorageContract, UserCreateStoresEveryField) {
  const auto created = store().users().Create(FullUser()).value();
  const auto read = store().users().Get(created.id).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, created.id);
  ExpectSameFields(*read, FullUser());
  ExpectSameFields(created, FullUser());
}

TEST_P(StorageContract, UserCreateIgnoresTheGivenId) {
  auto user = FullUser();
  const auto first = store().users().Create(user).value();
  user.login = "second";
  const auto second = store().users().Create(user).value();
  EXPECT_NE(first.id, second.id);
  EXPECT_NE(first.id, 1);
  EXPECT_EQ(store().users().Get(second.id).value()->login, "second");
}

TEST_P(StorageContract, UserOptionalFieldsMayBeNull) {
  const auto created = CreateUser("sparse");
  const auto read = store().users().Get(created.id).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->last_login, std::nullopt);
  EXPECT_EQ(read->data, std::nullopt);
}

TEST_P(StorageContract, UserDuplicateLoginIsConflict) {
  CreateUser("twin");
  domain::User again;
  again.login = "twin";
  again.password_hash = "x";
  auto created = store().users().Create(again);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, core::Errc::kConflict);
  again.login = "dhadmin";
  created = store().users().Create(again);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code, core::Errc::kConflict);
}

TEST_P(StorageContract, UserUnknownIdOrLoginIsEmpty) {
  EXPECT_EQ(store().users().Get(424242).value(), std::nullopt);
  EXPECT_EQ(store().users().FindByLogin("nobody").value(), std::nullopt);
}

TEST_P(StorageContract, UserFindByLoginIsExactAndCaseSensitive) {
  const auto user = CreateUser("Mixed");
  const auto found = store().users().FindByLogin("Mixed").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, user.id);
  EXPECT_EQ(store().users().FindByLogin("mixed").value(), std::nullopt);
  EXPECT_EQ(store().users().FindByLogin("Mix%").value(), std::nullopt);
}

TEST_P(StorageContract, UserUpdateOverwritesEveryField) {
  const auto created = CreateUser("before");
  auto changed = FullUser();
  changed.id = created.id;
  changed.login = "after";
  EXPECT_TRUE(store().users().Update(changed).value());
  const auto read = store().users().Get(created.id).value();
  ASSERT_TRUE(read);
  ExpectSameFields(*read, changed);

  // Back to nulls: an update writes them too.
  changed.last_login = std::nullopt;
  changed.data = std::nullopt;
  EXPECT_TRUE(store().users().Update(changed).value());
  EXPECT_EQ(store().users().Get(created.id).value()->last_login, std::nullopt);
  EXPECT_EQ(store().users().Get(created.id).value()->data, std::nullopt);
}

TEST_P(StorageContract, UserUpdateOfUnknownIdIsFalse) {
  auto ghost = FullUser();
  ghost.id = 424242;
  EXPECT_FALSE(store().users().Update(ghost).value());
  EXPECT_EQ(store().users().FindByLogin(ghost.login).value(), std::nullopt);
}

TEST_P(StorageContract, UserUpdateToTakenLoginIsConflict) {
  auto user = CreateUser("mine");
  user.login = "dhadmin";
  auto updated = store().users().Update(user);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, core::Errc::kConflict);
  EXPECT_EQ(store().users().Get(user.id).value()->login, "mine");
}

TEST_P(StorageContract, UserDeleteRemovesTheUserOnce) {
  const auto user = CreateUser("doomed");
  EXPECT_TRUE(store().users().Delete(user.id).value());
  EXPECT_EQ(store().users().Get(user.id).value(), std::nullopt);
  EXPECT_EQ(store().users().FindByLogin("doomed").value(), std::nullopt);
  EXPECT_FALSE(store().users().Delete(user.id).value());
  EXPECT_FALSE(store().users().Delete(424242).value());
}

TEST_P(StorageContract, UserListWithoutFilterHasEveryone) {
  CreateCast(store().users());
  EXPECT_EQ(SortedLogins(List(store().users(), {})),
            (std::vector<std::string>{"alice", "bob", "carol", "dhadmin"}));
  EXPECT_EQ(store().users().Count({}).value(), 4);
}

TEST_P(StorageContract, UserListFiltersByLoginRoleAndStatus) {
  CreateCast(store().users());
  UserQuery query;
  query.filter.login = "bob";
  EXPECT_EQ(Logins(List(store().users(), query)), std::vector<std::string>{"bob"});

  query = {};
  query.filter.role = static_cast<int>(UserRole::kAdmin);
  EXPECT_EQ(SortedLogins(List(store().users(), query)),
            (std::vector<std::string>{"bob", "dhadmin"}));
  EXPECT_EQ(store().users().Count(query.filter).value(), 2);

  query = {};
  query.filter.status = static_cast<int>(UserStatus::kDisabled);
  EXPECT_EQ(Logins(List(store().users(), query)), std::vector<std::string>{"carol"});

  query = {};
  query.filter.role = static_cast<int>(UserRole::kClient);
  query.filter.status = static_cast<int>(UserStatus::kActive);
  EXPECT_EQ(Logins(List(store().users(), query)), std::vector<std::string>{"alice"});
  EXPECT_EQ(store().users().Count(query.filter).value(), 1);
}

TEST_P(StorageContract, UserLoginPatternTakesPrecedenceOverLogin) {
  CreateCast(store().users());
  UserQuery query;
  query.filter.login = "alice";
  query.filter.login_pattern = "%o%";
  EXPECT_EQ(SortedLogins(List(store().users(), query)), (std::vector<std::string>{"bob", "carol"}));
  EXPECT_EQ(store().users().Count(query.filter).value(), 2);
}

TEST_P(StorageContract, UserLoginPatternIsCaseSensitive) {
  CreateCast(store().users());
  UserQuery query;
  query.filter.login_pattern = "A%";
  EXPECT_TRUE(List(store().users(), query).empty());
  query.filter.login_pattern = "a%";
  EXPECT_EQ(Logins(List(store().users(), query)), std::vector<std::string>{"alice"});
  query.filter.login_pattern = "_ob";
  EXPECT_EQ(Logins(List(store().users(), query)), std::vector<std::string>{"bob"});
}

TEST_P(StorageContract, UserListOrdersByLogin) {
  CreateCast(store().users());
  UserQuery query;
  query.sort = UserSort::kLogin;
  EXPECT_EQ(Logins(List(store().users(), query)),
            (std::vector<std::string>{"alice", "bob", "carol", "dhadmin"}));
  query.order = SortOrder::kDesc;
  EXPECT_EQ(Logins(List(store().users(), query)),
            (std::vector<std::string>{"dhadmin", "carol", "bob", "alice"}));
}

TEST_P(StorageContract, UserListOrdersById) {
  CreateCast(store().users());
  UserQuery query;
  query.sort = UserSort::kId;
  EXPECT_EQ(Logins(List(store().users(), query)),
            (std::vector<std::string>{"dhadmin", "alice", "bob", "carol"}));
  query.order = SortOrder::kDesc;
  EXPECT_EQ(Logins(List(store().users(), query)),
            (std::vector<std::string>{"carol", "bob", "alice", "dhadmin"}));
}

TEST_P(StorageContract, UserListPagesWithTakeAndSkip) {
  CreateCast(store().users());
  UserQuery query;
  query.sort = UserSort::kLogin;
  query.page.take = 2;
  query.page.skip = 1;
  EXPECT_EQ(Logins(List(store().users(), query)), (std::vector<std::string>{"bob", "carol"}));
  query.page.take = std::nullopt;
  query.page.skip = 3;
  EXPECT_EQ(Logins(List(store().users(), query)), std::vector<std::string>{"dhadmin"});
  query.page.take = 0;
  query.page.skip = 0;
  EXPECT_TRUE(List(store().users(), query).empty());
  query.page.take = 5;
  query.page.skip = 4;
  EXPECT_TRUE(List(store().users(), query).empty());
}

}  // namespace

}  // namespace dh::test
