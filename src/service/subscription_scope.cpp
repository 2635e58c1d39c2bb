#include "service/subscription_scope.hpp"

#include "auth/access.hpp"

namespace dh::service {
namespace {

// "{[1, 2]}": how DeviceHive prints the set of missing ids.
std::string IdSet(const std::vector<int64_t>& ids) {
  std::string text = "{[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(ids[i]);
  }
  return text + "]}";
}

template <class Store>
core::Result<std::vector<int64_t>> VisibleIds(Store& store, const storage::Visibility& scope) {
  storage::NamedEntityQuery all;
  all.sort = storage::NamedEntitySort::kId;
  DH_TRY(auto entities, store.List(all, scope));
  std::vector<int64_t> ids;
  ids.reserve(entities.size());
  for (const auto& entity : entities) ids.push_back(entity.id);
  return ids;
}

// Checks that every requested id is visible: the ids, or the error DeviceHive answers.
template <class Store>
core::Result<std::vector<int64_t>> CheckRequested(const auth::Principal& principal, Store& store,
                                                  const storage::Visibility& scope,
                                                  const std::vector<int64_t>& requested,
                                                  const char* what) {
  std::vector<int64_t> missing;
  for (int64_t id : requested) {
    DH_TRY(auto entity, store.Get(id, scope));
    if (!entity) missing.push_back(id);
  }
  if (missing.empty()) return requested;
  if (!principal.is_admin()) {
    return core::Fail(core::Errc::kForbidden, std::string(auth::kAccessDenied));
  }
  return core::Fail(core::Errc::kNotFound, std::string(what) + IdSet(missing));
}

}  // namespace

bool GrantsNothing(const bus::SubscriptionFilter& filter) {
  return !filter.device_id && ((filter.network_ids && filter.network_ids->empty()) ||
                               (filter.device_type_ids && filter.device_type_ids->empty()));
}

core::Result<std::optional<std::vector<int64_t>>> SubscriptionScopes::Networks(
    const auth::Principal& principal, const SubscriptionScope& scope) {
  const auto visibility = auth::NetworkVisibility(principal);
  if (scope.network_ids) {
    DH_TRY(auto ids, CheckRequested(principal, storage_.networks(), visibility, *scope.network_ids,
                                    "Networks with such networkIds wasn't found: "));
    return std::optional<std::vector<int64_t>>(std::move(ids));
  }
  if (principal.is_admin() && principal.all_networks) {
    return std::optional<std::vector<int64_t>>();
  }
  DH_TRY(auto ids, VisibleIds(storage_.networks(), visibility));
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

core::Result<std::optional<std::vector<int64_t>>> SubscriptionScopes::DeviceTypes(
    const auth::Principal& principal, const SubscriptionScope& scope) {
  const auto visibility = auth::DeviceTypeVisibility(principal);
  if (scope.device_type_ids) {
    DH_TRY(auto ids,
           CheckRequested(principal, storage_.device_types(), visibility, *scope.device_type_ids,
                          "Device types with such deviceTypeIds wasn't found: "));
    return std::optional<std::vector<int64_t>>(std::move(ids));
  }
  if (!visibility.linked_user && !visibility.ids) return std::optional<std::vector<int64_t>>();
  DH_TRY(auto ids, VisibleIds(storage_.device_types(), visibility));
  return std::optional<std::vector<int64_t>>(std::move(ids));
}

core::Result<bus::SubscriptionFilter> SubscriptionScopes::Resolve(const auth::Principal& principal,
                                                                  const SubscriptionScope& scope,
                                                                  auth::Action action) {
  DH_CHECK(auth::RequireAction(principal, action));
  bus::SubscriptionFilter filter;
  filter.names = scope.names;
  if (scope.device_id) {
    DH_TRY(auto device, devices_.FindTarget(principal, *scope.device_id, action));
    filter.device_id = device.id;
    return filter;
  }
  DH_TRY(filter.network_ids, Networks(principal, scope));
  DH_TRY(filter.device_type_ids, DeviceTypes(principal, scope));
  return filter;
}

}  // namespace dh::service
