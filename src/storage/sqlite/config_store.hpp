#pragma once
#include "storage/config_store.hpp"
#include "storage/sqlite/pool.hpp"

namespace dh::storage::sqlite {

class SqliteConfigStore final : public ConfigStore {
 public:
  explicit SqliteConfigStore(ConnectionPool& pool) : pool_(pool) {}

  core::Result<std::optional<domain::Configuration>> Get(const std::string& name) override;
  core::Result<domain::Configuration> Put(const std::string& name,
                                          const std::string& value) override;
  core::Result<bool> Delete(const std::string& name) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace dh::storage::sqlite
