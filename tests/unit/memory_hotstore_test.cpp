// What only the in-memory hot store has: its memory caps, sweeping and counters. The behaviour
// every hot store shares is in tests/contract/hotstore_*.
#include "hotstore/memory/memory_hotstore.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace dh::hotstore {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kTtl{10'000};

core::Timestamp At(int64_t seconds) {
  return core::FromEpochMs(1'717'000'000'000 + seconds * 1000);
}

NotificationPtr Notification(int64_t id, const std::string& device_id) {
  auto notification = std::make_shared<domain::Notification>();
  notification->id = id;
  notification->notification = "n";
  notification->device_id = device_id;
  notification->network_id = 1;
  notification->device_type_id = 1;
  notification->timestamp = At(id);
  return notification;
}

CommandPtr Command(int64_t id, const std::string& device_id, bool updated = false) {
  auto command = std::make_shared<domain::Command>();
  command->id = id;
  command->command = "c";
  command->device_id = device_id;
  command->network_id = 1;
  command->device_type_id = 1;
  command->timestamp = At(id);
  command->last_updated = command->timestamp;
  command->is_updated = updated;
  return command;
}

class MemoryHotStoreTest : public ::testing::Test {
 protected:
  // One shard unless a test says otherwise, so the total cap is exact.
  void Open(size_t per_device_cap, size_t max_items, size_t shards = 1) {
    MemoryOptions options;
    options.ttl = kTtl;
    options.max_items_per_device = per_device_cap;
    options.max_items = max_items;
    options.shards = shards;
    store_ = std::make_unique<MemoryHotStore>(clock_, options);
  }

  void Put(NotificationPtr notification) { ASSERT_TRUE(store_->Put(std::move(notification))); }
  void Put(CommandPtr command) { ASSERT_TRUE(store_->Put(std::move(command))); }
  bool HasNotification(const std::string& device_id, int64_t id) {
    return store_->FindNotification(device_id, id).value() != nullptr;
  }
  bool HasCommand(const std::string& device_id, int64_t id) {
    return store_->FindCommand(device_id, id).value() != nullptr;
  }

  core::ManualClock clock_{core::FromEpochMs(1'717'200'000'000)};
  std::unique_ptr<MemoryHotStore> store_;
};

TEST_F(MemoryHotStoreTest, PerDeviceCapEvictsThatDevicesOldestNotification) {
  Open(3, 1000);
  for (int64_t id = 1; id <= 3; ++id) Put(Notification(id, "device-a"));
  Put(Notification(10, "device-b"));
  Put(Notification(11, "device-b"));
  Put(Notification(4, "device-a"));

  EXPECT_FALSE(HasNotification("device-a", 1));
  for (int64_t id = 2; id <= 4; ++id) EXPECT_TRUE(HasNotification("device-a", id)) << id;
  EXPECT_TRUE(HasNotification("device-b", 10));
  EXPECT_TRUE(HasNotification("device-b", 11));
  const auto stats = store_->stats();
  EXPECT_EQ(stats.items, 5u);
  EXPECT_EQ(stats.evicted, 1u);
  EXPECT_EQ(stats.expired, 0u);
}

TEST_F(MemoryHotStoreTest, PerDeviceCapCountsNotificationsAndCommandsSeparately) {
  Open(2, 1000);
  Put(Notification(1, "device-a"));
  Put(Notification(2, "device-a"));
  Put(Command(3, "device-a"));
  Put(Command(4, "device-a"));
  EXPECT_EQ(store_->stats().evicted, 0u);

  Put(Command(5, "device-a"));
  EXPECT_FALSE(HasCommand("device-a", 3));
  EXPECT_TRUE(HasCommand("device-a", 4));
  EXPECT_TRUE(HasCommand("device-a", 5));
  EXPECT_TRUE(HasNotification("device-a", 1));
  EXPECT_TRUE(HasNotification("device-a", 2));
  EXPECT_EQ(store_->stats().items, 4u);
  EXPECT_EQ(store_->stats().evicted, 1u);
}

TEST_F(MemoryHotStoreTest, CommandUpdateAtThePerDeviceCapEvictsNothing) {
  Open(2, 1000);
  Put(Command(1, "device-a"));
  Put(Command(2, "device-a"));
  Put(Command(1, "device-a", true));

  EXPECT_TRUE(store_->FindCommand("device-a", 1).value()->is_updated);
  EXPECT_TRUE(HasCommand("device-a", 2));
  EXPECT_EQ(store_->stats().items, 2u);
  EXPECT_EQ(store_->stats().evicted, 0u);
}

TEST_F(MemoryHotStoreTest, TotalCapEvictsTheLeastRecentlyStored) {
  Open(100, 3);
  Put(Command(1, "device-a"));
  Put(Notification(2, "device-b"));
  Put(Notification(3, "device-c"));
  Put(Command(1, "device-a", true));  // stored again: now the most recent
  Put(Notification(4, "device-d"));

  EXPECT_TRUE(HasCommand("device-a", 1));
  EXPECT_FALSE(HasNotification("device-b", 2));
  EXPECT_TRUE(HasNotification("device-c", 3));
  EXPECT_TRUE(HasNotification("device-d", 4));
  EXPECT_EQ(store_->stats().items, 3u);
  EXPECT_EQ(store_->stats().evicted, 1u);

  Put(Notification(5, "device-d"));
  EXPECT_FALSE(HasNotification("device-c", 3));
  EXPECT_TRUE(HasCommand("device-a", 1));
  EXPECT_EQ(store_->stats().items, 3u);
  EXPECT_EQ(store_->stats().evicted, 2u);
}

TEST_F(MemoryHotStoreTest, TotalCapIsSplitOverShards) {
  Open(100, 8, 4);  // at most 2 items per shard
  for (int64_t id = 1; id <= 40; ++id) Put(Notification(id, "device-" + std::to_string(id)));

  const auto stats = store_->stats();
  EXPECT_LE(stats.items, 8u);
  EXPECT_GT(stats.items, 0u);
  EXPECT_EQ(stats.items + stats.evicted, 40u);
  size_t live = 0;
  for (int64_t id = 1; id <= 40; ++id) live += HasNotification("device-" + std::to_string(id), id);
  EXPECT_EQ(live, stats.items);
}

TEST_F(MemoryHotStoreTest, SweepFreesExpiredItems) {
  Open(100, 1000);
  Put(Notification(1, "device-a"));
  Put(Command(2, "device-a"));
  Put(Notification(3, "device-b"));
  clock_.Advance(kTtl + 1ms);
  EXPECT_EQ(store_->stats().items, 3u);  // expired, not yet swept

  store_->Sweep();
  const auto stats = store_->stats();
  EXPECT_EQ(stats.items, 0u);
  EXPECT_EQ(stats.expired, 3u);
  EXPECT_EQ(stats.evicted, 0u);
}

TEST_F(MemoryHotStoreTest, SweepKeepsLiveItems) {
  Open(100, 1000);
  Put(Notification(1, "device-a"));
  clock_.Advance(kTtl / 2);
  Put(Notification(2, "device-a"));
  clock_.Advance(kTtl / 2);  // exactly the first item's deadline

  store_->Sweep();
  EXPECT_EQ(store_->stats().items, 1u);
  EXPECT_EQ(store_->stats().expired, 1u);
  EXPECT_TRUE(HasNotification("device-a", 2));
}

TEST_F(MemoryHotStoreTest, StoringFreesExpiredItemsOfItsShard) {
  Open(100, 1000);
  Put(Notification(1, "device-a"));
  Put(Notification(2, "device-b"));
  clock_.Advance(kTtl + 1ms);
  Put(Notification(3, "device-c"));

  EXPECT_EQ(store_->stats().items, 1u);
  EXPECT_EQ(store_->stats().expired, 2u);
}

TEST_F(MemoryHotStoreTest, ReplacedCommandVersionIsNotCountedAsExpired) {
  Open(100, 1000);
  Put(Command(1, "device-a"));
  Put(Command(1, "device-a", true));
  clock_.Advance(kTtl + 1ms);

  store_->Sweep();
  EXPECT_EQ(store_->stats().items, 0u);
  EXPECT_EQ(store_->stats().expired, 1u);
}

TEST_F(MemoryHotStoreTest, UpdatedCommandSurvivesTheSweepOfItsFirstVersion) {
  Open(100, 1000);
  Put(Command(1, "device-a"));
  clock_.Advance(kTtl / 2);
  Put(Command(1, "device-a", true));
  clock_.Advance(kTtl / 2 + 1ms);

  store_->Sweep();
  EXPECT_TRUE(HasCommand("device-a", 1));
  EXPECT_EQ(store_->stats().items, 1u);
  EXPECT_EQ(store_->stats().expired, 0u);
}

TEST_F(MemoryHotStoreTest, DeviceWhoseItemsAllExpiredDisappears) {
  Open(100, 1000);
  Put(Notification(1, "device-a"));
  Put(Command(2, "device-a"));
  clock_.Advance(kTtl / 2);
  Put(Notification(3, "device-b"));
  EXPECT_EQ(store_->stats().devices, 2u);

  clock_.Advance(kTtl / 2 + 1ms);
  store_->Sweep();
  EXPECT_EQ(store_->stats().devices, 1u);

  clock_.Advance(kTtl);
  store_->Sweep();
  EXPECT_EQ(store_->stats().devices, 0u);
  EXPECT_EQ(store_->stats().items, 0u);

  Put(Notification(4, "device-a"));  // a forgotten device stores again
  EXPECT_TRUE(HasNotification("device-a", 4));
  EXPECT_EQ(store_->stats().devices, 1u);
}

TEST_F(MemoryHotStoreTest, DroppedDeviceDisappearsOnceItsReferencesExpire) {
  Open(100, 1000);
  Put(Notification(1, "device-a"));
  Put(Command(2, "device-a"));
  ASSERT_TRUE(store_->DropDevice("device-a"));
  EXPECT_EQ(store_->stats().items, 0u);

  clock_.Advance(kTtl + 1ms);
  store_->Sweep();
  const auto stats = store_->stats();
  EXPECT_EQ(stats.devices, 0u);
  EXPECT_EQ(stats.expired, 0u);  // dropped, not expired
  EXPECT_EQ(stats.evicted, 0u);
}

TEST_F(MemoryHotStoreTest, EvictedDeviceCanStoreAgain) {
  Open(100, 1);
  Put(Notification(1, "device-a"));
  Put(Notification(2, "device-b"));
  Put(Notification(3, "device-a"));

  EXPECT_FALSE(HasNotification("device-b", 2));
  EXPECT_TRUE(HasNotification("device-a", 3));
  EXPECT_EQ(store_->stats().items, 1u);
  EXPECT_EQ(store_->stats().evicted, 2u);
}

}  // namespace
}  // namespace dh::hotstore
