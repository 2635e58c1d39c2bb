#include "service/device_service.hpp"

#include <algorithm>
#include <cctype>

#include "auth/access.hpp"
#include "service/validation.hpp"

namespace dh::service {
namespace {

constexpr std::string_view kNoNetwork = "No access to network!";
constexpr std::string_view kNoDeviceType = "No access to device type!";

core::Error Forbidden(std::string_view message) {
  return core::Fail(core::Errc::kForbidden, std::string(message));
}

core::Error InvalidParameters() {
  return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
}

core::Error DeviceNotFound(const std::string& id) {
  return core::Fail(core::Errc::kNotFound, "Device with such deviceId = " + id + " not found");
}

}  // namespace

bool IsValidDeviceId(std::string_view id) {
  return !id.empty() && id.size() <= 48 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

core::Result<std::vector<domain::Device>> DeviceService::List(const auth::Principal& principal,
                                                              const storage::DeviceQuery& query) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kGetDevice));
  return storage_.devices().List(query, auth::DeviceScopeOf(principal));
}

core::Result<int64_t> DeviceService::Count(const auth::Principal& principal,
                                           const storage::DeviceFilter& filter) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kGetDevice));
  return storage_.devices().Count(filter, auth::DeviceScopeOf(principal));
}

core::Result<domain::Device> DeviceService::FindTarget(const auth::Principal& principal,
                                                       const std::string& id, auth::Action action) {
  DH_CHECK(auth::RequireAction(principal, action));
  DH_TRY(auto device, storage_.devices().Get(id, auth::DeviceScopeOf(principal)));
  if (device) return std::move(*device);
  if (auth::SeesAllDevices(principal)) return DeviceNotFound(id);
  return Forbidden(auth::kAccessDenied);
}

core::Result<domain::Device> DeviceService::Get(const auth::Principal& principal,
                                                const std::string& id) {
  return FindTarget(principal, id, auth::Action::kGetDevice);
}

core::Result<int64_t> DeviceService::ResolveNetwork(const auth::Principal& principal,
                                                    std::optional<int64_t> requested) {
  const auto& user = *principal.user;
  if (requested) {
    DH_TRY(auto network, storage_.networks().Get(*requested, {}));
    if (!network) return InvalidParameters();
    if (!auth::MayTargetNetwork(principal, *requested)) return Forbidden(kNoNetwork);
    if (!user.is_admin()) {
      DH_TRY(auto linked, storage_.networks().Get(*requested, auth::NetworkVisibility(principal)));
      if (!linked) return Forbidden(kNoNetwork);
    }
    return *requested;
  }
  // The caller's first linked network (lowest id) that its token may use.
  DH_TRY(auto linked, storage_.links().Networks(user.id));
  for (const auto& network : linked) {
    if (auth::MayTargetNetwork(principal, network.id)) return network.id;
  }
  return Forbidden(kNoNetwork);
}

core::Result<int64_t> DeviceService::ResolveDeviceType(const auth::Principal& principal,
                                                       std::optional<int64_t> requested) {
  const auto scope = auth::DeviceTypeVisibility(principal);
  if (requested) {
    DH_TRY(auto type, storage_.device_types().Get(*requested, {}));
    if (!type) return InvalidParameters();
    DH_TRY(auto visible, storage_.device_types().Get(*requested, scope));
    if (!visible) return Forbidden(kNoDeviceType);
    return *requested;
  }
  // The first device type (lowest id) the principal may use.
  storage::NamedEntityQuery query;
  query.sort = storage::NamedEntitySort::kId;
  query.page.take = 1;
  DH_TRY(auto types, storage_.device_types().List(query, scope));
  if (types.empty()) return Forbidden(kNoDeviceType);
  return types.front().id;
}

core::Result<DeviceSaved> DeviceService::Save(const auth::Principal& principal,
                                              const std::string& id, const DeviceUpdate& update) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kRegisterDevice));
  if (!IsValidDeviceId(id)) {
    if (id.size() > 48) {
      return Invalid("id", id,
                     "Field cannot be empty. The length of guid should not be more than 48 "
                     "symbols.");
    }
    return core::Fail(core::Errc::kBadRequest,
                      "Device Id can only contain letters, digits and dashes.");
  }
  DH_TRY(const int64_t network_id, ResolveNetwork(principal, update.network_id));
  DH_TRY(const int64_t device_type_id, ResolveDeviceType(principal, update.device_type_id));
  DH_TRY(auto existing, storage_.devices().Get(id, {}));

  domain::Device device;
  if (existing) {
    if (!principal.is_admin()) {
      DH_TRY(auto visible, storage_.devices().Get(id, auth::DeviceScopeOf(principal)));
      if (!visible) return Forbidden("No access to device");
    }
    device = std::move(*existing);
    if (update.name) device.name = *update.name;
    if (update.network_id) device.network_id = network_id;
    if (update.device_type_id) device.device_type_id = device_type_id;
    if (update.is_blocked) device.is_blocked = *update.is_blocked;
  } else {
    device.id = id;
    device.name = update.name.value_or("");
    device.network_id = network_id;
    device.device_type_id = device_type_id;
    device.is_blocked = update.is_blocked.value_or(false);
    if (!update.name) return Invalid("name", std::nullopt, kNameNull);
  }
  device.data = update.data;
  if (device.name.empty() || device.name.size() > 128) {
    return Invalid("name", device.name, kNameLength);
  }
  DH_TRY(const bool created, storage_.devices().Save(device));
  if (observer_ != nullptr) observer_->Saved(device, created);
  return DeviceSaved{std::move(device), created};
}

core::Status DeviceService::Delete(const auth::Principal& principal, const std::string& id) {
  DH_TRY([[maybe_unused]] auto device, FindTarget(principal, id, auth::Action::kRegisterDevice));
  DH_TRY(const bool deleted, storage_.devices().Delete(id));
  if (!deleted) return DeviceNotFound(id);
  if (observer_ != nullptr) observer_->Deleted(id);
  return {};
}

}  // namespace dh::service
