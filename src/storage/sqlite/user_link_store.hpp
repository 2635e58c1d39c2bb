#pragma once
#include "storage/sqlite/pool.hpp"
#include "storage/user_link_store.hpp"

namespace dh::storage::sqlite {

class SqliteUserLinkStore final : public UserLinkStore {
 public:
  explicit SqliteUserLinkStore(ConnectionPool& pool) : pool_(pool) {}

  core::Status LinkNetwork(int64_t user_id, int64_t network_id) override;
  core::Result<bool> UnlinkNetwork(int64_t user_id, int64_t network_id) override;
  core::Result<std::vector<domain::Network>> Networks(int64_t user_id) override;
  core::Status LinkDeviceType(int64_t user_id, int64_t device_type_id) override;
  core::Result<bool> UnlinkDeviceType(int64_t user_id, int64_t device_type_id) override;
  core::Status UnlinkAllDeviceTypes(int64_t user_id) override;
  core::Result<std::vector<domain::DeviceType>> DeviceTypes(int64_t user_id) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace dh::storage::sqlite
