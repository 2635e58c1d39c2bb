// The storage contract for user links, and the cascades that remove them.
#include <string>
#include <vector>

#include "contract/storage_contract.hpp"

namespace dh::test {
namespace {

template <class Entity>
std::vector<int64_t> Ids(const core::Result<std::vector<Entity>>& rows) {
  EXPECT_TRUE(rows) << rows.error().message;
  std::vector<int64_t> ids;
  if (rows) {
    for (const auto& row : *rows) ids.push_back(row.id);
  }
  return ids;
}

template <class T>
void ExpectNotFound(const core::Result<T>& result) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, core::Errc::kNotFound);
}

TEST_P(StorageContract, LinkNetworkGrantsItToTheUser) {
  const auto user = CreateUser("client");
  const auto network = CreateNetwork("lab", std::optional<std::string>("the lab"));
  ASSERT_TRUE(store().links().LinkNetwork(user.id, network.id));
  const auto linked = store().links().Networks(user.id).value();
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].id, network.id);
  EXPECT_EQ(linked[0].name, "lab");
  EXPECT_EQ(linked[0].description, "the lab");
}

TEST_P(StorageContract, LinkNetworkTwiceIsFine) {
  const auto user = CreateUser("client");
  ASSERT_TRUE(store().links().LinkNetwork(user.id, 1));
  EXPECT_TRUE(store().links().LinkNetwork(user.id, 1));
  EXPECT_EQ(Ids(store().links().Networks(user.id)), std::vector<int64_t>{1});
}

TEST_P(StorageContract, LinkNetworkOfUnknownUserOrNetworkIsNotFound) {
  const auto user = CreateUser("client");
  ExpectNotFound(store().links().LinkNetwork(424242, 1));
  ExpectNotFound(store().links().LinkNetwork(user.id, 424242));
  EXPECT_TRUE(Ids(store().links().Networks(user.id)).empty());
}

TEST_P(StorageContract, LinkedNetworksAreOrderedById) {
  const auto user = CreateUser("client");
  const auto a = CreateNetwork("a");
  const auto b = CreateNetwork("b");
  ASSERT_TRUE(store().links().LinkNetwork(user.id, b.id));
  ASSERT_TRUE(store().links().LinkNetwork(user.id, 1));
  ASSERT_TRUE(store().links().LinkNetwork(user.id, a.id));
  EXPECT_EQ(Ids(store().links().Networks(user.id)), (std::vector<int64_t>{1, a.id, b.id}));
}

TEST_P(StorageContract, UnlinkNetworkRemovesOnlyThatLink) {
  const auto user = CreateUser("client");
  const auto other = CreateUser("other");
  const auto a = CreateNetwork("a");
  ASSERT_TRUE(store().links().LinkNetwork(user.id, 1));
  ASSERT_TRUE(store().links().LinkNetwork(user.id, a.id));
  ASSERT_TRUE(store().links().LinkNetwork(other.id, a.id));
  EXPECT_TRUE(store().links().UnlinkNetwork(user.id, a.id).value());
  EXPECT_EQ(Ids(store().links().Networks(user.id)), std::vector<int64_t>{1});
  EXPECT_EQ(Ids(store().links().Networks(other.id)), std::vector<int64_t>{a.id});
  EXPECT_FALSE(store().links().UnlinkNetwork(user.id, a.id).value());
  EXPECT_TRUE(store().networks().Get(a.id, {}).value());
}

TEST_P(StorageContract, UnlinkUnknownNetworkIsFalse) {
  EXPECT_FALSE(store().links().UnlinkNetwork(1, 424242).value());
  EXPECT_FALSE(store().links().UnlinkNetwork(424242, 1).value());
}

TEST_P(StorageContract, NetworksOfUnknownUserAreEmpty) {
  EXPECT_TRUE(Ids(store().links().Networks(424242)).empty());
}

TEST_P(StorageContract, LinkDeviceTypeGrantsItToTheUser) {
  const auto user = CreateUser("client");
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 4));
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 4));
  const auto linked = store().links().DeviceTypes(user.id).value();
  ASSERT_EQ(linked.size(), 1u);
  EXPECT_EQ(linked[0].id, 4);
  EXPECT_EQ(linked[0].name, "Door Locks");
}

TEST_P(StorageContract, LinkDeviceTypeOfUnknownUserOrTypeIsNotFound) {
  const auto user = CreateUser("client");
  ExpectNotFound(store().links().LinkDeviceType(424242, 1));
  ExpectNotFound(store().links().LinkDeviceType(user.id, 424242));
  EXPECT_TRUE(Ids(store().links().DeviceTypes(user.id)).empty());
}

TEST_P(StorageContract, LinkedDeviceTypesAreOrderedById) {
  const auto user = CreateUser("client");
  for (int64_t id : {7, 2, 5}) ASSERT_TRUE(store().links().LinkDeviceType(user.id, id));
  EXPECT_EQ(Ids(store().links().DeviceTypes(user.id)), (std::vector<int64_t>{2, 5, 7}));
}

TEST_P(StorageContract, UnlinkDeviceTypeRemovesOnlyThatLink) {
  const auto user = CreateUser("client");
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 2));
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 3));
  EXPECT_TRUE(store().links().UnlinkDeviceType(user.id, 2).value());
  EXPECT_FALSE(store().links().UnlinkDeviceType(user.id, 2).value());
  EXPECT_EQ(Ids(store().links().DeviceTypes(user.id)), std::vector<int64_t>{3});
  EXPECT_TRUE(store().device_types().Get(2, {}).value());
}

TEST_P(StorageContract, UnlinkAllDeviceTypesLeavesOtherUsersAlone) {
  const auto user = CreateUser("client");
  for (int64_t id : {2, 3, 4}) ASSERT_TRUE(store().links().LinkDeviceType(user.id, id));
  ASSERT_TRUE(store().links().LinkNetwork(user.id, 1));
  ASSERT_TRUE(store().links().UnlinkAllDeviceTypes(user.id));
  EXPECT_TRUE(Ids(store().links().DeviceTypes(user.id)).empty());
  EXPECT_EQ(Ids(store().links().Networks(user.id)), std::vector<int64_t>{1});
  EXPECT_EQ(Ids(store().links().DeviceTypes(1)), std::vector<int64_t>{1});
  // Nothing to unlink is not an error.
  EXPECT_TRUE(store().links().UnlinkAllDeviceTypes(user.id));
}

TEST_P(StorageContract, DeletingANetworkDeletesItsDevicesAndLinks) {
  const auto user = CreateUser("client");
  const auto doomed = CreateNetwork("doomed");
  SaveDevice("in-doomed-1", "a", doomed.id, 1);
  SaveDevice("in-doomed-2", "b", doomed.id, 2);
  SaveDevice("elsewhere", "c", 1, 1);
  ASSERT_TRUE(store().links().LinkNetwork(user.id, doomed.id));
  ASSERT_TRUE(store().links().LinkNetwork(user.id, 1));

  EXPECT_TRUE(store().networks().Delete(doomed.id).value());
  EXPECT_EQ(store().devices().Get("in-doomed-1", {}).value(), std::nullopt);
  EXPECT_EQ(store().devices().Get("in-doomed-2", {}).value(), std::nullopt);
  EXPECT_TRUE(store().devices().Get("elsewhere", {}).value());
  EXPECT_EQ(Ids(store().links().Networks(user.id)), std::vector<int64_t>{1});
  EXPECT_TRUE(store().users().Get(user.id).value());
}

TEST_P(StorageContract, DeletingADeviceTypeDeletesItsDevicesAndLinks) {
  const auto user = CreateUser("client");
  const auto doomed = CreateDeviceType("doomed");
  SaveDevice("of-doomed", "a", 1, doomed.id);
  SaveDevice("of-other", "b", 1, 2);
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, doomed.id));
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 2));

  EXPECT_TRUE(store().device_types().Delete(doomed.id).value());
  EXPECT_EQ(store().devices().Get("of-doomed", {}).value(), std::nullopt);
  EXPECT_TRUE(store().devices().Get("of-other", {}).value());
  EXPECT_EQ(Ids(store().links().DeviceTypes(user.id)), std::vector<int64_t>{2});
}

TEST_P(StorageContract, DeletingAUserDeletesItsLinksButNotTheLinkedRows) {
  const auto user = CreateUser("client");
  const auto network = CreateNetwork("kept");
  ASSERT_TRUE(store().links().LinkNetwork(user.id, network.id));
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 3));
  SaveDevice("kept-device", "d", network.id, 3);

  EXPECT_TRUE(store().users().Delete(user.id).value());
  EXPECT_TRUE(Ids(store().links().Networks(user.id)).empty());
  EXPECT_TRUE(Ids(store().links().DeviceTypes(user.id)).empty());
  EXPECT_TRUE(store().networks().Get(network.id, {}).value());
  EXPECT_TRUE(store().device_types().Get(3, {}).value());
  EXPECT_TRUE(store().devices().Get("kept-device", {}).value());

  // A later user never inherits the deleted user's links.
  const auto next = CreateUser("next");
  EXPECT_TRUE(Ids(store().links().Networks(next.id)).empty());
  EXPECT_TRUE(Ids(store().links().DeviceTypes(next.id)).empty());
}

TEST_P(StorageContract, DeletingTheSampleNetworkRemovesTheSampleDevice) {
  EXPECT_TRUE(store().networks().Delete(1).value());
  EXPECT_EQ(store().devices().Get("e50d6085-2aba-48e9-b1c3-73c673e414be", {}).value(),
            std::nullopt);
  EXPECT_TRUE(Ids(store().links().Networks(1)).empty());
  EXPECT_EQ(store().devices().Count({}, {}).value(), 0);
}

}  // namespace
}  // namespace dh::test
