#pragma once
// The live subscriptions of one event kind, indexed the way spec §6.3 routes events, so an event
// is checked only against subscriptions that could want it, never against all of them:
//   device id -> subscriptions to that device;
//   (network, device type), (network, any), (any, device type) -> scoped subscriptions;
//   global -> subscriptions to everything.
// An event without a network or device type (the $device-add/$device-update notifications)
// reaches only global subscriptions, as in DeviceHive. Thread-safe: matching takes a shared lock.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "bus/event.hpp"

namespace dh::backend {

class SubscriptionRegistry {
 public:
  SubscriptionRegistry();
  ~SubscriptionRegistry();

  void Add(int64_t id, const bus::SubscriptionFilter& filter, std::shared_ptr<bus::EventSink> sink);
  // False when there is no such subscription.
  bool Remove(int64_t id);
  // Removes the subscriptions made for exactly this device.
  void RemoveDevice(const std::string& device_id);

  using Visitor = std::function<void(int64_t subscription_id, bus::EventSink& sink)>;
  // Calls `visit` once for every subscription the event matches; `visit` must not block or
  // change the registry.
  void Match(const std::string& device_id, std::optional<int64_t> network_id,
             std::optional<int64_t> device_type_id, const std::string& name,
             const Visitor& visit) const;

  size_t size() const;

 private:
  struct Entry;
  struct ScopeKey {
    int64_t network_id;  // kAny for any
    int64_t device_type_id;
    bool operator==(const ScopeKey&) const = default;
  };
  struct ScopeHash {
    size_t operator()(const ScopeKey& k) const {
      return std::hash<int64_t>{}(k.network_id * 1'000'003 ^ k.device_type_id);
    }
  };
  static constexpr int64_t kAny = -1;

  static void Visit(const std::vector<Entry*>* bucket, const std::string& name,
                    const Visitor& visit);

  mutable std::shared_mutex mutex_;
  std::unordered_map<int64_t, std::unique_ptr<Entry>> entries_;
  std::unordered_map<std::string, std::vector<Entry*>> by_device_;
  std::unordered_map<ScopeKey, std::vector<Entry*>, ScopeHash> by_scope_;
  std::vector<Entry*> global_;
};

}  // namespace dh::backend
