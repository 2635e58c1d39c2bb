#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace dh::domain {

// A message to a device (DeviceCommand), updated by the device with a status and a result.
// Kept only in the hot store, for its TTL (which every update restarts).
struct Command {
  int64_t id = 0;       // unique, below 2^53
  std::string command;  // the name
  core::Timestamp timestamp;
  core::Timestamp last_updated;
  std::optional<int64_t> user_id;  // who inserted it
  std::string device_id;
  std::optional<int64_t> network_id;  // copied from the device at insert time
  std::optional<int64_t> device_type_id;
  std::optional<std::string> parameters;  // compact JSON object text, or null
  std::optional<int64_t> lifetime;        // stored and echoed only, as in DeviceHive
  std::optional<std::string> status;
  std::optional<std::string> result;  // compact JSON object text, or null
  bool is_updated = false;            // true after any update
};

}  // namespace dh::domain
