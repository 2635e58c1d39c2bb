#include "auth/access.hpp"

#include <algorithm>

namespace dh::auth {

core::Status RequireAction(const Principal& principal, Action action) {
  if (!principal.authenticated()) {
    return core::Fail(core::Errc::kUnauthorized, std::string(kUnauthorized));
  }
  if (!principal.actions.Contains(action)) {
    return core::Fail(core::Errc::kForbidden, std::string(kAccessDenied));
  }
  return {};
}

storage::Visibility NetworkVisibility(const Principal& principal) {
  storage::Visibility scope;
  if (principal.user && !principal.is_admin()) scope.linked_user = principal.user->id;
  if (!principal.all_networks) scope.ids = principal.network_ids;
  return scope;
}

storage::Visibility DeviceTypeVisibility(const Principal& principal) {
  storage::Visibility scope;
  if (principal.user && !principal.is_admin() && !principal.user->all_device_types_available) {
    scope.linked_user = principal.user->id;
  }
  if (!principal.all_device_types) scope.ids = principal.device_type_ids;
  return scope;
}

storage::DeviceScope DeviceScopeOf(const Principal& principal) {
  storage::DeviceScope scope;
  scope.networks = NetworkVisibility(principal);
  if (!principal.all_device_types) scope.device_types.ids = principal.device_type_ids;
  return scope;
}

bool MayTargetNetwork(const Principal& principal, int64_t network_id) {
  return principal.all_networks ||
         std::find(principal.network_ids.begin(), principal.network_ids.end(), network_id) !=
             principal.network_ids.end();
}

bool MayTargetDeviceType(const Principal& principal, int64_t device_type_id) {
  return principal.all_device_types ||
         std::find(principal.device_type_ids.begin(), principal.device_type_ids.end(),
                   device_type_id) != principal.device_type_ids.end();
}

}  // namespace dh::auth
