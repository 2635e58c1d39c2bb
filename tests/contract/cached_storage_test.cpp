// storage::CachedStorage in front of SQLite: the whole storage contract, then what a cache can
// get wrong: a stale device or user after a write anywhere, a scope decided from a cached row,
// the bound on its size.
#include "storage/cache/cached_storage.hpp"

#include <memory>
#include <string>

#include "contract/storage_contract.hpp"
#include "contract/temp_sqlite_storage.hpp"

namespace dh::test {
namespace {

using storage::CachedStorage;
using storage::DeviceScope;

// A cache over a fresh SQLite storage; `max_entries` bounds the caches.
class CachedSqliteStorage final : public storage::Storage {
 public:
  explicit CachedSqliteStorage(size_t max_entries = CachedStorage::kDefaultMaxEntries)
      : cached_(inner_, max_entries) {}

  storage::UserStore& users() override { return cached_.users(); }
  storage::NetworkStore& networks() override { return cached_.networks(); }
  storage::DeviceTypeStore& device_types() override { return cached_.device_types(); }
  storage::DeviceStore& devices() override { return cached_.devices(); }
  storage::UserLinkStore& links() override { return cached_.links(); }
  storage::ConfigStore& configuration() override { return cached_.configuration(); }
  storage::PluginStore& plugins() override { return cached_.plugins(); }

  // The database underneath, bypassing the cache.
  storage::Storage& inner() { return inner_; }

 private:
  TempSqliteStorage inner_;
  CachedStorage cached_;
};

INSTANTIATE_TEST_SUITE_P(CachedSqlite, StorageContract, ::testing::Values(StorageFactory([] {
                           return std::make_unique<CachedSqliteStorage>();
                         })));

domain::User NewUser(const std::string& login) {
  domain::User user;
  user.login = login;
  user.password_hash = "x";
  return user;
}

class CachedStorageTest : public ::testing::Test {
 protected:
  CachedStorageTest() {
    network_ = store_.networks().Create({0, "cached-net", std::nullopt}).value().id;
    other_network_ = store_.networks().Create({0, "other-net", std::nullopt}).value().id;
    type_ = store_.device_types().Create({0, "cached-type", std::nullopt}).value().id;
    Save("d1", "first", network_);
  }

  void Save(const std::string& id, const std::string& name, int64_t network) {
    domain::Device device;
    device.id = id;
    device.name = name;
    device.network_id = network;
    device.device_type_id = type_;
    ASSERT_TRUE(store_.devices().Save(device));
  }

  std::optional<domain::Device> Get(const std::string& id, const DeviceScope& scope = {}) {
    return store_.devices().Get(id, scope).value();
  }

  CachedSqliteStorage store_{2};
  int64_t network_ = 0;
  int64_t other_network_ = 0;
  int64_t type_ = 0;
};

TEST_F(CachedStorageTest, ASavedDeviceIsReadBackAsSaved) {
  ASSERT_TRUE(Get("d1"));
  Save("d1", "renamed", other_network_);
  const auto device = Get("d1");
  ASSERT_TRUE(device);
  EXPECT_EQ(device->name, "renamed");
  EXPECT_EQ(device->network_id, other_network_);
}

TEST_F(CachedStorageTest, ADeletedDeviceIsGone) {
  ASSERT_TRUE(Get("d1"));
  ASSERT_TRUE(store_.devices().Delete("d1").value());
  EXPECT_EQ(Get("d1"), std::nullopt);
}

TEST_F(CachedStorageTest, DeletingTheNetworkDropsItsCachedDevices) {
  ASSERT_TRUE(Get("d1"));
  ASSERT_TRUE(store_.networks().Delete(network_).value());
  EXPECT_EQ(store_.inner().devices().Get("d1", {}).value(), std::nullopt);  // the cascade
  EXPECT_EQ(Get("d1"), std::nullopt);
}

TEST_F(CachedStorageTest, DeletingTheDeviceTypeDropsItsCachedDevices) {
  ASSERT_TRUE(Get("d1"));
  ASSERT_TRUE(store_.device_types().Delete(type_).value());
  EXPECT_EQ(Get("d1"), std::nullopt);
}

TEST_F(CachedStorageTest, AScopeOfIdsIsCheckedAgainstTheCachedRow) {
  ASSERT_TRUE(Get("d1"));
  DeviceScope scope;
  scope.networks.ids = std::vector<int64_t>{other_network_};
  EXPECT_EQ(Get("d1", scope), std::nullopt);
  scope.networks.ids = std::vector<int64_t>{network_};
  EXPECT_TRUE(Get("d1", scope));
  scope.device_types.ids = std::vector<int64_t>{};
  EXPECT_EQ(Get("d1", scope), std::nullopt);
}

TEST_F(CachedStorageTest, AScopeOfLinksFollowsTheLinksNotTheCache) {
  ASSERT_TRUE(Get("d1"));
  const auto user = store_.users().Create(NewUser("linked")).value();
  DeviceScope scope;
  scope.networks.linked_user = user.id;
  EXPECT_EQ(Get("d1", scope), std::nullopt);
  ASSERT_TRUE(store_.links().LinkNetwork(user.id, network_));
  EXPECT_TRUE(Get("d1", scope));
  ASSERT_TRUE(store_.links().UnlinkNetwork(user.id, network_).value());
  EXPECT_EQ(Get("d1", scope), std::nullopt);
}

TEST_F(CachedStorageTest, MoreDevicesThanTheBoundAreAllStillFound) {
  Save("d2", "second", network_);
  Save("d3", "third", network_);
  for (const char* id : {"d1", "d2", "d3", "d1", "d3"}) {
    const auto device = Get(id);
    ASSERT_TRUE(device) << id;
    EXPECT_EQ(device->id, id);
  }
}

TEST_F(CachedStorageTest, AnUpdatedUserIsReadBackAsUpdated) {
  auto user = store_.users().Create(NewUser("alice")).value();
  ASSERT_TRUE(store_.users().Get(user.id).value());
  user.status = domain::UserStatus::kLockedOut;
  user.login_attempts = 3;
  ASSERT_TRUE(store_.users().Update(user).value());
  const auto read = store_.users().Get(user.id).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, domain::UserStatus::kLockedOut);
  EXPECT_EQ(read->login_attempts, 3);
}

TEST_F(CachedStorageTest, AFailedUserUpdateLeavesTheStoredRow) {
  auto alice = store_.users().Create(NewUser("alice")).value();
  store_.users().Create(NewUser("bob")).value();
  ASSERT_TRUE(store_.users().Get(alice.id).value());
  alice.login = "bob";  // taken
  EXPECT_FALSE(store_.users().Update(alice));
  EXPECT_EQ(store_.users().Get(alice.id).value()->login, "alice");
}

TEST_F(CachedStorageTest, ADeletedUserIsGone) {
  const auto user = store_.users().Create(NewUser("carol")).value();
  ASSERT_TRUE(store_.users().Get(user.id).value());
  ASSERT_TRUE(store_.users().Delete(user.id).value());
  EXPECT_EQ(store_.users().Get(user.id).value(), std::nullopt);
}

TEST_F(CachedStorageTest, AFailedSaveLeavesTheStoredRow) {
  ASSERT_TRUE(Get("d1"));
  domain::Device bad;
  bad.id = "d1";
  bad.name = "bad";
  bad.network_id = 99'999;  // no such network
  bad.device_type_id = type_;
  EXPECT_FALSE(store_.devices().Save(bad));
  const auto device = Get("d1");
  ASSERT_TRUE(device);
  EXPECT_EQ(device->name, "first");
}

}  // namespace
}  // namespace dh::test
