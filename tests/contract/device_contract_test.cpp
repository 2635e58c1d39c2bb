// The storage contract for devices.
#include <algorithm>
#include <string>
#include <vector>

#include "contract/storage_contract.hpp"

namespace dh::test {
namespace {

using storage::DeviceFilter;
using storage::DeviceQuery;
using storage::DeviceScope;
using storage::DeviceSort;
using storage::SortOrder;

constexpr const char* kSampleDevice = "e50d6085-2aba-48e9-b1c3-73c673e414be";

std::vector<std::string> DeviceIds(const std::vector<domain::Device>& devices) {
  std::vector<std::string> ids;
  for (const auto& device : devices) ids.push_back(device.id);
  return ids;
}

std::vector<std::string> SortedIds(const std::vector<domain::Device>& devices) {
  auto ids = DeviceIds(devices);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<domain::Device> List(storage::DeviceStore& devices, const DeviceQuery& query,
                                 const DeviceScope& scope = {}) {
  auto listed = devices.List(query, scope);
  EXPECT_TRUE(listed) << listed.error().message;
  return listed ? *listed : std::vector<domain::Device>();
}

TEST_P(StorageContract, DeviceSaveCreatesAndStoresEveryField) {
  const auto network = CreateNetwork("home");
  const domain::Device device{"dev-1", "Thermometer", R"({"unit":"C"})", network.id, 5, true};
  EXPECT_TRUE(store().devices().Save(device).value());
  const auto read = store().devices().Get("dev-1", {}).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, "dev-1");
  EXPECT_EQ(read->name, "Thermometer");
  EXPECT_EQ(read->data, R"({"unit":"C"})");
  EXPECT_EQ(read->network_id, network.id);
  EXPECT_EQ(read->device_type_id, 5);
  EXPECT_TRUE(read->is_blocked);
}

TEST_P(StorageContract, DeviceSaveOfExistingIdOverwritesEveryField) {
  const auto network = CreateNetwork("home");
  EXPECT_TRUE(store().devices().Save({"dev-1", "old", R"({"v":1})", network.id, 5, true}).value());
  EXPECT_FALSE(store().devices().Save({"dev-1", "new", std::nullopt, 1, 2, false}).value());
  const auto read = store().devices().Get("dev-1", {}).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->name, "new");
  EXPECT_EQ(read->data, std::nullopt);
  EXPECT_EQ(read->network_id, 1);
  EXPECT_EQ(read->device_type_id, 2);
  EXPECT_FALSE(read->is_blocked);
  EXPECT_EQ(store().devices().Count({}, {}).value(), 2);
}

TEST_P(StorageContract, DeviceSaveOverwritesTheSeededDevice) {
  EXPECT_FALSE(
      store().devices().Save({kSampleDevice, "Renamed", std::nullopt, 1, 1, false}).value());
  EXPECT_EQ(store().devices().Get(kSampleDevice, {}).value()->name, "Renamed");
}

TEST_P(StorageContract, DeviceIdsAreCaseSensitive) {
  EXPECT_TRUE(store().devices().Save({"abc", "lower", std::nullopt, 1, 1, false}).value());
  EXPECT_TRUE(store().devices().Save({"ABC", "upper", std::nullopt, 1, 1, false}).value());
  EXPECT_EQ(store().devices().Get("abc", {}).value()->name, "lower");
  EXPECT_EQ(store().devices().Get("ABC", {}).value()->name, "upper");
}

TEST_P(StorageContract, DeviceSaveWithUnknownNetworkIsBadRequest) {
  auto saved = store().devices().Save({"dev-x", "x", std::nullopt, 424242, 1, false});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, core::Errc::kBadRequest);
  EXPECT_EQ(store().devices().Get("dev-x", {}).value(), std::nullopt);
}

TEST_P(StorageContract, DeviceSaveWithUnknownDeviceTypeIsBadRequest) {
  auto saved = store().devices().Save({"dev-x", "x", std::nullopt, 1, 424242, false});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, core::Errc::kBadRequest);
  EXPECT_EQ(store().devices().Get("dev-x", {}).value(), std::nullopt);
}

TEST_P(StorageContract, DeviceUpdateToUnknownNetworkIsBadRequestAndKeepsTheRow) {
  SaveDevice("dev-1", "kept", 1, 1);
  auto saved = store().devices().Save({"dev-1", "changed", std::nullopt, 424242, 1, false});
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, core::Errc::kBadRequest);
  const auto read = store().devices().Get("dev-1", {}).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->name, "kept");
  EXPECT_EQ(read->network_id, 1);
}

TEST_P(StorageContract, DeviceGetOfUnknownIdIsEmpty) {
  EXPECT_EQ(store().devices().Get("no-such-device", {}).value(), std::nullopt);
}

TEST_P(StorageContract, DeviceDeleteRemovesTheDeviceOnce) {
  SaveDevice("dev-1", "doomed", 1, 1);
  EXPECT_TRUE(store().devices().Delete("dev-1").value());
  EXPECT_EQ(store().devices().Get("dev-1", {}).value(), std::nullopt);
  EXPECT_FALSE(store().devices().Delete("dev-1").value());
  EXPECT_FALSE(store().devices().Delete("never-existed").value());
}

// Besides the sample device (network 1, type 1): in network "north" lamp-a (type 2) and lamp-b
// (type 3, blocked); in network "south" lamp-c (type 2) and heater (type 4).
struct DeviceFixture {
  explicit DeviceFixture(storage::Storage& s) {
    north = s.networks().Create({0, "north", std::nullopt}).value().id;
    south = s.networks().Create({0, "south", std::nullopt}).value().id;
    s.devices().Save({"lamp-a", "lamp a", std::nullopt, north, 2, false}).value();
    s.devices().Save({"lamp-b", "lamp b", std::nullopt, north, 3, true}).value();
    s.devices().Save({"lamp-c", "lamp c", std::nullopt, south, 2, false}).value();
    s.devices().Save({"heater", "heater", std::nullopt, south, 4, false}).value();
  }
  int64_t north = 0;
  int64_t south = 0;
};

TEST_P(StorageContract, DeviceListWithoutFilterHasEveryDevice) {
  DeviceFixture f(store());
  EXPECT_EQ(SortedIds(List(store().devices(), {})),
            (std::vector<std::string>{kSampleDevice, "heater", "lamp-a", "lamp-b", "lamp-c"}));
  EXPECT_EQ(store().devices().Count({}, {}).value(), 5);
}

TEST_P(StorageContract, DeviceListFiltersByNameAndPattern) {
  DeviceFixture f(store());
  DeviceQuery query;
  query.filter.names.name = "lamp b";
  EXPECT_EQ(DeviceIds(List(store().devices(), query)), std::vector<std::string>{"lamp-b"});
  query.filter.names.name = std::nullopt;
  query.filter.names.name_pattern = "lamp%";
  EXPECT_EQ(SortedIds(List(store().devices(), query)),
            (std::vector<std::string>{"lamp-a", "lamp-b", "lamp-c"}));
  EXPECT_EQ(store().devices().Count(query.filter, {}).value(), 3);
  query.filter.names.name_pattern = "LAMP%";
  EXPECT_TRUE(List(store().devices(), query).empty());
}

TEST_P(StorageContract, DeviceListFiltersByNetworkIdAndName) {
  DeviceFixture f(store());
  DeviceQuery query;
  query.filter.network_id = f.south;
  EXPECT_EQ(SortedIds(List(store().devices(), query)),
            (std::vector<std::string>{"heater", "lamp-c"}));
  EXPECT_EQ(store().devices().Count(query.filter, {}).value(), 2);

  query = {};
  query.filter.network_name = "north";
  EXPECT_EQ(SortedIds(List(store().devices(), query)),
            (std::vector<std::string>{"lamp-a", "lamp-b"}));
  EXPECT_EQ(store().devices().Count(query.filter, {}).value(), 2);
  query.filter.network_name = "North";
  EXPECT_TRUE(List(store().devices(), query).empty());
}

TEST_P(StorageContract, DeviceListFiltersByDeviceType) {
  DeviceFixture f(store());
  DeviceQuery query;
  query.filter.device_type_id = 2;
  EXPECT_EQ(SortedIds(List(store().devices(), query)),
            (std::vector<std::string>{"lamp-a", "lamp-c"}));
  query.filter.network_id = f.north;
  EXPECT_EQ(DeviceIds(List(store().devices(), query)), std::vector<std::string>{"lamp-a"});
  EXPECT_EQ(store().devices().Count(query.filter, {}).value(), 1);
}

TEST_P(StorageContract, DeviceListOrdersByName) {
  DeviceFixture f(store());
  DeviceQuery query;
  query.sort = DeviceSort::kName;
  query.filter.names.name_pattern = "lamp%";
  EXPECT_EQ(DeviceIds(List(store().devices(), query)),
            (std::vector<std::string>{"lamp-a", "lamp-b", "lamp-c"}));
  query.order = SortOrder::kDesc;
  EXPECT_EQ(DeviceIds(List(store().devices(), query)),
            (std::vector<std::string>{"lamp-c", "lamp-b", "lamp-a"}));
}

TEST_P(StorageContract, DeviceListOrdersByNetworkDeviceTypeAndStatus) {
  DeviceFixture f(store());
  DeviceQuery query;
  query.filter.names.name_pattern = "lamp%";

  query.sort = DeviceSort::kNetwork;
  query.order = SortOrder::kDesc;
  auto listed = List(store().devices(), query);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].id, "lamp-c");  // south was created after north

  query.sort = DeviceSort::kDeviceType;
  query.order = SortOrder::kDesc;
  listed = List(store().devices(), query);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].id, "lamp-b");  // type 3

  query.sort = DeviceSort::kStatus;
  query.order = SortOrder::kAsc;
  listed = List(store().devices(), query);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[2].id, "lamp-b");  // the blocked one
  query.order = SortOrder::kDesc;
  EXPECT_EQ(List(store().devices(), query)[0].id, "lamp-b");
}

TEST_P(StorageContract, DeviceListPagesWithTakeAndSkip) {
  DeviceFixture f(store());
  DeviceQuery query;
  query.filter.names.name_pattern = "lamp%";
  query.sort = DeviceSort::kName;
  query.page.take = 1;
  query.page.skip = 1;
  EXPECT_EQ(DeviceIds(List(store().devices(), query)), std::vector<std::string>{"lamp-b"});
  query.page.take = std::nullopt;
  EXPECT_EQ(DeviceIds(List(store().devices(), query)),
            (std::vector<std::string>{"lamp-b", "lamp-c"}));
  query.page.take = 0;
  EXPECT_TRUE(List(store().devices(), query).empty());
  query.page.take = 10;
  query.page.skip = 3;
  EXPECT_TRUE(List(store().devices(), query).empty());
  EXPECT_EQ(store().devices().Count(query.filter, {}).value(), 3);
}

TEST_P(StorageContract, DeviceScopeOfLinkedNetworks) {
  DeviceFixture f(store());
  const auto user = CreateUser("client");
  ASSERT_TRUE(store().links().LinkNetwork(user.id, f.north));
  DeviceScope scope;
  scope.networks.linked_user = user.id;
  EXPECT_EQ(SortedIds(List(store().devices(), {}, scope)),
            (std::vector<std::string>{"lamp-a", "lamp-b"}));
  EXPECT_EQ(store().devices().Count({}, scope).value(), 2);
  EXPECT_TRUE(store().devices().Get("lamp-a", scope).value());
  EXPECT_EQ(store().devices().Get("lamp-c", scope).value(), std::nullopt);
  EXPECT_EQ(store().devices().Get(kSampleDevice, scope).value(), std::nullopt);
}

TEST_P(StorageContract, DeviceScopeOfNetworkIds) {
  DeviceFixture f(store());
  DeviceScope scope;
  scope.networks.ids = std::vector<int64_t>{1, f.south};
  EXPECT_EQ(SortedIds(List(store().devices(), {}, scope)),
            (std::vector<std::string>{kSampleDevice, "heater", "lamp-c"}));
  scope.networks.ids = std::vector<int64_t>{};
  EXPECT_TRUE(List(store().devices(), {}, scope).empty());
  EXPECT_EQ(store().devices().Count({}, scope).value(), 0);
  EXPECT_EQ(store().devices().Get(kSampleDevice, scope).value(), std::nullopt);
}

TEST_P(StorageContract, DeviceScopeOfDeviceTypeIds) {
  DeviceFixture f(store());
  DeviceScope scope;
  scope.device_types.ids = std::vector<int64_t>{2};
  EXPECT_EQ(SortedIds(List(store().devices(), {}, scope)),
            (std::vector<std::string>{"lamp-a", "lamp-c"}));
  EXPECT_EQ(store().devices().Get("heater", scope).value(), std::nullopt);
  scope.device_types.ids = std::vector<int64_t>{};
  EXPECT_TRUE(List(store().devices(), {}, scope).empty());
}

TEST_P(StorageContract, DeviceScopeOfLinkedDeviceTypes) {
  DeviceFixture f(store());
  const auto user = CreateUser("typed");
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 3));
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 4));
  DeviceScope scope;
  scope.device_types.linked_user = user.id;
  EXPECT_EQ(SortedIds(List(store().devices(), {}, scope)),
            (std::vector<std::string>{"heater", "lamp-b"}));
}

TEST_P(StorageContract, DeviceScopeNeedsBothNetworkAndDeviceType) {
  DeviceFixture f(store());
  DeviceScope scope;
  scope.networks.ids = std::vector<int64_t>{f.south};
  scope.device_types.ids = std::vector<int64_t>{2, 3};
  EXPECT_EQ(DeviceIds(List(store().devices(), {}, scope)), std::vector<std::string>{"lamp-c"});
  EXPECT_EQ(store().devices().Count({}, scope).value(), 1);

  DeviceQuery query;
  query.filter.network_id = f.north;
  EXPECT_TRUE(List(store().devices(), query, scope).empty());
}

}  // namespace
}  // namespace dh::test
