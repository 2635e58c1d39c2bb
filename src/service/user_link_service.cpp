#include "service/user_link_service.hpp"

#include <algorithm>

#include "auth/access.hpp"
#include "service/user_service.hpp"

namespace dh::service {
namespace {

using auth::Action;

core::Error NotFound(std::string message) {
  return core::Fail(core::Errc::kNotFound, std::move(message));
}

core::Error NetworkNotFound(int64_t id) {
  return NotFound("Network with id = " + std::to_string(id) + " not found");
}

core::Error DeviceTypeNotFound(int64_t id) {
  return NotFound("Device type with id = " + std::to_string(id) + " not found");
}

// Clients may look only at their own links.
core::Status CheckSelf(const auth::Principal& principal, int64_t user_id) {
  if (!principal.is_admin() && principal.user->id != user_id) return UserNotFound(user_id);
  return {};
}

core::Error AllTypesAllowed() {
  return core::Fail(core::Errc::kForbidden,
                    "Cannot assign device type to user with all device types allowed");
}

}  // namespace

core::Result<domain::User> UserLinkService::FindUser(int64_t user_id) {
  DH_TRY(auto user, storage_.users().Get(user_id));
  if (!user) return UserNotFound(user_id);
  return std::move(*user);
}

core::Result<domain::Network> UserLinkService::GetNetwork(const auth::Principal& principal,
                                                          int64_t user_id, int64_t network_id) {
  DH_CHECK(auth::RequireAction(principal, Action::kGetNetwork));
  DH_CHECK(CheckSelf(principal, user_id));
  DH_TRY([[maybe_unused]] auto user, FindUser(user_id));
  DH_TRY(auto networks, storage_.links().Networks(user_id));
  for (auto& network : networks) {
    if (network.id == network_id) return std::move(network);
  }
  return NotFound("Network with id " + std::to_string(network_id) + " for user with id " +
                  std::to_string(user_id) + " was not found");
}

core::Status UserLinkService::AssignNetwork(const auth::Principal& principal, int64_t user_id,
                                            int64_t network_id) {
  DH_CHECK(auth::RequireAction(principal, Action::kManageNetwork));
  DH_TRY([[maybe_unused]] auto user, FindUser(user_id));
  DH_TRY(auto network, storage_.networks().Get(network_id, {}));
  if (!network) return NetworkNotFound(network_id);
  return storage_.links().LinkNetwork(user_id, network_id);
}

core::Status UserLinkService::UnassignNetwork(const auth::Principal& principal, int64_t user_id,
                                              int64_t network_id) {
  DH_CHECK(auth::RequireAction(principal, Action::kManageNetwork));
  DH_TRY([[maybe_unused]] auto user, FindUser(user_id));
  DH_TRY(auto network, storage_.networks().Get(network_id, {}));
  if (!network) return NetworkNotFound(network_id);
  DH_TRY([[maybe_unused]] const bool unlinked, storage_.links().UnlinkNetwork(user_id, network_id));
  return {};
}

core::Result<std::vector<domain::DeviceType>> UserLinkService::DeviceTypes(
    const auth::Principal& principal, int64_t user_id) {
  DH_CHECK(auth::RequireAction(principal, Action::kManageDeviceType));
  DH_TRY(auto user, FindUser(user_id));
  if (!user.all_device_types_available) return storage_.links().DeviceTypes(user_id);
  storage::NamedEntityQuery all;
  all.sort = storage::NamedEntitySort::kId;
  return storage_.device_types().List(all, {});
}

core::Result<domain::DeviceType> UserLinkService::GetDeviceType(const auth::Principal& principal,
                                                                int64_t user_id,
                                                                int64_t device_type_id) {
  DH_CHECK(auth::RequireAction(principal, Action::kGetDeviceType));
  DH_CHECK(CheckSelf(principal, user_id));
  DH_TRY([[maybe_unused]] auto user, FindUser(user_id));
  DH_TRY(auto types, storage_.links().DeviceTypes(user_id));
  for (auto& type : types) {
    if (type.id == device_type_id) return std::move(type);
  }
  return NotFound("Device type with id " + std::to_string(device_type_id) + " for user with id " +
                  std::to_string(user_id) + " not found");
}

core::Status UserLinkService::AssignDeviceType(const auth::Principal& principal, int64_t user_id,
                                               int64_t device_type_id) {
  DH_CHECK(auth::RequireAction(principal, Action::kManageDeviceType));
  DH_TRY(auto user, FindUser(user_id));
  if (user.all_device_types_available) return AllTypesAllowed();
  DH_TRY(auto type, storage_.device_types().Get(device_type_id, {}));
  if (!type) return DeviceTypeNotFound(device_type_id);
  return storage_.links().LinkDeviceType(user_id, device_type_id);
}

core::Status UserLinkService::UnassignDeviceType(const auth::Principal& principal, int64_t user_id,
                                                 int64_t device_type_id) {
  DH_CHECK(auth::RequireAction(principal, Action::kManageDeviceType));
  DH_TRY(auto user, FindUser(user_id));
  if (user.all_device_types_available) return AllTypesAllowed();
  DH_TRY(auto type, storage_.device_types().Get(device_type_id, {}));
  if (!type) return DeviceTypeNotFound(device_type_id);
  DH_TRY([[maybe_unused]] const bool unlinked,
         storage_.links().UnlinkDeviceType(user_id, device_type_id));
  return {};
}

core::Status UserLinkService::SetAllDeviceTypes(const auth::Principal& principal, int64_t user_id,
                                                bool allowed) {
  DH_CHECK(auth::RequireAction(principal, Action::kManageDeviceType));
  DH_TRY(auto user, FindUser(user_id));
  if (allowed) DH_CHECK(storage_.links().UnlinkAllDeviceTypes(user_id));
  user.all_device_types_available = allowed;
  DH_TRY(const bool updated, storage_.users().Update(user));
  if (!updated) return UserNotFound(user_id);
  return {};
}

}  // namespace dh::service
