#pragma once
// A plugin (spec §3.10): an application that receives, through its own proxy topic, every event
// matching its filter while it is connected.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/strings.hpp"

namespace dh::domain {

// Stored as these integers; JSON uses the names.
enum class PluginStatus { kActive = 0, kInactive = 1, kCreated = 2 };

struct Plugin {
  int64_t id = 0;
  std::string name;
  std::optional<std::string> description;
  std::string topic_name;  // "plugin_topic_<uuid>", unique
  std::string filter;      // "<kinds>/<networkIds>/<deviceTypeIds>/<deviceId>/<names>", `*` = any
  PluginStatus status = PluginStatus::kCreated;
  std::optional<int64_t> subscription_id;  // set while ACTIVE
  int64_t user_id = 0;                     // the owner
  std::optional<std::string> parameters;   // compact JSON object text
};

// "ACTIVE", "INACTIVE", "CREATED".
inline std::string_view PluginStatusName(PluginStatus status) {
  switch (status) {
    case PluginStatus::kActive:
      return "ACTIVE";
    case PluginStatus::kInactive:
      return "INACTIVE";
    case PluginStatus::kCreated:
      return "CREATED";
  }
  return "CREATED";
}

// A status name, case-insensitive; nullopt when unknown.
inline std::optional<PluginStatus> ParsePluginStatus(std::string_view name) {
  for (auto status : {PluginStatus::kActive, PluginStatus::kInactive, PluginStatus::kCreated}) {
    if (core::EqualsIgnoreCase(name, PluginStatusName(status))) return status;
  }
  return std::nullopt;
}

}  // namespace dh::domain
