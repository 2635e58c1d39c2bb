#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace dh::domain {

struct Device {
  std::string id;  // the public device id (1-48 chars of [a-zA-Z0-9-] when registered by us)
  std::string name;
  std::optional<std::string> data;  // compact JSON object text, or null
  std::optional<int64_t> network_id;
  std::optional<int64_t> device_type_id;
  bool is_blocked = false;  // stored and returned only, as in DeviceHive
};

}  // namespace dh::domain
