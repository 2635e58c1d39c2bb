#pragma once
// The links that give a user its networks and device types (spec §3.6, /user/{id}/network/...
// and /user/{id}/devicetype/...).
#include <vector>

#include "auth/principal.hpp"
#include "core/error.hpp"
#include "domain/named_entity.hpp"
#include "storage/storage.hpp"

namespace dh::service {

class UserLinkService {
 public:
  explicit UserLinkService(storage::Storage& storage) : storage_(storage) {}

  // The network if it is linked to the user (GetNetwork; a client may ask only about itself).
  core::Result<domain::Network> GetNetwork(const auth::Principal& principal, int64_t user_id,
                                           int64_t network_id);
  core::Status AssignNetwork(const auth::Principal& principal, int64_t user_id, int64_t network_id);
  core::Status UnassignNetwork(const auth::Principal& principal, int64_t user_id,
                               int64_t network_id);

  // All device types when the user has allDeviceTypesAvailable, else the linked ones.
  core::Result<std::vector<domain::DeviceType>> DeviceTypes(const auth::Principal& principal,
                                                            int64_t user_id);
  // The device type if it is linked to the user (even when the user has all of them).
  core::Result<domain::DeviceType> GetDeviceType(const auth::Principal& principal, int64_t user_id,
                                                 int64_t device_type_id);
  // Refused (403) for users with allDeviceTypesAvailable.
  core::Status AssignDeviceType(const auth::Principal& principal, int64_t user_id,
                                int64_t device_type_id);
  core::Status UnassignDeviceType(const auth::Principal& principal, int64_t user_id,
                                  int64_t device_type_id);
  // Sets allDeviceTypesAvailable; allowing all also drops the individual links.
  core::Status SetAllDeviceTypes(const auth::Principal& principal, int64_t user_id, bool allowed);

 private:
  core::Result<domain::User> FindUser(int64_t user_id);

  storage::Storage& storage_;
};

}  // namespace dh::service
