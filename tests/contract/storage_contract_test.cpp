// The storage contract: the fixture's helpers, the seed data, configuration and concurrency.
// Other aggregates have their own *_contract_test.cpp files on the same StorageContract suite.
#include "contract/storage_contract.hpp"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace dh::test {

void StorageContract::SetUp() {
  storage_ = GetParam()();
  ASSERT_NE(storage_, nullptr);
}

domain::User StorageContract::CreateUser(const std::string& login, domain::UserRole role) {
  domain::User user;
  user.login = login;
  user.password_hash = "hash-of-" + login;
  user.role = role;
  auto created = store().users().Create(user);
  EXPECT_TRUE(created) << login << ": " << created.error().message;
  return created.value();
}

domain::Network StorageContract::CreateNetwork(const std::string& name,
                                               std::optional<std::string> description) {
  auto created = store().networks().Create(domain::Network{0, name, std::move(description)});
  EXPECT_TRUE(created) << name << ": " << created.error().message;
  return created.value();
}

domain::DeviceType StorageContract::CreateDeviceType(const std::string& name,
                                                     std::optional<std::string> description) {
  auto created = store().device_types().Create(domain::DeviceType{0, name, std::move(description)});
  EXPECT_TRUE(created) << name << ": " << created.error().message;
  return created.value();
}

void StorageContract::SaveDevice(const std::string& id, const std::string& name, int64_t network_id,
                                 int64_t device_type_id, bool blocked) {
  auto saved = store().devices().Save(
      domain::Device{id, name, std::nullopt, network_id, device_type_id, blocked});
  ASSERT_TRUE(saved) << id << ": " << saved.error().message;
}

namespace {

constexpr const char* kSampleDevice = "e50d6085-2aba-48e9-b1c3-73c673e414be";

TEST_P(StorageContract, SeedHasTheAdminUser) {
  const auto admin = store().users().Get(1).value();
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->id, 1);
  EXPECT_EQ(admin->login, "dhadmin");
  EXPECT_EQ(admin->role, domain::UserRole::kAdmin);
  EXPECT_EQ(admin->status, domain::UserStatus::kActive);
  EXPECT_FALSE(admin->password_hash.empty());
  EXPECT_EQ(admin->login_attempts, 0);
  EXPECT_EQ(admin->last_login, std::nullopt);
  EXPECT_EQ(admin->data, std::nullopt);
  EXPECT_FALSE(admin->intro_reviewed);
  EXPECT_TRUE(admin->all_device_types_available);
  EXPECT_EQ(store().users().Count({}).value(), 1);
}

TEST_P(StorageContract, SeedHasTheSampleNetworkLinkedToTheAdmin) {
  const auto network = store().networks().Get(1, {}).value();
  ASSERT_TRUE(network);
  EXPECT_EQ(network->name, "Sample Network");
  EXPECT_EQ(network->description, "A DeviceHive Sample Network");
  EXPECT_EQ(store().networks().Count({}, {}).value(), 1);
  const auto linked = store().links().Networks(1).value();
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].id, 1);
  EXPECT_EQ(linked[0].name, "Sample Network");
}

TEST_P(StorageContract, SeedHasDeviceTypesOneToEight) {
  const std::vector<std::string> names = {
      "Default Device Type", "Cameras",       "Lightning", "Door Locks",
      "Thermostats",         "Entertainment", "Cars",      "Cooking"};
  for (size_t i = 0; i < names.size(); ++i) {
    const auto id = static_cast<int64_t>(i + 1);
    const auto type = store().device_types().Get(id, {}).value();
    ASSERT_TRUE(type) << id;
    EXPECT_EQ(type->name, names[i]);
    EXPECT_TRUE(type->description.has_value());
  }
  EXPECT_EQ(store().device_types().Count({}, {}).value(), 8);
  const auto linked = store().links().DeviceTypes(1).value();
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].id, 1);
}

TEST_P(StorageContract, SeedHasTheSampleDevice) {
  const auto device = store().devices().Get(kSampleDevice, {}).value();
  ASSERT_TRUE(device);
  EXPECT_EQ(device->id, kSampleDevice);
  EXPECT_EQ(device->name, "Sample Device");
  EXPECT_EQ(device->data, std::nullopt);
  EXPECT_EQ(device->network_id, 1);
  EXPECT_EQ(device->device_type_id, 1);
  EXPECT_FALSE(device->is_blocked);
  EXPECT_EQ(store().devices().Count({}, {}).value(), 1);
}

TEST_P(StorageContract, SeedHasTheLastLoginTimeoutSetting) {
  const auto setting = store().configuration().Get("user.login.lastTimeout").value();
  ASSERT_TRUE(setting);
  EXPECT_EQ(setting->name, "user.login.lastTimeout");
  EXPECT_EQ(setting->value, "1000");
}

TEST_P(StorageContract, ConfigurationGetOfUnknownNameIsEmpty) {
  EXPECT_EQ(store().configuration().Get("no.such.setting").value(), std::nullopt);
}

TEST_P(StorageContract, ConfigurationPutCreatesAtVersionZero) {
  const auto stored = store().configuration().Put("jwt.secret", "abc").value();
  EXPECT_EQ(stored.name, "jwt.secret");
  EXPECT_EQ(stored.value, "abc");
  EXPECT_EQ(stored.entity_version, 0);
  const auto read = store().configuration().Get("jwt.secret").value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, stored.id);
  EXPECT_EQ(read->value, "abc");
  EXPECT_EQ(read->entity_version, 0);
}

TEST_P(StorageContract, ConfigurationPutReplacesValueAndBumpsVersion) {
  const auto first = store().configuration().Put("k", "v1").value();
  const auto second = store().configuration().Put("k", "v2").value();
  const auto third = store().configuration().Put("k", "v2").value();
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.value, "v2");
  EXPECT_EQ(second.entity_version, first.entity_version + 1);
  EXPECT_EQ(third.entity_version, first.entity_version + 2);
  const auto read = store().configuration().Get("k").value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->value, "v2");
  EXPECT_EQ(read->entity_version, third.entity_version);
}

TEST_P(StorageContract, ConfigurationPutOfSeededSettingUpdatesIt) {
  const auto stored = store().configuration().Put("user.login.lastTimeout", "2000").value();
  EXPECT_EQ(stored.value, "2000");
  EXPECT_EQ(stored.entity_version, 1);
}

TEST_P(StorageContract, ConfigurationNamesAreCaseSensitive) {
  store().configuration().Put("Key", "upper").value();
  store().configuration().Put("key", "lower").value();
  EXPECT_EQ(store().configuration().Get("Key").value()->value, "upper");
  EXPECT_EQ(store().configuration().Get("key").value()->value, "lower");
}

TEST_P(StorageContract, ConfigurationDeleteRemovesTheSetting) {
  store().configuration().Put("k", "v").value();
  EXPECT_TRUE(store().configuration().Delete("k").value());
  EXPECT_EQ(store().configuration().Get("k").value(), std::nullopt);
  EXPECT_FALSE(store().configuration().Delete("k").value());
}

TEST_P(StorageContract, ConfigurationDeleteOfUnknownNameIsFalse) {
  EXPECT_FALSE(store().configuration().Delete("never.set").value());
}

TEST_P(StorageContract, ConcurrentDeviceSavesAllSucceed) {
  constexpr int kThreads = 8;
  constexpr int kDevicesPerThread = 100;
  const auto network = CreateNetwork("busy");
  std::atomic<int> created{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kDevicesPerThread; ++i) {
        const std::string id = "t" + std::to_string(t) + "-d" + std::to_string(i);
        auto saved = store().devices().Save(
            domain::Device{id, "device " + id, std::nullopt, network.id, 1, false});
        if (saved && *saved) {
          created.fetch_add(1);
        } else {
          failed.fetch_add(1);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(created.load(), kThreads * kDevicesPerThread);
  storage::DeviceFilter in_network;
  in_network.network_id = network.id;
  EXPECT_EQ(store().devices().Count(in_network, {}).value(), kThreads * kDevicesPerThread);
  EXPECT_EQ(store().devices().Count({}, {}).value(), kThreads * kDevicesPerThread + 1);
}

TEST_P(StorageContract, ConcurrentReadersAndWritersSeeConsistentCounts) {
  const auto network = CreateNetwork("mixed");
  std::atomic<bool> writer_done{false};
  std::atomic<int> errors{0};
  std::thread writer([&] {
    for (int i = 0; i < 100; ++i) {
      auto saved = store().devices().Save(
          domain::Device{"w-" + std::to_string(i), "w", std::nullopt, network.id, 1, false});
      if (!saved) errors.fetch_add(1);
    }
    writer_done.store(true);
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      int64_t last = 0;
      storage::DeviceFilter in_network;
      in_network.network_id = network.id;
      while (!writer_done.load()) {
        auto count = store().devices().Count(in_network, {});
        // A reader never sees the count go backwards.
        if (!count || *count < last) errors.fetch_add(1);
        if (count) last = *count;
      }
    });
  }
  writer.join();
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(errors.load(), 0);
}

}  // namespace
}  // namespace dh::test
