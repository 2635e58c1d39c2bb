#pragma once
#include "storage/sqlite/pool.hpp"
#include "storage/user_store.hpp"

namespace dh::storage::sqlite {

class SqlBuilder;

class SqliteUserStore final : public UserStore {
 public:
  explicit SqliteUserStore(ConnectionPool& pool) : pool_(pool) {}

  core::Result<domain::User> Create(const domain::User& user) override;
  core::Result<std::optional<domain::User>> Get(int64_t id) override;
  core::Result<std::optional<domain::User>> FindByLogin(const std::string& login) override;
  core::Result<std::vector<domain::User>> List(const UserQuery& query) override;
  core::Result<int64_t> Count(const UserFilter& filter) override;
  core::Result<bool> Update(const domain::User& user) override;
  core::Result<bool> Delete(int64_t id) override;

 private:
  core::Result<std::vector<domain::User>> Select(const SqlBuilder& builder);

  ConnectionPool& pool_;
};

}  // namespace dh::storage::sqlite
