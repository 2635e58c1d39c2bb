#include "auth/action.hpp"

#include <array>

#include "core/strings.hpp"

namespace dh::auth {
namespace {

constexpr std::array<std::string_view, kMaxActionId + 1> kNames = {
    "*",
    "None",
    "GetNetwork",
    "GetDevice",
    "GetDeviceNotification",
    "GetDeviceCommand",
    "RegisterDevice",
    "CreateDeviceCommand",
    "UpdateDeviceCommand",
    "CreateDeviceNotification",
    "GetCurrentUser",
    "UpdateCurrentUser",
    "ManageUser",
    "ManageConfiguration",
    "ManageNetwork",
    "ManageToken",
    "ManagePlugin",
    "GetDeviceType",
    "ManageDeviceType",
};

}  // namespace

std::string_view ActionName(Action action) { return kNames[static_cast<size_t>(action)]; }

std::optional<Action> ActionFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (core::EqualsIgnoreCase(kNames[i], name)) return static_cast<Action>(i);
  }
  return std::nullopt;
}

std::optional<Action> ActionFromId(int64_t id) {
  if (id < 0 || id > kMaxActionId) return std::nullopt;
  return static_cast<Action>(id);
}

const std::vector<int>& ClientActionIds() {
  static const std::vector<int> kIds = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17};
  return kIds;
}

ActionSet ActionSet::All() {
  ActionSet set;
  for (int id = 2; id <= kMaxActionId; ++id) set.Add(static_cast<Action>(id));
  return set;
}

ActionSet ActionSet::Client() {
  ActionSet set;
  for (int id : ClientActionIds()) set.Add(static_cast<Action>(id));
  return set;
}

ActionSet ActionSet::FromTokenIds(const std::vector<int>& ids) {
  if (ids.empty()) return Client();
  ActionSet set;
  for (int id : ids) {
    if (id == static_cast<int>(Action::kAny)) return All();
    if (auto action = ActionFromId(id)) set.Add(*action);
  }
  return set;
}

}  // namespace dh::auth
