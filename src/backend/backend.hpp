#pragma once
// The backend service (DeviceHive's backend): owns the hot store and the subscriptions. It
// stores notifications and commands, answers searches, and hands each stored item to the
// subscriptions it matches. Front doors reach it only through bus::Bus. Thread-safe.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/subscription_registry.hpp"
#include "bus/bus.hpp"
#include "core/clock.hpp"
#include "core/id_generator.hpp"
#include "hotstore/hotstore.hpp"

namespace dh::backend {

class Backend {
 public:
  Backend(hotstore::HotStore& store, const core::Clock& clock, core::IdGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  core::Result<hotstore::NotificationPtr> InsertNotification(domain::Notification notification);
  core::Result<hotstore::CommandPtr> InsertCommand(domain::Command command);
  core::Result<hotstore::CommandPtr> UpdateCommand(const bus::CommandUpdate& update);
  core::Result<std::vector<hotstore::NotificationPtr>> SearchNotifications(
      const hotstore::ListQuery& query);
  core::Result<std::vector<hotstore::CommandPtr>> SearchCommands(const hotstore::ListQuery& query);
  core::Result<bus::Subscribed> Subscribe(bus::SubscribeRequest request);
  core::Result<bus::Subscribed> WaitCommand(const std::string& device_id, int64_t command_id,
                                            std::shared_ptr<bus::EventSink> sink);
  void Unsubscribe(const std::vector<int64_t>& subscription_ids);
  void DropDevice(const std::string& device_id);

  // Live subscriptions (all kinds, including command waits).
  size_t subscriptions() const;

 private:
  struct Waiter {
    int64_t subscription_id;
    std::shared_ptr<bus::EventSink> sink;
  };

  SubscriptionRegistry& RegistryFor(bus::EventKind kind) {
    return registries_[static_cast<size_t>(kind)];
  }
  void Publish(const bus::EventPtr& event, const std::string& device_id,
               std::optional<int64_t> network_id, std::optional<int64_t> device_type_id,
               const std::string& name);
  core::Result<std::vector<bus::EventPtr>> History(const bus::SubscribeRequest& request);

  hotstore::HotStore& store_;
  const core::Clock& clock_;
  core::IdGenerator& ids_;
  std::array<SubscriptionRegistry, 3> registries_;

  mutable std::mutex waiters_mutex_;
  std::unordered_map<int64_t, std::vector<Waiter>> waiters_;  // by command id
  std::unordered_map<int64_t, int64_t> waiting_on_;           // subscription id -> command id

  std::array<std::mutex, 16> update_locks_;  // serialise read-modify-write per device
};

}  // namespace dh::backend
