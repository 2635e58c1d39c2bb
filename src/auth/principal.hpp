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

  bool authenticated() const { return user.has_value(); }
  bool is_admin() const { return user && user->is_admin(); }

  // The rights of a verified user token (spec §5.3-5.4): `n`/`dt` containing "*" grant all;
  // a missing `n` grants no network; a user with allDeviceTypesAvailable ignores a `dt` list.
  static Principal ForUser(domain::User user, const TokenPayload& payload);
};

}  // namespace dh::auth
