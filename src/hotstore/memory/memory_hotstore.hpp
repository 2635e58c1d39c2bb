#pragma once
// The in-memory hot store: sharded by device id, one mutex per shard.
//
// Expiry: TTL is the same for every item, so the order items are stored in is the order they
// expire in. Each shard keeps a FIFO of references in store order; a store pushes a reference
// (an update pushes a new one, leaving the old one stale), and expired references are popped
// from the front on every store and by Sweep(). Reads also compare each item's deadline with the
// clock, so an expired item is never returned even before it is swept.
//
// Memory is bounded twice: at most max_items_per_device notifications (and as many commands)
// per device, dropping that device's oldest; and at most max_items / shards items per shard,
// dropping the shard's least recently stored. Both drops count as evictions in stats().
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/clock.hpp"
#include "hotstore/hotstore.hpp"

namespace dh::hotstore {

struct MemoryOptions {
  std::chrono::milliseconds ttl{120'000};
  size_t max_items_per_device = 10'000;
  size_t max_items = 2'000'000;
  size_t shards = 16;
};

class MemoryHotStore final : public HotStore {
 public:
  MemoryHotStore(const core::Clock& clock, MemoryOptions options);
  ~MemoryHotStore() override;

  core::Status Put(NotificationPtr notification) override;
  core::Status Put(CommandPtr command) override;
  core::Result<NotificationPtr> FindNotification(std::string_view device_id, int64_t id) override;
  core::Result<CommandPtr> FindCommand(std::string_view device_id, int64_t id) override;
  core::Result<std::vector<NotificationPtr>> ListNotifications(const ListQuery& query) override;
  core::Result<std::vector<CommandPtr>> ListCommands(const ListQuery& query) override;
  core::Status DropDevice(std::string_view device_id) override;

  // Frees the memory of expired items now.
  void Sweep();

  struct Stats {
    size_t items = 0;      // stored, live or not yet swept
    size_t devices = 0;    // devices with stored items or not yet swept references
    uint64_t expired = 0;  // removed because their TTL passed
    uint64_t evicted = 0;  // removed early by a cap
  };
  Stats stats() const;

 private:
  struct Shard;
  Shard& ShardOf(std::string_view device_id);

  const core::Clock& clock_;
  MemoryOptions options_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace dh::hotstore
