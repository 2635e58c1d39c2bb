#pragma once
// A plugin's subscription filter and its stored text form (spec §3.2):
//   <kinds>/<networkIds>/<deviceTypeIds>/<deviceId>/<names>
// each part `*` when absent; <kinds> is `*` when no return* flag was given (all three kinds),
// else the comma list of the kinds set to true: command, command_update, notification.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace dh::plugin {

struct PluginFilter {
  std::optional<std::string> device_id;
  std::optional<std::vector<int64_t>> network_ids;
  std::optional<std::vector<int64_t>> device_type_ids;
  std::optional<std::vector<std::string>> names;
  std::optional<bool> return_commands;
  std::optional<bool> return_updated_commands;
  std::optional<bool> return_notifications;

  // Whether any part was given (an update that changes the filter).
  bool any() const;
  // False when return* flags are given and none is true (400 in DeviceHive): given flags
  // select only the kinds set to true, so false ones alone would select nothing (and store
  // `*`, every kind).
  bool returns_something() const;
};

// The kinds of events a stored filter asks for.
struct FilterKinds {
  bool commands = false;
  bool updated_commands = false;
  bool notifications = false;
};

std::string FilterText(const PluginFilter& filter);
// Parses a stored filter text; kBadRequest when it is malformed.
core::Result<PluginFilter> ParseFilterText(std::string_view text);
FilterKinds KindsOf(const PluginFilter& filter);

}  // namespace dh::plugin
