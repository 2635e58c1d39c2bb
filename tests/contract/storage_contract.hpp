#pragma once
// The contract every storage::Storage backend must meet. A backend joins the suite with one
// file that instantiates it with a factory:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StorageContract, ::testing::Values(StorageFactory(...)));
// The factory returns a FRESH storage (migrated, holding only the seed data) that owns whatever
// it needs to live (a temp dir, a scratch schema). The tests use the Storage interface only.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "storage/storage.hpp"

namespace dh::test {

using StorageFactory = std::function<std::unique_ptr<storage::Storage>()>;

class StorageContract : public ::testing::TestWithParam<StorageFactory> {
 protected:
  void SetUp() override;

  storage::Storage& store() { return *storage_; }

  // Shorthands that fail the test when the storage reports an error.
  domain::User CreateUser(const std::string& login,
                          domain::UserRole role = domain::UserRole::kClient);
  domain::Network CreateNetwork(const std::string& name,
                                std::optional<std::string> description = std::nullopt);
  domain::DeviceType CreateDeviceType(const std::string& name,
                                      std::optional<std::string> description = std::nullopt);
  void SaveDevice(const std::string& id, const std::string& name, int64_t network_id,
                  int64_t device_type_id, bool blocked = false);

 private:
  std::unique_ptr<storage::Storage> storage_;
};

}  // namespace dh::test
