#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace dh::domain {

// A message from a device (DeviceNotification). Kept only in the hot store, for its TTL.
struct Notification {
  int64_t id = 0;            // unique, below 2^53
  std::string notification;  // the name
  std::string device_id;
  std::optional<int64_t> network_id;  // copied from the device at insert time
  std::optional<int64_t> device_type_id;
  core::Timestamp timestamp;
  std::optional<std::string> parameters;  // compact JSON object text, or null
};

}  // namespace dh::domain
