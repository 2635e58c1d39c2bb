#pragma once
// Who is making a request, with the rights their token grants (DeviceHive's HivePrincipal).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/action.hpp"
#include "auth/token_payload.hpp"
#include "domain/user.hpp"

namespace dh::auth {

struct Principal {
  std::optional<domain::User> user;  // the token's user, as stored now
  ActionSet actions;
  bool all_networks = false;
  std::vector<int64_t> network_ids;  // when !all_networks
  bool all_device_types = false;
  std::vector<int64_t> device_type_ids;  // when !all_device_types
  // Set for a plugin's token: the plugin acts with its owner's (`user`) visibility, but only
  // with the actions its token carries, and only on its own plugin.
  std::optional<std::string> plugin_topic;

  bool authenticated() const { return user.has_value(); }
  bool is_admin() const { return user && user->is_admin(); }

  // The rights of a verified user token (spec §5.3-5.4): `n`/`dt` containing "*" grant all;
  // a missing `n` grants no network; a user with allDeviceTypesAvailable ignores a `dt` list.
  static Principal ForUser(domain::User user, const TokenPayload& payload);
  // The principal of a verified plugin token: `owner_rights` (see user_rights.hpp) narrowed to
  // the token's actions.
  static Principal ForPlugin(Principal owner_rights, const TokenPayload& payload);
};

}  // namespace dh::auth
