#pragma once
// DeviceHive's permission actions (HiveAction) and sets of them, as carried in a token's `a`.
#include <bitset>
#include <optional>
#include <string_view>
#include <vector>

namespace dh::auth {

enum class Action {
  kAny = 0,  // "*": every action below
  kNone = 1,
  kGetNetwork = 2,
  kGetDevice = 3,
  kGetDeviceNotification = 4,
  kGetDeviceCommand = 5,
  kRegisterDevice = 6,
  kCreateDeviceCommand = 7,
  kUpdateDeviceCommand = 8,
  kCreateDeviceNotification = 9,
  kGetCurrentUser = 10,
  kUpdateCurrentUser = 11,
  kManageUser = 12,
  kManageConfiguration = 13,
  kManageNetwork = 14,
  kManageToken = 15,
  kManagePlugin = 16,
  kGetDeviceType = 17,
  kManageDeviceType = 18,
};
inline constexpr int kMaxActionId = 18;

// The DeviceHive name of an action ("GetNetwork", "*").
std::string_view ActionName(Action action);
// Case-insensitive lookup by name; nullopt for unknown names.
std::optional<Action> ActionFromName(std::string_view name);
std::optional<Action> ActionFromId(int64_t id);

// The actions a principal may perform.
class ActionSet {
 public:
  static ActionSet All();     // what kAny grants
  static ActionSet Client();  // the 13 actions of a CLIENT login token
  // A token's `a` list: containing kAny => All(); empty => Client(); else exactly the ids.
  static ActionSet FromTokenIds(const std::vector<int>& ids);

  bool Contains(Action action) const { return bits_.test(static_cast<size_t>(action)); }
  void Add(Action action) { bits_.set(static_cast<size_t>(action)); }

 private:
  std::bitset<kMaxActionId + 1> bits_;
};

// The ids a CLIENT login token carries, ascending.
const std::vector<int>& ClientActionIds();

}  // namespace dh::auth
