#include "auth/user_rights.hpp"

namespace dh::auth {

core::Result<Principal> UserRights(storage::Storage& storage, domain::User user) {
  Principal rights;
  if (user.is_admin()) {
    rights.actions = ActionSet::All();
    rights.all_networks = true;
    rights.all_device_types = true;
    rights.user = std::move(user);
    return rights;
  }
  rights.actions = ActionSet::Client();
  DH_TRY(auto networks, storage.links().Networks(user.id));
  for (const auto& network : networks) rights.network_ids.push_back(network.id);
  rights.all_device_types = user.all_device_types_available;
  if (!rights.all_device_types) {
    DH_TRY(auto types, storage.links().DeviceTypes(user.id));
    for (const auto& type : types) rights.device_type_ids.push_back(type.id);
  }
  rights.user = std::move(user);
  return rights;
}

}  // namespace dh::auth
