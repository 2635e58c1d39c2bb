#pragma once
// What subscribers receive: one stored item, shared by every subscriber it reaches.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "hotstore/hotstore.hpp"

namespace dh::bus {

enum class EventKind {
  kNotification,   // a new notification
  kCommand,        // a new command
  kCommandUpdate,  // a command was updated (returnUpdatedCommands subscriptions, command waits)
};

struct Event {
  EventKind kind;
  hotstore::NotificationPtr notification;  // set for kNotification
  hotstore::CommandPtr command;            // set for kCommand and kCommandUpdate

  // The item's client JSON view, rendered once by the first front door that needs it (see
  // api/json/event_view.hpp); every subscriber then splices the same text.
  mutable std::once_flag view_once;
  mutable std::string view;
};
using EventPtr = std::shared_ptr<const Event>;

EventPtr MakeEvent(hotstore::NotificationPtr notification);
EventPtr MakeEvent(EventKind kind, hotstore::CommandPtr command);

// Where a subscription's events go. Deliver must not block (post to your own executor); it is
// called from any thread, possibly concurrently, and may still be called for an event already in
// flight when Unsubscribe returns.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void Deliver(int64_t subscription_id, const EventPtr& event) = 0;
};

// Which events a subscription receives (spec §6.3). Empty optionals and lists mean "any".
struct SubscriptionFilter {
  std::optional<std::string> device_id;
  std::optional<std::vector<int64_t>> network_ids;
  std::optional<std::vector<int64_t>> device_type_ids;
  std::vector<std::string> names;
};

}  // namespace dh::bus
