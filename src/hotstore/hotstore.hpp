#pragma once
// The hot store of notifications and commands (DeviceHive's Hazelcast/Redis message cache):
// items live for a TTL that every store restarts, and vanish from every read once expired.
// Items are shared immutable values: a stored pointer never changes, an update stores a new one.
// Backends: memory (hotstore/memory); each passes tests/contract/hotstore_*.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/command.hpp"
#include "domain/notification.hpp"
#include "storage/query.hpp"

namespace dh::hotstore {

using NotificationPtr = std::shared_ptr<const domain::Notification>;
using CommandPtr = std::shared_ptr<const domain::Command>;

// Which items a list reads. Bounds are inclusive; empty lists mean "any".
struct ItemFilter {
  std::optional<int64_t> id;            // only the item with this id
  std::vector<std::string> device_ids;  // empty: every device
  std::vector<int64_t> network_ids;
  std::vector<int64_t> device_type_ids;
  std::vector<std::string> names;
  std::optional<core::Timestamp> start;  // timestamp >= start
  std::optional<core::Timestamp> end;    // timestamp <= end
  std::optional<core::Timestamp> after;  // timestamp > after (subscription history)
};

enum class SortField { kTimestamp, kName, kStatus };

struct ListQuery {
  ItemFilter filter;
  SortField sort = SortField::kTimestamp;
  storage::SortOrder order = storage::SortOrder::kDesc;
  int64_t take = 0;  // 0: all
  int64_t skip = 0;
  // Commands only:
  std::optional<std::string> status;  // equal ignoring case
  bool updated_only = false;          // only commands updated at least once
};

class HotStore {
 public:
  virtual ~HotStore() = default;

  // Keeps the notification for the TTL from now. Thread-safe.
  virtual core::Status Put(NotificationPtr notification) = 0;
  // Inserts the command, or replaces the one with the same device and id; the TTL restarts.
  virtual core::Status Put(CommandPtr command) = 0;
  // The live item, or null when absent or expired.
  virtual core::Result<NotificationPtr> FindNotification(std::string_view device_id,
                                                         int64_t id) = 0;
  virtual core::Result<CommandPtr> FindCommand(std::string_view device_id, int64_t id) = 0;
  // Live items matching the query, sorted (ties by id, in the same direction), then sliced.
  virtual core::Result<std::vector<NotificationPtr>> ListNotifications(const ListQuery& query) = 0;
  virtual core::Result<std::vector<CommandPtr>> ListCommands(const ListQuery& query) = 0;
  // Forgets every item of a device (it was deleted).
  virtual core::Status DropDevice(std::string_view device_id) = 0;
};

}  // namespace dh::hotstore
