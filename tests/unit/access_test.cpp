#include "auth/access.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "auth/action.hpp"
#include "auth/principal.hpp"

namespace dh::auth {
namespace {

using Ids = std::vector<int64_t>;
using Names = std::vector<std::string>;

domain::User MakeUser(int64_t id, domain::UserRole role, bool all_device_types = true) {
  domain::User user;
  user.id = id;
  user.login = "user" + std::to_string(id);
  user.role = role;
  user.all_device_types_available = all_device_types;
  return user;
}

domain::User Admin() { return MakeUser(1, domain::UserRole::kAdmin); }
domain::User Client(bool all_device_types = true) {
  return MakeUser(5, domain::UserRole::kClient, all_device_types);
}

TokenPayload Claims(std::optional<Names> networks, std::optional<Names> device_types,
                    std::vector<int> actions = {0}) {
  TokenPayload payload;
  payload.user_id = 1;
  payload.actions = std::move(actions);
  payload.network_ids = std::move(networks);
  payload.device_type_ids = std::move(device_types);
  return payload;
}

int CountActions(const ActionSet& set) {
  int count = 0;
  for (int id = 0; id <= kMaxActionId; ++id) count += set.Contains(static_cast<Action>(id)) ? 1 : 0;
  return count;
}

TEST(ActionSet, AnyGrantsEveryActionFromGetNetworkToManageDeviceType) {
  const auto set = ActionSet::FromTokenIds({0});
  for (int id = 2; id <= kMaxActionId; ++id) {
    EXPECT_TRUE(set.Contains(static_cast<Action>(id))) << id;
  }
  EXPECT_EQ(CountActions(set), 17);
}

TEST(ActionSet, AnyAmongOtherIdsStillGrantsAll) {
  EXPECT_EQ(CountActions(ActionSet::FromTokenIds({2, 0})), 17);
}

TEST(ActionSet, EmptyListGrantsTheThirteenClientActions) {
  const auto set = ActionSet::FromTokenIds({});
  EXPECT_EQ(CountActions(set), 13);
  for (int id : ClientActionIds()) EXPECT_TRUE(set.Contains(static_cast<Action>(id))) << id;
  EXPECT_FALSE(set.Contains(Action::kManageUser));
  EXPECT_FALSE(set.Contains(Action::kManageConfiguration));
  EXPECT_FALSE(set.Contains(Action::kManageNetwork));
  EXPECT_FALSE(set.Contains(Action::kManageDeviceType));
}

TEST(ActionSet, ClientActionIdsAreTheSpecsList) {
  EXPECT_EQ(ClientActionIds(), (std::vector<int>{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17}));
}

TEST(ActionSet, ExplicitIdsGrantExactlyThoseActions) {
  const auto set = ActionSet::FromTokenIds({3, 14});
  EXPECT_TRUE(set.Contains(Action::kGetDevice));
  EXPECT_TRUE(set.Contains(Action::kManageNetwork));
  EXPECT_EQ(CountActions(set), 2);
}

TEST(ActionSet, NoneGrantsNothingUseful) {
  const auto set = ActionSet::FromTokenIds({1});
  for (int id = 2; id <= kMaxActionId; ++id) EXPECT_FALSE(set.Contains(static_cast<Action>(id)));
}

TEST(ActionSet, UnknownIdsAreIgnored) {
  const auto set = ActionSet::FromTokenIds({99, -1, 2});
  EXPECT_TRUE(set.Contains(Action::kGetNetwork));
  EXPECT_EQ(CountActions(set), 1);
}

TEST(ActionFromName, IsCaseInsensitive) {
  EXPECT_EQ(ActionFromName("GetNetwork"), Action::kGetNetwork);
  EXPECT_EQ(ActionFromName("getnetwork"), Action::kGetNetwork);
  EXPECT_EQ(ActionFromName("MANAGEDEVICETYPE"), Action::kManageDeviceType);
  EXPECT_EQ(ActionFromName("*"), Action::kAny);
}

TEST(ActionFromName, UnknownNameIsEmpty) {
  EXPECT_EQ(ActionFromName("GetEverything"), std::nullopt);
  EXPECT_EQ(ActionFromName(""), std::nullopt);
  EXPECT_EQ(ActionFromName("GetNetwork "), std::nullopt);
}

TEST(ActionFromName, RoundTripsEveryName) {
  for (int id = 0; id <= kMaxActionId; ++id) {
    const auto action = static_cast<Action>(id);
    EXPECT_EQ(ActionFromName(ActionName(action)), action) << id;
  }
}

TEST(ActionFromId, AcceptsOnlyKnownIds) {
  EXPECT_EQ(ActionFromId(0), Action::kAny);
  EXPECT_EQ(ActionFromId(18), Action::kManageDeviceType);
  EXPECT_EQ(ActionFromId(19), std::nullopt);
  EXPECT_EQ(ActionFromId(-1), std::nullopt);
}

TEST(PrincipalForUser, StarGrantsAllNetworks) {
  const auto p = Principal::ForUser(Client(), Claims(Names{"*"}, std::nullopt));
  EXPECT_TRUE(p.all_networks);
  EXPECT_TRUE(MayTargetNetwork(p, 12345));
}

TEST(PrincipalForUser, NetworkListGrantsThoseNetworks) {
  const auto p = Principal::ForUser(Client(), Claims(Names{"1", "3"}, std::nullopt));
  EXPECT_FALSE(p.all_networks);
  EXPECT_EQ(p.network_ids, (Ids{1, 3}));
}

TEST(PrincipalForUser, MissingNetworkListGrantsNoNetwork) {
  const auto p = Principal::ForUser(Client(), Claims(std::nullopt, std::nullopt));
  EXPECT_FALSE(p.all_networks);
  EXPECT_TRUE(p.network_ids.empty());
  EXPECT_FALSE(MayTargetNetwork(p, 1));
}

TEST(PrincipalForUser, CarriesUserAndActions) {
  const auto p = Principal::ForUser(Client(), Claims(std::nullopt, std::nullopt, {3}));
  ASSERT_TRUE(p.authenticated());
  EXPECT_EQ(p.user->id, 5);
  EXPECT_FALSE(p.is_admin());
  EXPECT_TRUE(p.actions.Contains(Action::kGetDevice));
  EXPECT_FALSE(p.actions.Contains(Action::kGetNetwork));
}

TEST(PrincipalForUser, UserWithAllDeviceTypesIgnoresTokenList) {
  const auto p = Principal::ForUser(Client(true), Claims(std::nullopt, Names{"2"}));
  EXPECT_TRUE(p.all_device_types);
  EXPECT_TRUE(MayTargetDeviceType(p, 7));
}

TEST(PrincipalForUser, UserWithAllDeviceTypesAndNoListSeesAll) {
  const auto p = Principal::ForUser(Client(true), Claims(std::nullopt, std::nullopt));
  EXPECT_TRUE(p.all_device_types);
}

TEST(PrincipalForUser, StarGrantsAllDeviceTypesEvenToRestrictedUser) {
  const auto p = Principal::ForUser(Client(false), Claims(std::nullopt, Names{"*"}));
  EXPECT_TRUE(p.all_device_types);
}

TEST(PrincipalForUser, RestrictedUserGetsTheTokenDeviceTypeList) {
  const auto p = Principal::ForUser(Client(false), Claims(std::nullopt, Names{"2", "5"}));
  EXPECT_FALSE(p.all_device_types);
  EXPECT_EQ(p.device_type_ids, (Ids{2, 5}));
  EXPECT_TRUE(MayTargetDeviceType(p, 5));
  EXPECT_FALSE(MayTargetDeviceType(p, 3));
}

TEST(PrincipalForUser, RestrictedUserWithoutListGetsNoDeviceType) {
  const auto p = Principal::ForUser(Client(false), Claims(std::nullopt, std::nullopt));
  EXPECT_FALSE(p.all_device_types);
  EXPECT_TRUE(p.device_type_ids.empty());
  EXPECT_FALSE(MayTargetDeviceType(p, 1));
}

TEST(RequireAction, AnonymousIsUnauthorized) {
  const Principal anonymous;
  const auto status = RequireAction(anonymous, Action::kGetNetwork);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::Errc::kUnauthorized);
  EXPECT_EQ(status.error().message, "Unauthorized");
}

TEST(RequireAction, MissingActionIsAccessDenied) {
  const auto p = Principal::ForUser(Client(), Claims(Names{"*"}, Names{"*"}, {2}));
  const auto status = RequireAction(p, Action::kManageNetwork);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, core::Errc::kForbidden);
  EXPECT_EQ(status.error().message, "Access is denied");
}

TEST(RequireAction, PresentActionPasses) {
  const auto p = Principal::ForUser(Client(), Claims(Names{"*"}, Names{"*"}, {2}));
  EXPECT_TRUE(RequireAction(p, Action::kGetNetwork));
}

TEST(RequireAction, RoleIsNotRecheckedForEndpoints) {
  const auto p = Principal::ForUser(Client(), Claims(Names{"*"}, Names{"*"}, {12}));
  EXPECT_TRUE(RequireAction(p, Action::kManageUser));
}

TEST(RequireAction, AdminStillNeedsTheActionInItsToken) {
  const auto p = Principal::ForUser(Admin(), Claims(Names{"*"}, Names{"*"}, {2}));
  EXPECT_FALSE(RequireAction(p, Action::kManageUser));
}

TEST(NetworkVisibility, AdminWithAllNetworksSeesEverything) {
  const auto scope = NetworkVisibility(Principal::ForUser(Admin(), Claims(Names{"*"}, Names{"*"})));
  EXPECT_EQ(scope.linked_user, std::nullopt);
  EXPECT_EQ(scope.ids, std::nullopt);
}

TEST(NetworkVisibility, AdminIsNarrowedOnlyByTokenList) {
  const auto scope = NetworkVisibility(Principal::ForUser(Admin(), Claims(Names{"3"}, Names{"*"})));
  EXPECT_EQ(scope.linked_user, std::nullopt);
  EXPECT_EQ(scope.ids, Ids{3});
}

TEST(NetworkVisibility, ClientSeesOnlyLinkedNetworks) {
  const auto scope =
      NetworkVisibility(Principal::ForUser(Client(), Claims(Names{"*"}, Names{"*"})));
  EXPECT_EQ(scope.linked_user, 5);
  EXPECT_EQ(scope.ids, std::nullopt);
}

TEST(NetworkVisibility, ClientTokenListNarrowsFurther) {
  const auto scope =
      NetworkVisibility(Principal::ForUser(Client(), Claims(Names{"1", "2"}, Names{"*"})));
  EXPECT_EQ(scope.linked_user, 5);
  EXPECT_EQ(scope.ids, (Ids{1, 2}));
}

TEST(NetworkVisibility, MissingNetworkListSeesNothing) {
  const auto scope =
      NetworkVisibility(Principal::ForUser(Admin(), Claims(std::nullopt, Names{"*"})));
  ASSERT_TRUE(scope.ids.has_value());
  EXPECT_TRUE(scope.ids->empty());
}

TEST(DeviceTypeVisibility, AdminSeesEverything) {
  const auto scope =
      DeviceTypeVisibility(Principal::ForUser(Admin(), Claims(Names{"*"}, Names{"*"})));
  EXPECT_EQ(scope.linked_user, std::nullopt);
  EXPECT_EQ(scope.ids, std::nullopt);
}

TEST(DeviceTypeVisibility, ClientWithAllDeviceTypesSeesEverything) {
  const auto scope =
      DeviceTypeVisibility(Principal::ForUser(Client(true), Claims(Names{"*"}, Names{"4"})));
  EXPECT_EQ(scope.linked_user, std::nullopt);
  EXPECT_EQ(scope.ids, std::nullopt);
}

TEST(DeviceTypeVisibility, RestrictedClientSeesOnlyLinkedDeviceTypes) {
  const auto scope =
      DeviceTypeVisibility(Principal::ForUser(Client(false), Claims(Names{"*"}, Names{"*"})));
  EXPECT_EQ(scope.linked_user, 5);
  EXPECT_EQ(scope.ids, std::nullopt);
}

TEST(DeviceTypeVisibility, RestrictedClientTokenListNarrowsFurther) {
  const auto scope =
      DeviceTypeVisibility(Principal::ForUser(Client(false), Claims(Names{"*"}, Names{"2"})));
  EXPECT_EQ(scope.linked_user, 5);
  EXPECT_EQ(scope.ids, Ids{2});
}

TEST(DeviceScopeOf, AdminSeesEveryDevice) {
  const auto p = Principal::ForUser(Admin(), Claims(Names{"*"}, Names{"*"}));
  const auto scope = DeviceScopeOf(p);
  EXPECT_EQ(scope.networks.linked_user, std::nullopt);
  EXPECT_EQ(scope.networks.ids, std::nullopt);
  EXPECT_EQ(scope.device_types.linked_user, std::nullopt);
  EXPECT_EQ(scope.device_types.ids, std::nullopt);
  EXPECT_TRUE(SeesAllDevices(p));
}

TEST(DeviceScopeOf, ClientSeesDevicesOfLinkedNetworks) {
  const auto p = Principal::ForUser(Client(), Claims(Names{"*"}, Names{"*"}));
  const auto scope = DeviceScopeOf(p);
  EXPECT_EQ(scope.networks.linked_user, 5);
  EXPECT_EQ(scope.networks.ids, std::nullopt);
  EXPECT_EQ(scope.device_types.ids, std::nullopt);
  // all networks and device types in the token: a missing device is a 404, not a 403
  EXPECT_TRUE(SeesAllDevices(p));
}

TEST(DeviceScopeOf, TokenListsNarrowNetworksAndDeviceTypes) {
  const auto p = Principal::ForUser(Client(false), Claims(Names{"1"}, Names{"2", "3"}));
  const auto scope = DeviceScopeOf(p);
  EXPECT_EQ(scope.networks.linked_user, 5);
  EXPECT_EQ(scope.networks.ids, Ids{1});
  EXPECT_EQ(scope.device_types.ids, (Ids{2, 3}));
  EXPECT_FALSE(SeesAllDevices(p));
}

TEST(MayTargetNetwork, AdminWithStarMayTargetAnyNetwork) {
  const auto p = Principal::ForUser(Admin(), Claims(Names{"*"}, Names{"*"}));
  EXPECT_TRUE(MayTargetNetwork(p, 1));
  EXPECT_TRUE(MayTargetNetwork(p, 999));
}

TEST(MayTargetNetwork, ClientMayTargetOnlyListedNetworks) {
  const auto p = Principal::ForUser(Client(), Claims(Names{"1", "4"}, Names{"*"}));
  EXPECT_TRUE(MayTargetNetwork(p, 1));
  EXPECT_TRUE(MayTargetNetwork(p, 4));
  EXPECT_FALSE(MayTargetNetwork(p, 2));
}

TEST(MayTargetNetwork, AdminIsBoundByTokenListToo) {
  const auto p = Principal::ForUser(Admin(), Claims(Names{"1"}, Names{"*"}));
  EXPECT_TRUE(MayTargetNetwork(p, 1));
  EXPECT_FALSE(MayTargetNetwork(p, 2));
}

}  // namespace
}  // namespace dh::auth
