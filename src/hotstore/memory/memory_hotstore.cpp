#include "hotstore/memory/memory_hotstore.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/strings.hpp"

namespace dh::hotstore {
namespace {

template <class Ptr>
struct Stored {
  Ptr item;
  core::Timestamp expires;
  uint64_t seq;  // matches the FIFO reference that owns this version
};

struct DeviceItems {
  std::string_view key;                                      // the device id, owned by the map node
  std::map<int64_t, Stored<NotificationPtr>> notifications;  // by id: insertion order
  std::map<int64_t, Stored<CommandPtr>> commands;
  size_t fifo_refs = 0;  // references in the shard FIFO; the entry lives while any remain
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Ref {
  core::Timestamp expires;
  DeviceItems* device;  // unordered_map nodes are stable
  int64_t id;
  uint64_t seq;
  bool command;
};

bool Contains(const std::vector<int64_t>& ids, const std::optional<int64_t>& id) {
  return ids.empty() || (id && std::find(ids.begin(), ids.end(), *id) != ids.end());
}

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
}

template <class Item>
bool Matches(const Item& item, const std::string& name, const ListQuery& query) {
  const auto& f = query.filter;
  if (!Contains(f.network_ids, item.network_id) ||
      !Contains(f.device_type_ids, item.device_type_id) || !Contains(f.names, name)) {
    return false;
  }
  if (f.id && item.id != *f.id) return false;
  if (f.start && item.timestamp < *f.start) return false;
  if (f.end && item.timestamp > *f.end) return false;
  if (f.after && item.timestamp <= *f.after) return false;
  return true;
}

bool MatchesCommand(const domain::Command& c, const ListQuery& query) {
  if (query.updated_only && !c.is_updated) return false;
  if (query.status && !(c.status && core::EqualsIgnoreCase(*c.status, *query.status))) {
    return false;
  }
  return Matches(c, c.command, query);
}

const std::string& NameOf(const domain::Notification& n) { return n.notification; }
const std::string& NameOf(const domain::Command& c) { return c.command; }
std::string StatusOf(const domain::Notification&) { return {}; }
std::string StatusOf(const domain::Command& c) { return c.status.value_or(""); }

template <class Ptr>
void SortAndSlice(std::vector<Ptr>& items, const ListQuery& query) {
  const auto key_less = [&](const Ptr& a, const Ptr& b) {
    switch (query.sort) {
      case SortField::kName:
        if (NameOf(*a) != NameOf(*b)) return NameOf(*a) < NameOf(*b);
        break;
      case SortField::kStatus:
        if (StatusOf(*a) != StatusOf(*b)) return StatusOf(*a) < StatusOf(*b);
        break;
      case SortField::kTimestamp:
        if (a->timestamp != b->timestamp) return a->timestamp < b->timestamp;
        break;
    }
    return a->id < b->id;  // ties by id, as the interface promises
  };
  if (query.order == storage::SortOrder::kAsc) {
    std::sort(items.begin(), items.end(), key_less);
  } else {
    std::sort(items.begin(), items.end(),
              [&](const Ptr& a, const Ptr& b) { return key_less(b, a); });
  }
  const auto skip = static_cast<size_t>(std::max<int64_t>(query.skip, 0));
  if (skip >= items.size()) {
    items.clear();
    return;
  }
  items.erase(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(skip));
  if (query.take > 0 && items.size() > static_cast<size_t>(query.take)) {
    items.resize(static_cast<size_t>(query.take));
  }
}

}  // namespace

struct MemoryHotStore::Shard {
  std::mutex mutex;
  std::unordered_map<std::string, DeviceItems, StringHash, std::equal_to<>> devices;
  std::deque<Ref> fifo;
  size_t items = 0;
  uint64_t seq = 0;
  uint64_t expired = 0;
  uint64_t evicted = 0;

  DeviceItems* Find(std::string_view device_id) {
    auto it = devices.find(device_id);
    return it == devices.end() ? nullptr : &it->second;
  }

  // Removes the item a reference points to if the reference is still its owner.
  bool Release(const Ref& ref) {
    bool removed = false;
    if (ref.command) {
      auto it = ref.device->commands.find(ref.id);
      if (it != ref.device->commands.end() && it->second.seq == ref.seq) {
        ref.device->commands.erase(it);
        removed = true;
      }
    } else {
      auto it = ref.device->notifications.find(ref.id);
      if (it != ref.device->notifications.end() && it->second.seq == ref.seq) {
        ref.device->notifications.erase(it);
        removed = true;
      }
    }
    if (removed) --items;
    if (--ref.device->fifo_refs == 0 && ref.device->notifications.empty() &&
        ref.device->commands.empty()) {
      devices.erase(devices.find(ref.device->key));
    }
    return removed;
  }

  // Pops expired references, then evicts the least recently stored items over `cap`.
  void Trim(core::Timestamp now, size_t cap) {
    while (!fifo.empty() && fifo.front().expires <= now) {
      const Ref ref = fifo.front();
      fifo.pop_front();
      if (Release(ref)) ++expired;
    }
    while (items > cap && !fifo.empty()) {
      const Ref ref = fifo.front();
      fifo.pop_front();
      if (Release(ref)) ++evicted;
    }
  }

  template <class Ptr>
  void Store(std::map<int64_t, Stored<Ptr>> DeviceItems::*items_of, std::string_view device_id,
             Ptr item, bool command, core::Timestamp now, core::Timestamp expires,
             const MemoryOptions& options, size_t shard_cap) {
    auto it = devices.find(device_id);
    if (it == devices.end()) {
      it = devices.emplace(std::string(device_id), DeviceItems{}).first;
      it->second.key = it->first;
    }
    DeviceItems& device = it->second;
    auto& map = device.*items_of;
    const int64_t id = item->id;
    const uint64_t version = ++seq;
    auto [slot, inserted] =
        map.insert_or_assign(id, Stored<Ptr>{std::move(item), expires, version});
    (void)slot;
    if (inserted) ++items;
    fifo.push_back(Ref{expires, &device, id, version, command});
    ++device.fifo_refs;
    if (map.size() > options.max_items_per_device) {
      map.erase(map.begin());  // its FIFO reference is now stale
      --this->items;
      ++evicted;
    }
    Trim(now, shard_cap);
  }
};

MemoryHotStore::MemoryHotStore(const core::Clock& clock, MemoryOptions options)
    : clock_(clock), options_(options) {
  options_.shards = std::max<size_t>(options_.shards, 1);
  for (size_t i = 0; i < options_.shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

MemoryHotStore::~MemoryHotStore() = default;

MemoryHotStore::Shard& MemoryHotStore::ShardOf(std::string_view device_id) {
  return *shards_[std::hash<std::string_view>{}(device_id) % shards_.size()];
}

core::Status MemoryHotStore::Put(NotificationPtr notification) {
  const auto now = clock_.Now();
  Shard& shard = ShardOf(notification->device_id);
  const std::string_view device_id = notification->device_id;
  std::lock_guard lock(shard.mutex);
  shard.Store(&DeviceItems::notifications, device_id, std::move(notification), false, now,
              now + options_.ttl, options_,
              std::max<size_t>(options_.max_items / shards_.size(), 1));
  return {};
}

core::Status MemoryHotStore::Put(CommandPtr command) {
  const auto now = clock_.Now();
  Shard& shard = ShardOf(command->device_id);
  const std::string_view device_id = command->device_id;
  std::lock_guard lock(shard.mutex);
  shard.Store(&DeviceItems::commands, device_id, std::move(command), true, now, now + options_.ttl,
              options_, std::max<size_t>(options_.max_items / shards_.size(), 1));
  return {};
}

core::Result<NotificationPtr> MemoryHotStore::FindNotification(std::string_view device_id,
                                                               int64_t id) {
  const auto now = clock_.Now();
  Shard& shard = ShardOf(device_id);
  std::lock_guard lock(shard.mutex);
  const DeviceItems* device = shard.Find(device_id);
  if (device == nullptr) return NotificationPtr();
  auto it = device->notifications.find(id);
  if (it == device->notifications.end() || it->second.expires <= now) return NotificationPtr();
  return it->second.item;
}

core::Result<CommandPtr> MemoryHotStore::FindCommand(std::string_view device_id, int64_t id) {
  const auto now = clock_.Now();
  Shard& shard = ShardOf(device_id);
  std::lock_guard lock(shard.mutex);
  const DeviceItems* device = shard.Find(device_id);
  if (device == nullptr) return CommandPtr();
  auto it = device->commands.find(id);
  if (it == device->commands.end() || it->second.expires <= now) return CommandPtr();
  return it->second.item;
}

namespace {

// Appends the live items of `map` that `keep` accepts.
template <class Ptr, class Keep>
void Collect(const std::map<int64_t, Stored<Ptr>>& map, core::Timestamp now, Keep&& keep,
             std::vector<Ptr>& out) {
  for (const auto& [id, stored] : map) {
    if (stored.expires > now && keep(*stored.item)) out.push_back(stored.item);
  }
}

}  // namespace

core::Result<std::vector<NotificationPtr>> MemoryHotStore::ListNotifications(
    const ListQuery& query) {
  const auto now = clock_.Now();
  std::vector<NotificationPtr> out;
  const auto keep = [&](const domain::Notification& n) {
    return Matches(n, n.notification, query);
  };
  if (!query.filter.device_ids.empty()) {
    for (const auto& device_id : query.filter.device_ids) {
      Shard& shard = ShardOf(device_id);
      std::lock_guard lock(shard.mutex);
      if (const DeviceItems* device = shard.Find(device_id)) {
        Collect(device->notifications, now, keep, out);
      }
    }
  } else {
    for (auto& shard : shards_) {
      std::lock_guard lock(shard->mutex);
      for (const auto& [id, device] : shard->devices) Collect(device.notifications, now, keep, out);
    }
  }
  SortAndSlice(out, query);
  return out;
}

core::Result<std::vector<CommandPtr>> MemoryHotStore::ListCommands(const ListQuery& query) {
  const auto now = clock_.Now();
  std::vector<CommandPtr> out;
  const auto keep = [&](const domain::Command& c) { return MatchesCommand(c, query); };
  if (!query.filter.device_ids.empty()) {
    for (const auto& device_id : query.filter.device_ids) {
      Shard& shard = ShardOf(device_id);
      std::lock_guard lock(shard.mutex);
      if (const DeviceItems* device = shard.Find(device_id)) {
        Collect(device->commands, now, keep, out);
      }
    }
  } else {
    for (auto& shard : shards_) {
      std::lock_guard lock(shard->mutex);
      for (const auto& [id, device] : shard->devices) Collect(device.commands, now, keep, out);
    }
  }
  SortAndSlice(out, query);
  return out;
}

core::Status MemoryHotStore::DropDevice(std::string_view device_id) {
  Shard& shard = ShardOf(device_id);
  std::lock_guard lock(shard.mutex);
  if (DeviceItems* device = shard.Find(device_id)) {
    // References stay in the FIFO and release the emptied entry when they are popped.
    shard.items -= device->notifications.size() + device->commands.size();
    device->notifications.clear();
    device->commands.clear();
  }
  return {};
}

void MemoryHotStore::Sweep() {
  const auto now = clock_.Now();
  const size_t cap = std::max<size_t>(options_.max_items / shards_.size(), 1);
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    shard->Trim(now, cap);
  }
}

MemoryHotStore::Stats MemoryHotStore::stats() const {
  Stats stats;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    stats.items += shard->items;
    stats.devices += shard->devices.size();
    stats.expired += shard->expired;
    stats.evicted += shard->evicted;
  }
  return stats;
}

}  // namespace dh::hotstore
