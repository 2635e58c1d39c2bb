// The hot store contract: the fixture's helpers, put and find, TTL, command updates, dropping a
// device and concurrent stores. Listing is in hotstore_list_contract_test.cpp.
#include "contract/hotstore_contract.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace dh::test {

using namespace std::chrono_literals;

void HotStoreContract::SetUp() {
  store_ = GetParam()(clock_, kTtl);
  ASSERT_NE(store_, nullptr);
}

core::Timestamp HotStoreContract::At(int64_t seconds) {
  return core::FromEpochMs(1'717'000'000'000 + seconds * 1000);
}

domain::Notification HotStoreContract::NewNotification(int64_t id, const std::string& device_id,
                                                       const std::string& name,
                                                       core::Timestamp timestamp) {
  domain::Notification notification;
  notification.id = id;
  notification.notification = name;
  notification.device_id = device_id;
  notification.network_id = kNetwork;
  notification.device_type_id = kDeviceType;
  notification.timestamp = timestamp;
  return notification;
}

domain::Command HotStoreContract::NewCommand(int64_t id, const std::string& device_id,
                                             const std::string& name, core::Timestamp timestamp) {
  domain::Command command;
  command.id = id;
  command.command = name;
  command.device_id = device_id;
  command.network_id = kNetwork;
  command.device_type_id = kDeviceType;
  command.timestamp = timestamp;
  command.last_updated = timestamp;
  return command;
}

hotstore::NotificationPtr HotStoreContract::Put(domain::Notification notification) {
  auto stored = std::make_shared<const domain::Notification>(std::move(notification));
  auto status = store().Put(stored);
  EXPECT_TRUE(status) << status.error().message;
  return stored;
}

hotstore::CommandPtr HotStoreContract::Put(domain::Command command) {
  auto stored = std::make_shared<const domain::Command>(std::move(command));
  auto status = store().Put(stored);
  EXPECT_TRUE(status) << status.error().message;
  return stored;
}

hotstore::NotificationPtr HotStoreContract::FindNotification(const std::string& device_id,
                                                             int64_t id) {
  auto found = store().FindNotification(device_id, id);
  EXPECT_TRUE(found) << found.error().message;
  return found ? *found : nullptr;
}

hotstore::CommandPtr HotStoreContract::FindCommand(const std::string& device_id, int64_t id) {
  auto found = store().FindCommand(device_id, id);
  EXPECT_TRUE(found) << found.error().message;
  return found ? *found : nullptr;
}

std::vector<int64_t> HotStoreContract::NotificationIds(const hotstore::ListQuery& query) {
  auto listed = store().ListNotifications(query);
  EXPECT_TRUE(listed) << listed.error().message;
  std::vector<int64_t> ids;
  if (listed) {
    for (const auto& item : *listed) ids.push_back(item->id);
  }
  return ids;
}

std::vector<int64_t> HotStoreContract::CommandIds(const hotstore::ListQuery& query) {
  auto listed = store().ListCommands(query);
  EXPECT_TRUE(listed) << listed.error().message;
  std::vector<int64_t> ids;
  if (listed) {
    for (const auto& item : *listed) ids.push_back(item->id);
  }
  return ids;
}

namespace {

hotstore::ListQuery ForDevice(const std::string& device_id) {
  hotstore::ListQuery query;
  query.filter.device_ids = {device_id};
  return query;
}

TEST_P(HotStoreContract, StoredNotificationIsFoundWithEveryField) {
  auto notification = NewNotification(7, "device-a", "temperature", At(1));
  notification.parameters = R"({"value":21.5})";
  Put(notification);

  const auto found = FindNotification("device-a", 7);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->id, 7);
  EXPECT_EQ(found->notification, "temperature");
  EXPECT_EQ(found->device_id, "device-a");
  EXPECT_EQ(found->network_id, kNetwork);
  EXPECT_EQ(found->device_type_id, kDeviceType);
  EXPECT_EQ(found->timestamp, At(1));
  EXPECT_EQ(found->parameters, R"({"value":21.5})");
}

TEST_P(HotStoreContract, StoredCommandIsFoundWithEveryField) {
  auto command = NewCommand(8, "device-a", "reboot", At(1));
  command.last_updated = At(2);
  command.user_id = 3;
  command.parameters = R"({"delay":5})";
  command.lifetime = 60;
  command.status = "pending";
  command.result = R"({"ok":false})";
  command.is_updated = true;
  Put(command);

  const auto found = FindCommand("device-a", 8);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->id, 8);
  EXPECT_EQ(found->command, "reboot");
  EXPECT_EQ(found->timestamp, At(1));
  EXPECT_EQ(found->last_updated, At(2));
  EXPECT_EQ(found->user_id, 3);
  EXPECT_EQ(found->device_id, "device-a");
  EXPECT_EQ(found->network_id, kNetwork);
  EXPECT_EQ(found->device_type_id, kDeviceType);
  EXPECT_EQ(found->parameters, R"({"delay":5})");
  EXPECT_EQ(found->lifetime, 60);
  EXPECT_EQ(found->status, "pending");
  EXPECT_EQ(found->result, R"({"ok":false})");
  EXPECT_TRUE(found->is_updated);
}

TEST_P(HotStoreContract, ItemWithoutNetworkOrDeviceTypeIsStored) {
  auto notification = NewNotification(1, "device-a", "$device-add", At(1));
  notification.network_id.reset();
  notification.device_type_id.reset();
  Put(notification);

  const auto found = FindNotification("device-a", 1);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->network_id, std::nullopt);
  EXPECT_EQ(found->device_type_id, std::nullopt);
  EXPECT_EQ(NotificationIds(ForDevice("device-a")), std::vector<int64_t>{1});
}

TEST_P(HotStoreContract, UnknownNotificationIsNull) {
  Put(NewNotification(1, "device-a", "temperature", At(1)));
  EXPECT_EQ(FindNotification("device-a", 2), nullptr);
  EXPECT_EQ(FindNotification("device-b", 1), nullptr);
  EXPECT_EQ(FindNotification("", 1), nullptr);
}

TEST_P(HotStoreContract, UnknownCommandIsNull) {
  Put(NewCommand(1, "device-a", "reboot", At(1)));
  EXPECT_EQ(FindCommand("device-a", 2), nullptr);
  EXPECT_EQ(FindCommand("device-b", 1), nullptr);
  EXPECT_EQ(FindCommand("", 1), nullptr);
}

TEST_P(HotStoreContract, NotificationAndCommandWithTheSameIdAreSeparate) {
  Put(NewNotification(5, "device-a", "temperature", At(1)));
  EXPECT_EQ(FindCommand("device-a", 5), nullptr);
  Put(NewCommand(5, "device-a", "reboot", At(2)));

  const auto notification = FindNotification("device-a", 5);
  const auto command = FindCommand("device-a", 5);
  ASSERT_NE(notification, nullptr);
  ASSERT_NE(command, nullptr);
  EXPECT_EQ(notification->notification, "temperature");
  EXPECT_EQ(command->command, "reboot");
  EXPECT_EQ(NotificationIds(ForDevice("device-a")), std::vector<int64_t>{5});
  EXPECT_EQ(CommandIds(ForDevice("device-a")), std::vector<int64_t>{5});
}

TEST_P(HotStoreContract, SameIdOnTwoDevicesIsTwoItems) {
  Put(NewNotification(5, "device-a", "on-a", At(1)));
  Put(NewNotification(5, "device-b", "on-b", At(1)));
  ASSERT_NE(FindNotification("device-a", 5), nullptr);
  ASSERT_NE(FindNotification("device-b", 5), nullptr);
  EXPECT_EQ(FindNotification("device-a", 5)->notification, "on-a");
  EXPECT_EQ(FindNotification("device-b", 5)->notification, "on-b");
}

TEST_P(HotStoreContract, NotificationLivesUntilItsTtl) {
  Put(NewNotification(1, "device-a", "temperature", At(1)));
  clock().Advance(kTtl - 1ms);
  EXPECT_NE(FindNotification("device-a", 1), nullptr);
  EXPECT_EQ(NotificationIds(ForDevice("device-a")), std::vector<int64_t>{1});
}

TEST_P(HotStoreContract, ExpiredNotificationIsNotFound) {
  Put(NewNotification(1, "device-a", "temperature", At(1)));
  clock().Advance(kTtl + 1ms);
  EXPECT_EQ(FindNotification("device-a", 1), nullptr);
}

TEST_P(HotStoreContract, ExpiredNotificationIsNotListed) {
  Put(NewNotification(1, "device-a", "old", At(1)));
  clock().Advance(kTtl / 2);
  Put(NewNotification(2, "device-a", "new", At(2)));
  clock().Advance(kTtl / 2 + 1ms);

  EXPECT_EQ(NotificationIds(ForDevice("device-a")), std::vector<int64_t>{2});
  EXPECT_EQ(NotificationIds({}), std::vector<int64_t>{2});
}

TEST_P(HotStoreContract, ExpiredCommandIsNotFoundOrListed) {
  Put(NewCommand(1, "device-a", "old", At(1)));
  clock().Advance(kTtl / 2);
  Put(NewCommand(2, "device-a", "new", At(2)));
  clock().Advance(kTtl / 2 + 1ms);

  EXPECT_EQ(FindCommand("device-a", 1), nullptr);
  EXPECT_NE(FindCommand("device-a", 2), nullptr);
  EXPECT_EQ(CommandIds(ForDevice("device-a")), std::vector<int64_t>{2});
  EXPECT_EQ(CommandIds({}), std::vector<int64_t>{2});
}

TEST_P(HotStoreContract, TtlCountsFromTheStoreNotFromTheItemTimestamp) {
  // A client may stamp an item far in the past; it still lives for the TTL after it is stored.
  Put(NewNotification(1, "device-a", "late", core::FromEpochMs(0)));
  clock().Advance(kTtl - 1ms);
  EXPECT_NE(FindNotification("device-a", 1), nullptr);
}

TEST_P(HotStoreContract, CommandUpdateReplacesTheStoredVersion) {
  Put(NewCommand(1, "device-a", "reboot", At(1)));
  auto updated = NewCommand(1, "device-a", "reboot", At(1));
  updated.status = "done";
  updated.result = R"({"ok":true})";
  updated.is_updated = true;
  updated.last_updated = At(9);
  Put(updated);

  const auto found = FindCommand("device-a", 1);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->status, "done");
  EXPECT_EQ(found->result, R"({"ok":true})");
  EXPECT_TRUE(found->is_updated);
  EXPECT_EQ(found->last_updated, At(9));

  const auto listed = store().ListCommands(ForDevice("device-a")).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]->status, "done");
}

TEST_P(HotStoreContract, CommandUpdateRestartsItsTtl) {
  Put(NewCommand(1, "device-a", "reboot", At(1)));
  clock().Advance(kTtl / 2);
  auto updated = NewCommand(1, "device-a", "reboot", At(1));
  updated.status = "done";
  updated.is_updated = true;
  Put(updated);

  clock().Advance(kTtl / 2 + 1ms);  // past the first store's deadline
  const auto found = FindCommand("device-a", 1);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->status, "done");
  EXPECT_EQ(CommandIds(ForDevice("device-a")), std::vector<int64_t>{1});

  clock().Advance(kTtl / 2);  // past the update's deadline
  EXPECT_EQ(FindCommand("device-a", 1), nullptr);
  EXPECT_TRUE(CommandIds(ForDevice("device-a")).empty());
}

TEST_P(HotStoreContract, StoredVersionIsTheSharedValuePut) {
  const auto put = Put(NewNotification(1, "device-a", "temperature", At(1)));
  const auto found = FindNotification("device-a", 1);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->notification, put->notification);
  EXPECT_EQ(found->timestamp, put->timestamp);
}

TEST_P(HotStoreContract, DropDeviceForgetsItsItemsOnly) {
  Put(NewNotification(1, "device-a", "temperature", At(1)));
  Put(NewCommand(2, "device-a", "reboot", At(1)));
  Put(NewNotification(3, "device-b", "temperature", At(1)));
  Put(NewCommand(4, "device-b", "reboot", At(1)));

  ASSERT_TRUE(store().DropDevice("device-a"));

  EXPECT_EQ(FindNotification("device-a", 1), nullptr);
  EXPECT_EQ(FindCommand("device-a", 2), nullptr);
  EXPECT_TRUE(NotificationIds(ForDevice("device-a")).empty());
  EXPECT_TRUE(CommandIds(ForDevice("device-a")).empty());
  EXPECT_EQ(NotificationIds({}), std::vector<int64_t>{3});
  EXPECT_EQ(CommandIds({}), std::vector<int64_t>{4});
}

TEST_P(HotStoreContract, DroppedDeviceStoresAgain) {
  Put(NewNotification(1, "device-a", "before", At(1)));
  ASSERT_TRUE(store().DropDevice("device-a"));
  Put(NewNotification(1, "device-a", "after", At(2)));

  const auto found = FindNotification("device-a", 1);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->notification, "after");
  EXPECT_EQ(NotificationIds(ForDevice("device-a")), std::vector<int64_t>{1});

  clock().Advance(kTtl - 1ms);
  EXPECT_NE(FindNotification("device-a", 1), nullptr);
}

TEST_P(HotStoreContract, DropUnknownDeviceSucceeds) {
  EXPECT_TRUE(store().DropDevice("never-seen"));
}

TEST_P(HotStoreContract, ConcurrentPutsAreAllStored) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 250;
  constexpr int kDevices = 8;
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int64_t id = int64_t{t} * kPerThread + i + 1;
        const std::string device = "device-" + std::to_string(id % kDevices);
        auto notification =
            std::make_shared<const domain::Notification>(NewNotification(id, device, "n", At(i)));
        auto command = std::make_shared<const domain::Command>(NewCommand(id, device, "c", At(i)));
        if (!store().Put(notification) || !store().Put(command)) failed = true;
        if (i % 50 == 0 && !store().ListNotifications(ForDevice(device))) failed = true;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_FALSE(failed);

  constexpr size_t kTotal = size_t{kThreads} * kPerThread;
  auto notifications = NotificationIds({});
  auto commands = CommandIds({});
  EXPECT_EQ(notifications.size(), kTotal);
  EXPECT_EQ(commands.size(), kTotal);
  std::sort(notifications.begin(), notifications.end());
  std::sort(commands.begin(), commands.end());
  for (size_t i = 0; i < kTotal; ++i) {
    ASSERT_EQ(notifications[i], static_cast<int64_t>(i + 1));
    ASSERT_EQ(commands[i], static_cast<int64_t>(i + 1));
  }
  for (int d = 0; d < kDevices; ++d) {
    const std::string device = "device-" + std::to_string(d);
    EXPECT_EQ(NotificationIds(ForDevice(device)).size(), kTotal / kDevices) << device;
    EXPECT_EQ(CommandIds(ForDevice(device)).size(), kTotal / kDevices) << device;
  }
}

TEST_P(HotStoreContract, ConcurrentUpdatesOfOneCommandKeepOneVersion) {
  Put(NewCommand(1, "device-a", "reboot", At(1)));
  constexpr int kThreads = 4;
  constexpr int kPerThread = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto updated = NewCommand(1, "device-a", "reboot", At(1));
        updated.status = "thread-" + std::to_string(t);
        updated.is_updated = true;
        (void)store().Put(std::make_shared<const domain::Command>(std::move(updated)));
      }
    });
  }
  for (auto& thread : threads) thread.join();

  const auto listed = store().ListCommands(ForDevice("device-a")).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0]->is_updated);
  EXPECT_EQ(listed[0]->status->rfind("thread-", 0), 0u);
}

}  // namespace
}  // namespace dh::test
