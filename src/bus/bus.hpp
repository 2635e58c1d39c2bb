#pragma once
// How front doors reach the backend that owns hot data (notifications, commands,
// subscriptions). Every call completes through `done` exactly once, on any thread; the
// in-process bus completes before the call returns, a networked one later. Requests about one
// device go to the backend instance owning that device id.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bus/event.hpp"
#include "core/error.hpp"

namespace dh::bus {

template <class T>
using Done = std::function<void(core::Result<T>)>;

struct CommandUpdate {
  std::string device_id;
  int64_t command_id = 0;
  std::optional<std::string> status;  // left unchanged when empty
  std::optional<std::string> result;  // compact JSON object text; unchanged when empty
};

struct SubscribeRequest {
  EventKind kind = EventKind::kNotification;
  SubscriptionFilter filter;
  std::optional<core::Timestamp> since;  // history: stored items newer than this; none if empty
  int64_t history_limit = 100;           // the oldest this many of them
  std::shared_ptr<EventSink> sink;
};

struct Subscribed {
  int64_t subscription_id = 0;    // 0 when nothing was registered (WaitCommand)
  std::vector<EventPtr> history;  // oldest first
};

class Bus {
 public:
  virtual ~Bus() = default;

  // Stores a notification (id assigned; timestamp too when zero) and publishes it.
  virtual void InsertNotification(domain::Notification notification,
                                  Done<hotstore::NotificationPtr> done) = 0;
  // Stores a command (id, timestamp and lastUpdated assigned) and publishes it.
  virtual void InsertCommand(domain::Command command, Done<hotstore::CommandPtr> done) = 0;
  // Applies an update (kNotFound "Command with id = X not found" when absent) and publishes it.
  virtual void UpdateCommand(CommandUpdate update, Done<hotstore::CommandPtr> done) = 0;
  virtual void SearchNotifications(hotstore::ListQuery query,
                                   Done<std::vector<hotstore::NotificationPtr>> done) = 0;
  virtual void SearchCommands(hotstore::ListQuery query,
                              Done<std::vector<hotstore::CommandPtr>> done) = 0;
  // Registers a subscription and returns it with its history.
  virtual void Subscribe(SubscribeRequest request, Done<Subscribed> done) = 0;
  // Waits for one update of a command. The history holds the command when it is already updated
  // (and nothing is registered); empty history and id 0 mean the command is not stored.
  virtual void WaitCommand(std::string device_id, int64_t command_id,
                           std::shared_ptr<EventSink> sink, Done<Subscribed> done) = 0;
  // Removes subscriptions (unknown ids are ignored).
  virtual void Unsubscribe(std::vector<int64_t> subscription_ids) = 0;
  // Forgets a deleted device: its stored items and its device-scoped subscriptions.
  virtual void DropDevice(std::string device_id) = 0;
};

}  // namespace dh::bus
