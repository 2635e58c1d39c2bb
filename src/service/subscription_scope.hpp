#pragma once
// Turns what a client asks to watch (a device, networks, device types, names) into the filter a
// subscription or poll registers, within the principal's rights (spec §6.3). Shared by REST
// polls and WebSocket subscriptions.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "bus/event.hpp"
#include "core/error.hpp"
#include "service/device_service.hpp"
#include "storage/storage.hpp"

namespace dh::service {

struct SubscriptionScope {
  std::optional<std::string> device_id;
  std::optional<std::vector<int64_t>> network_ids;
  std::optional<std::vector<int64_t>> device_type_ids;
  std::vector<std::string> names;
};

class SubscriptionScopes {
 public:
  SubscriptionScopes(storage::Storage& storage, DeviceService& devices)
      : storage_(storage), devices_(devices) {}

  // Needs `action`. A device must be one the principal may target (403/404 as for GET); given
  // networks or device types must all be visible (a client gets 403 "Access is denied", an admin
  // 404 "Networks with such networkIds wasn't found: {[..]}"); without them the subscription
  // covers what the principal sees: everything (a global filter) or its networks and types.
  core::Result<bus::SubscriptionFilter> Resolve(const auth::Principal& principal,
                                                const SubscriptionScope& scope,
                                                auth::Action action);

 private:
  core::Result<std::optional<std::vector<int64_t>>> Networks(const auth::Principal& principal,
                                                             const SubscriptionScope& scope);
  core::Result<std::optional<std::vector<int64_t>>> DeviceTypes(const auth::Principal& principal,
                                                                const SubscriptionScope& scope);

  storage::Storage& storage_;
  DeviceService& devices_;
};

// True when a filter cannot match anything (the principal sees no network or no device type).
bool GrantsNothing(const bus::SubscriptionFilter& filter);

}  // namespace dh::service
