#pragma once
// DeviceHive's permission checks (spec §5.3): an endpoint needs an action in the token; rows are
// visible through the principal's network and device-type scopes.
#include <cstdint>

#include "auth/principal.hpp"
#include "core/error.hpp"
#include "storage/query.hpp"

namespace dh::auth {

inline constexpr std::string_view kUnauthorized = "Unauthorized";
inline constexpr std::string_view kAccessDenied = "Access is denied";

// kUnauthorized "Unauthorized" for an anonymous principal, kForbidden "Access is denied" when
// the token lacks the action.
core::Status RequireAction(const Principal& principal, Action action);

// Networks a principal sees: clients only linked ones; a token's `n` list narrows further.
storage::Visibility NetworkVisibility(const Principal& principal);
// Device types a principal sees: clients without allDeviceTypesAvailable only linked ones; a
// token's `dt` list narrows further.
storage::Visibility DeviceTypeVisibility(const Principal& principal);
// Devices a principal sees: in a visible network and of a device type in the token's list.
storage::DeviceScope DeviceScopeOf(const Principal& principal);

// Whether an id named in a request is within the token's `n` / `dt` scope.
bool MayTargetNetwork(const Principal& principal, int64_t network_id);
bool MayTargetDeviceType(const Principal& principal, int64_t device_type_id);
// Whether the principal sees every device (so a missing device is a 404, not a 403).
inline bool SeesAllDevices(const Principal& p) { return p.all_networks && p.all_device_types; }

}  // namespace dh::auth
