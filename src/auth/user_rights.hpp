#pragma once
// The rights a user holds now, as its login token would grant them (spec §3.9): an admin sees
// everything; a client its linked networks and its device types (all of them when
// allDeviceTypesAvailable). Used where no token speaks for the user: a plugin acts with its
// owner's rights.
#include "auth/principal.hpp"
#include "core/error.hpp"
#include "storage/storage.hpp"

namespace dh::auth {

core::Result<Principal> UserRights(storage::Storage& storage, domain::User user);

}  // namespace dh::auth
