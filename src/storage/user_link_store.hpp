#pragma once
#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "domain/named_entity.hpp"

namespace dh::storage {

// The user-network and user-device-type links that grant a client access. Thread-safe.
// Linking needs both rows to exist (kNotFound otherwise); linking twice is not an error.
class UserLinkStore {
 public:
  virtual ~UserLinkStore() = default;

  virtual core::Status LinkNetwork(int64_t user_id, int64_t network_id) = 0;
  // False when there was no such link.
  virtual core::Result<bool> UnlinkNetwork(int64_t user_id, int64_t network_id) = 0;
  // The user's networks, by ascending id.
  virtual core::Result<std::vector<domain::Network>> Networks(int64_t user_id) = 0;

  virtual core::Status LinkDeviceType(int64_t user_id, int64_t device_type_id) = 0;
  virtual core::Result<bool> UnlinkDeviceType(int64_t user_id, int64_t device_type_id) = 0;
  virtual core::Status UnlinkAllDeviceTypes(int64_t user_id) = 0;
  // The user's linked device types, by ascending id.
  virtual core::Result<std::vector<domain::DeviceType>> DeviceTypes(int64_t user_id) = 0;
};

}  // namespace dh::storage
