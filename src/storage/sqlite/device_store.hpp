#pragma once
#include "storage/device_store.hpp"
#include "storage/sqlite/pool.hpp"

namespace dh::storage::sqlite {

class SqlBuilder;

class SqliteDeviceStore final : public DeviceStore {
 public:
  explicit SqliteDeviceStore(ConnectionPool& pool) : pool_(pool) {}

  core::Result<std::optional<domain::Device>> Get(const std::string& id,
                                                  const DeviceScope& scope) override;
  core::Result<std::vector<domain::Device>> List(const DeviceQuery& query,
                                                 const DeviceScope& scope) override;
  core::Result<int64_t> Count(const DeviceFilter& filter, const DeviceScope& scope) override;
  core::Result<bool> Save(const domain::Device& device) override;
  core::Result<bool> Delete(const std::string& id) override;

 private:
  core::Result<std::vector<domain::Device>> Select(const SqlBuilder& builder);

  ConnectionPool& pool_;
};

}  // namespace dh::storage::sqlite
