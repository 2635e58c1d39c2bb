#include "storage/sqlite/user_store.hpp"

#include "storage/sqlite/sql_builder.hpp"

namespace dh::storage::sqlite {
namespace {

constexpr const char* kSelectUsers =
    "SELECT id, login, password_hash, role, status, login_attempts, last_login, data, "
    "intro_reviewed, all_device_types_available FROM dh_user";

// Binds every column but id, in the order of kUserColumns, starting at index 1.
constexpr const char* kUserColumns =
    "login, password_hash, role, status, login_attempts, last_login, data, intro_reviewed, "
    "all_device_types_available";

void BindUser(Statement& statement, const domain::User& user) {
  std::optional<int64_t> last_login;
  if (user.last_login) last_login = core::ToEpochMs(*user.last_login);
  statement.Bind(1, user.login)
      .Bind(2, user.password_hash)
      .Bind(3, int64_t{static_cast<int>(user.role)})
      .Bind(4, int64_t{static_cast<int>(user.status)})
      .Bind(5, int64_t{user.login_attempts})
      .Bind(6, last_login)
      .Bind(7, user.data)
      .Bind(8, int64_t{user.intro_reviewed})
      .Bind(9, int64_t{user.all_device_types_available});
}

void Restrict(SqlBuilder& builder, const UserFilter& filter) {
  if (filter.login_pattern) {
    builder.Where("login LIKE ?").Param(*filter.login_pattern);
  } else if (filter.login) {
    builder.Where("login = ?").Param(*filter.login);
  }
  if (filter.role) builder.Where("role = ?").Param(int64_t{*filter.role});
  if (filter.status) builder.Where("status = ?").Param(int64_t{*filter.status});
}

}  // namespace

core::Result<std::vector<domain::User>> SqliteUserStore::Select(const SqlBuilder& builder) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  std::vector<domain::User> users;
  for (;;) {
    DH_TRY(const bool has_row, statement.Step());
    if (!has_row) return users;
    domain::User user;
    user.id = statement.Int(0);
    user.login = statement.Text(1);
    user.password_hash = statement.Text(2);
    user.role = static_cast<domain::UserRole>(statement.Int(3));
    user.status = static_cast<domain::UserStatus>(statement.Int(4));
    user.login_attempts = static_cast<int>(statement.Int(5));
    if (auto ms = statement.OptInt(6)) user.last_login = core::FromEpochMs(*ms);
    user.data = statement.OptText(7);
    user.intro_reviewed = statement.Bool(8);
    user.all_device_types_available = statement.Bool(9);
    users.push_back(std::move(user));
  }
}

core::Result<domain::User> SqliteUserStore::Create(const domain::User& user) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(std::string("INSERT INTO dh_user (") + kUserColumns +
                                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindUser(statement, user);
  DH_CHECK(statement.Run());
  domain::User created = user;
  created.id = connection->LastInsertId();
  return created;
}

core::Result<std::optional<domain::User>> SqliteUserStore::Get(int64_t id) {
  SqlBuilder builder(kSelectUsers);
  builder.Where("id = ?").Param(id);
  DH_TRY(auto users, Select(builder));
  if (users.empty()) return std::optional<domain::User>();
  return std::optional<domain::User>(std::move(users.front()));
}

core::Result<std::optional<domain::User>> SqliteUserStore::FindByLogin(const std::string& login) {
  SqlBuilder builder(kSelectUsers);
  builder.Where("login = ?").Param(login);
  DH_TRY(auto users, Select(builder));
  if (users.empty()) return std::optional<domain::User>();
  return std::optional<domain::User>(std::move(users.front()));
}

core::Result<std::vector<domain::User>> SqliteUserStore::List(const UserQuery& query) {
  SqlBuilder builder(kSelectUsers);
  Restrict(builder, query.filter);
  const char* column = query.sort == UserSort::kId      ? "id"
                       : query.sort == UserSort::kLogin ? "login"
                                                        : "";
  builder.OrderAndPage(column, query.order, "id", query.page);
  return Select(builder);
}

core::Result<int64_t> SqliteUserStore::Count(const UserFilter& filter) {
  SqlBuilder builder("SELECT count(*) FROM dh_user");
  Restrict(builder, filter);
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  DH_TRY(const bool has_row, statement.Step());
  return has_row ? statement.Int(0) : 0;
}

core::Result<bool> SqliteUserStore::Update(const domain::User& user) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(
      auto statement,
      connection->Prepare("UPDATE dh_user SET login = ?, password_hash = ?, role = ?, status = ?, "
                          "login_attempts = ?, last_login = ?, data = ?, intro_reviewed = ?, "
                          "all_device_types_available = ? WHERE id = ?"));
  BindUser(statement, user);
  DH_CHECK(statement.Bind(10, user.id).Run());
  return connection->Changes() > 0;
}

core::Result<bool> SqliteUserStore::Delete(int64_t id) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare("DELETE FROM dh_user WHERE id = ?"));
  DH_CHECK(statement.Bind(1, id).Run());
  return connection->Changes() > 0;
}

}  // namespace dh::storage::sqlite
