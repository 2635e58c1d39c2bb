#pragma once
#include "storage/plugin_store.hpp"
#include "storage/sqlite/pool.hpp"

namespace dh::storage::sqlite {

class SqlBuilder;

class SqlitePluginStore final : public PluginStore {
 public:
  explicit SqlitePluginStore(ConnectionPool& pool) : pool_(pool) {}

  core::Result<domain::Plugin> Create(const domain::Plugin& plugin) override;
  core::Result<std::optional<domain::Plugin>> FindByTopic(const std::string& topic) override;
  core::Result<std::vector<domain::Plugin>> List(const PluginQuery& query) override;
  core::Result<int64_t> Count(const PluginFilter& filter) override;
  core::Result<bool> Update(const domain::Plugin& plugin) override;
  core::Result<bool> Delete(int64_t id) override;
  core::Result<int64_t> DeactivateAll() override;

 private:
  core::Result<std::vector<domain::Plugin>> Select(const SqlBuilder& builder);

  ConnectionPool& pool_;
};

}  // namespace dh::storage::sqlite
