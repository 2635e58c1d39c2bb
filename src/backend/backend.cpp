#include "backend/backend.hpp"

#include <algorithm>

namespace dh::backend {
namespace {

bool GrantsNothing(const bus::SubscriptionFilter& filter) {
  return (filter.network_ids && filter.network_ids->empty()) ||
         (filter.device_type_ids && filter.device_type_ids->empty());
}

hotstore::ItemFilter ToItemFilter(const bus::SubscriptionFilter& filter) {
  hotstore::ItemFilter items;
  if (filter.device_id) items.device_ids.push_back(*filter.device_id);
  if (filter.network_ids) items.network_ids = *filter.network_ids;
  if (filter.device_type_ids) items.device_type_ids = *filter.device_type_ids;
  items.names = filter.names;
  return items;
}

}  // namespace

void Backend::Publish(const bus::EventPtr& event, const std::string& device_id,
                      std::optional<int64_t> network_id, std::optional<int64_t> device_type_id,
                      const std::string& name) {
  RegistryFor(event->kind)
      .Match(device_id, network_id, device_type_id, name,
             [&event](int64_t subscription_id, bus::EventSink& sink) {
               sink.Deliver(subscription_id, event);
             });
}

core::Result<hotstore::NotificationPtr> Backend::InsertNotification(
    domain::Notification notification) {
  notification.id = ids_.Next();
  if (notification.timestamp == core::Timestamp{}) notification.timestamp = clock_.Now();
  auto stored = std::make_shared<const domain::Notification>(std::move(notification));
  DH_CHECK(store_.Put(stored));
  Publish(bus::MakeEvent(stored), stored->device_id, stored->network_id, stored->device_type_id,
          stored->notification);
  return stored;
}

core::Result<hotstore::CommandPtr> Backend::InsertCommand(domain::Command command) {
  command.id = ids_.Next();
  if (command.timestamp == core::Timestamp{}) command.timestamp = clock_.Now();
  command.last_updated = command.timestamp;
  command.is_updated = false;
  auto stored = std::make_shared<const domain::Command>(std::move(command));
  DH_CHECK(store_.Put(stored));
  Publish(bus::MakeEvent(bus::EventKind::kCommand, stored), stored->device_id, stored->network_id,
          stored->device_type_id, stored->command);
  return stored;
}

core::Result<hotstore::CommandPtr> Backend::UpdateCommand(const bus::CommandUpdate& update) {
  hotstore::CommandPtr stored;
  {
    std::lock_guard lock(
        update_locks_[std::hash<std::string>{}(update.device_id) % update_locks_.size()]);
    DH_TRY(auto current, store_.FindCommand(update.device_id, update.command_id));
    if (!current) {
      return core::Fail(core::Errc::kNotFound,
                        "Command with id = " + std::to_string(update.command_id) + " not found");
    }
    auto next = std::make_shared<domain::Command>(*current);
    if (update.status) next->status = update.status;
    if (update.result) next->result = update.result;
    next->is_updated = true;
    next->last_updated = clock_.Now();
    stored = std::move(next);
    DH_CHECK(store_.Put(stored));
  }
  const auto event = bus::MakeEvent(bus::EventKind::kCommandUpdate, stored);
  Publish(event, stored->device_id, stored->network_id, stored->device_type_id, stored->command);
  std::vector<Waiter> waiting;
  {
    std::lock_guard lock(waiters_mutex_);
    if (auto it = waiters_.find(stored->id); it != waiters_.end()) {
      waiting = std::move(it->second);
      waiters_.erase(it);
      for (const auto& waiter : waiting) waiting_on_.erase(waiter.subscription_id);
    }
  }
  for (const auto& waiter : waiting) waiter.sink->Deliver(waiter.subscription_id, event);
  return stored;
}

core::Result<std::vector<hotstore::NotificationPtr>> Backend::SearchNotifications(
    const hotstore::ListQuery& query) {
  return store_.ListNotifications(query);
}

core::Result<std::vector<hotstore::CommandPtr>> Backend::SearchCommands(
    const hotstore::ListQuery& query) {
  return store_.ListCommands(query);
}

core::Result<std::vector<bus::EventPtr>> Backend::History(const bus::SubscribeRequest& request) {
  std::vector<bus::EventPtr> history;
  if (!request.since || GrantsNothing(request.filter)) return history;
  hotstore::ListQuery query;
  query.filter = ToItemFilter(request.filter);
  query.filter.after = request.since;
  query.order = storage::SortOrder::kAsc;
  query.take = request.history_limit;
  if (request.kind == bus::EventKind::kNotification) {
    DH_TRY(auto items, store_.ListNotifications(query));
    for (auto& item : items) history.push_back(bus::MakeEvent(std::move(item)));
  } else {
    query.updated_only = request.kind == bus::EventKind::kCommandUpdate;
    DH_TRY(auto items, store_.ListCommands(query));
    for (auto& item : items) history.push_back(bus::MakeEvent(request.kind, std::move(item)));
  }
  return history;
}

core::Result<bus::Subscribed> Backend::Subscribe(bus::SubscribeRequest request) {
  bus::Subscribed subscribed;
  subscribed.subscription_id = ids_.Next();
  // Registered before the history is read, so nothing stored in between is missed (it may be
  // delivered twice, live and in the history, as in DeviceHive).
  if (!GrantsNothing(request.filter)) {
    RegistryFor(request.kind).Add(subscribed.subscription_id, request.filter, request.sink);
  }
  auto history = History(request);
  if (!history) {
    RegistryFor(request.kind).Remove(subscribed.subscription_id);
    return history.error();
  }
  subscribed.history = std::move(*history);
  return subscribed;
}

core::Result<bus::Subscribed> Backend::WaitCommand(const std::string& device_id, int64_t command_id,
                                                   std::shared_ptr<bus::EventSink> sink) {
  bus::Subscribed subscribed;
  const int64_t subscription_id = ids_.Next();
  {
    // Registered before looking, so an update landing in between still wakes the waiter.
    std::lock_guard lock(waiters_mutex_);
    waiters_[command_id].push_back(Waiter{subscription_id, sink});
    waiting_on_[subscription_id] = command_id;
  }
  auto found = store_.FindCommand(device_id, command_id);
  if (!found) {
    Unsubscribe({subscription_id});
    return found.error();
  }
  const hotstore::CommandPtr& current = *found;
  if (current && !current->is_updated) {
    subscribed.subscription_id = subscription_id;
    return subscribed;
  }
  Unsubscribe({subscription_id});
  if (current)
    subscribed.history.push_back(bus::MakeEvent(bus::EventKind::kCommandUpdate, current));
  return subscribed;
}

void Backend::Unsubscribe(const std::vector<int64_t>& subscription_ids) {
  for (int64_t id : subscription_ids) {
    bool removed = false;
    for (auto& registry : registries_) removed = removed || registry.Remove(id);
    if (removed) continue;
    std::lock_guard lock(waiters_mutex_);
    auto command = waiting_on_.find(id);
    if (command == waiting_on_.end()) continue;
    auto it = waiters_.find(command->second);
    waiting_on_.erase(command);
    if (it == waiters_.end()) continue;
    auto& list = it->second;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [id](const Waiter& w) { return w.subscription_id == id; }),
               list.end());
    if (list.empty()) waiters_.erase(it);
  }
}

void Backend::DropDevice(const std::string& device_id) {
  for (auto& registry : registries_) registry.RemoveDevice(device_id);
  (void)store_.DropDevice(device_id);
}

size_t Backend::subscriptions() const {
  size_t count = 0;
  for (const auto& registry : registries_) count += registry.size();
  std::lock_guard lock(waiters_mutex_);
  for (const auto& [id, list] : waiters_) count += list.size();
  return count;
}

}  // namespace dh::backend
