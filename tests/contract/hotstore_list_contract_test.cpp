// The hot store contract for listing: filters, sorting with ties by id, paging, and the
// command-only status and updated filters.
#include <optional>
#include <string>
#include <vector>

#include "contract/hotstore_contract.hpp"

namespace dh::test {

void HotStoreContract::StoreSample() {
  struct Row {
    int64_t id;
    const char* device;
    std::optional<int64_t> network;
    std::optional<int64_t> type;
    const char* name;
  };
  const Row rows[] = {
      {1, "device-a", 1, 10, "temp"},
      {2, "device-a", 1, 10, "humidity"},
      {3, "device-b", 2, 10, "temp"},
      {4, "device-c", 2, 11, "temp"},
      {5, "device-d", std::nullopt, std::nullopt, "$device-add"},
  };
  for (const auto& row : rows) {
    auto notification = NewNotification(row.id, row.device, row.name, At(row.id));
    notification.network_id = row.network;
    notification.device_type_id = row.type;
    Put(notification);
    auto command = NewCommand(row.id, row.device, row.name, At(row.id));
    command.network_id = row.network;
    command.device_type_id = row.type;
    Put(command);
  }
}

std::vector<int64_t> HotStoreContract::BothIds(const hotstore::ListQuery& query) {
  const std::vector<int64_t> notifications = NotificationIds(query);
  EXPECT_EQ(CommandIds(query), notifications) << "commands differ from notifications";
  return notifications;
}

namespace {

using hotstore::ListQuery;
using hotstore::SortField;
using storage::SortOrder;
using Ids = std::vector<int64_t>;

ListQuery Ascending() {
  ListQuery query;
  query.order = SortOrder::kAsc;
  return query;
}

ListQuery Sorted(SortField field, SortOrder order) {
  ListQuery query;
  query.sort = field;
  query.order = order;
  return query;
}

TEST_P(HotStoreContract, EmptyQueryListsEverythingNewestFirst) {
  StoreSample();
  EXPECT_EQ(BothIds({}), (Ids{5, 4, 3, 2, 1}));
}

TEST_P(HotStoreContract, ListWithoutDeviceIdsSpansAllDevices) {
  StoreSample();
  EXPECT_EQ(BothIds(Ascending()), (Ids{1, 2, 3, 4, 5}));
}

TEST_P(HotStoreContract, EmptyStoreListsNothing) { EXPECT_TRUE(BothIds({}).empty()); }

TEST_P(HotStoreContract, FiltersById) {
  StoreSample();
  auto query = Ascending();
  query.filter.id = 3;
  EXPECT_EQ(BothIds(query), Ids{3});
  query.filter.device_ids = {"device-b"};
  EXPECT_EQ(BothIds(query), Ids{3});
  query.filter.device_ids = {"device-a"};
  EXPECT_TRUE(BothIds(query).empty());
  query.filter.device_ids.clear();
  query.filter.id = 99;
  EXPECT_TRUE(BothIds(query).empty());
}

TEST_P(HotStoreContract, FiltersByDeviceIds) {
  StoreSample();
  auto query = Ascending();
  query.filter.device_ids = {"device-a"};
  EXPECT_EQ(BothIds(query), (Ids{1, 2}));
  query.filter.device_ids = {"device-c", "device-a"};
  EXPECT_EQ(BothIds(query), (Ids{1, 2, 4}));
  query.filter.device_ids = {"unknown"};
  EXPECT_TRUE(BothIds(query).empty());
}

TEST_P(HotStoreContract, FiltersByNetworkIds) {
  StoreSample();
  auto query = Ascending();
  query.filter.network_ids = {2};
  EXPECT_EQ(BothIds(query), (Ids{3, 4}));
  query.filter.network_ids = {1, 2};
  EXPECT_EQ(BothIds(query), (Ids{1, 2, 3, 4}));  // not the item without a network
  query.filter.network_ids = {3};
  EXPECT_TRUE(BothIds(query).empty());
}

TEST_P(HotStoreContract, FiltersByDeviceTypeIds) {
  StoreSample();
  auto query = Ascending();
  query.filter.device_type_ids = {10};
  EXPECT_EQ(BothIds(query), (Ids{1, 2, 3}));
  query.filter.device_type_ids = {11};
  EXPECT_EQ(BothIds(query), Ids{4});
  query.filter.network_ids = {1};
  EXPECT_TRUE(BothIds(query).empty());
}

TEST_P(HotStoreContract, FiltersByNames) {
  StoreSample();
  auto query = Ascending();
  query.filter.names = {"temp"};
  EXPECT_EQ(BothIds(query), (Ids{1, 3, 4}));
  query.filter.names = {"humidity", "$device-add"};
  EXPECT_EQ(BothIds(query), (Ids{2, 5}));
  query.filter.names = {"TEMP"};  // names are exact
  EXPECT_TRUE(BothIds(query).empty());
}

TEST_P(HotStoreContract, StartAndEndAreInclusive) {
  StoreSample();
  auto query = Ascending();
  query.filter.start = At(2);
  EXPECT_EQ(BothIds(query), (Ids{2, 3, 4, 5}));
  query.filter.end = At(4);
  EXPECT_EQ(BothIds(query), (Ids{2, 3, 4}));
  query.filter.start = At(3);
  query.filter.end = At(3);
  EXPECT_EQ(BothIds(query), Ids{3});
  query.filter.start = At(4);
  query.filter.end = At(3);
  EXPECT_TRUE(BothIds(query).empty());
}

TEST_P(HotStoreContract, AfterIsStrict) {
  StoreSample();
  auto query = Ascending();
  query.filter.after = At(3);
  EXPECT_EQ(BothIds(query), (Ids{4, 5}));
  query.filter.after = At(3) - std::chrono::milliseconds(1);
  EXPECT_EQ(BothIds(query), (Ids{3, 4, 5}));
  query.filter.after = At(5);
  EXPECT_TRUE(BothIds(query).empty());
}

TEST_P(HotStoreContract, FiltersCombine) {
  StoreSample();
  auto query = Ascending();
  query.filter.device_ids = {"device-a", "device-b", "device-c"};
  query.filter.names = {"temp"};
  query.filter.network_ids = {2};
  query.filter.start = At(3);
  query.filter.end = At(4);
  query.filter.after = At(3);
  EXPECT_EQ(BothIds(query), Ids{4});
}

TEST_P(HotStoreContract, SortsByTimestampInBothOrdersWithTiesById) {
  Put(NewNotification(3, "device-a", "n", At(1)));
  Put(NewNotification(1, "device-b", "n", At(2)));
  Put(NewNotification(2, "device-a", "n", At(1)));
  Put(NewNotification(4, "device-c", "n", At(0)));
  EXPECT_EQ(NotificationIds(Sorted(SortField::kTimestamp, SortOrder::kAsc)), (Ids{4, 2, 3, 1}));
  EXPECT_EQ(NotificationIds(Sorted(SortField::kTimestamp, SortOrder::kDesc)), (Ids{1, 3, 2, 4}));
}

TEST_P(HotStoreContract, SortsByNameInBothOrdersWithTiesById) {
  // Within a name, ids order the ties even against the timestamps.
  Put(NewNotification(1, "device-a", "beta", At(9)));
  Put(NewNotification(2, "device-a", "alpha", At(5)));
  Put(NewNotification(3, "device-b", "beta", At(1)));
  Put(NewNotification(4, "device-b", "alpha", At(2)));
  EXPECT_EQ(NotificationIds(Sorted(SortField::kName, SortOrder::kAsc)), (Ids{2, 4, 1, 3}));
  EXPECT_EQ(NotificationIds(Sorted(SortField::kName, SortOrder::kDesc)), (Ids{3, 1, 4, 2}));
}

TEST_P(HotStoreContract, SortsCommandsByNameInBothOrdersWithTiesById) {
  Put(NewCommand(1, "device-a", "stop", At(9)));
  Put(NewCommand(2, "device-a", "go", At(5)));
  Put(NewCommand(3, "device-b", "stop", At(1)));
  EXPECT_EQ(CommandIds(Sorted(SortField::kName, SortOrder::kAsc)), (Ids{2, 1, 3}));
  EXPECT_EQ(CommandIds(Sorted(SortField::kName, SortOrder::kDesc)), (Ids{3, 1, 2}));
}

TEST_P(HotStoreContract, SortsCommandsByStatusInBothOrdersWithTiesById) {
  const std::pair<int64_t, const char*> rows[] = {
      {1, "done"}, {2, "accepted"}, {3, "done"}, {4, "failed"}, {5, "accepted"}};
  for (const auto& [id, status] : rows) {
    auto command = NewCommand(id, "device-a", "c", At(10 - id));
    command.status = status;
    Put(command);
  }
  EXPECT_EQ(CommandIds(Sorted(SortField::kStatus, SortOrder::kAsc)), (Ids{2, 5, 1, 3, 4}));
  EXPECT_EQ(CommandIds(Sorted(SortField::kStatus, SortOrder::kDesc)), (Ids{4, 3, 1, 5, 2}));
}

TEST_P(HotStoreContract, TakeAndSkipSliceTheSortedList) {
  StoreSample();
  auto query = Ascending();
  query.take = 2;
  EXPECT_EQ(BothIds(query), (Ids{1, 2}));
  query.skip = 1;
  EXPECT_EQ(BothIds(query), (Ids{2, 3}));
  query.skip = 4;
  EXPECT_EQ(BothIds(query), Ids{5});
  query.skip = 5;
  EXPECT_TRUE(BothIds(query).empty());
  query.skip = 2;
  query.take = 0;  // all
  EXPECT_EQ(BothIds(query), (Ids{3, 4, 5}));
  query.order = SortOrder::kDesc;
  query.skip = 1;
  query.take = 3;
  EXPECT_EQ(BothIds(query), (Ids{4, 3, 2}));
}

TEST_P(HotStoreContract, PagingAppliesAfterFiltering) {
  StoreSample();
  auto query = Ascending();
  query.filter.names = {"temp"};
  query.skip = 1;
  query.take = 1;
  EXPECT_EQ(BothIds(query), Ids{3});
}

TEST_P(HotStoreContract, StatusFilterIgnoresCase) {
  const std::pair<int64_t, std::optional<std::string>> rows[] = {
      {1, "Done"}, {2, "DONE"}, {3, "done"}, {4, "failed"}, {5, std::nullopt}, {6, "done "}};
  for (const auto& [id, status] : rows) {
    auto command = NewCommand(id, "device-a", "c", At(id));
    command.status = status;
    Put(command);
  }
  auto query = Ascending();
  query.status = "done";
  EXPECT_EQ(CommandIds(query), (Ids{1, 2, 3}));
  query.status = "FAILED";
  EXPECT_EQ(CommandIds(query), Ids{4});
  query.status = "unknown";
  EXPECT_TRUE(CommandIds(query).empty());
}

TEST_P(HotStoreContract, UpdatedOnlyListsCommandsUpdatedAtLeastOnce) {
  StoreSample();
  for (int64_t id : {2, 4}) {
    auto updated = *FindCommand(id == 2 ? "device-a" : "device-c", id);
    updated.is_updated = true;
    updated.status = "done";
    Put(updated);
  }
  auto query = Ascending();
  query.updated_only = true;
  EXPECT_EQ(CommandIds(query), (Ids{2, 4}));
  query.filter.device_ids = {"device-a"};
  EXPECT_EQ(CommandIds(query), Ids{2});
  query.updated_only = false;
  EXPECT_EQ(CommandIds(query), (Ids{1, 2}));
}

TEST_P(HotStoreContract, CommandOnlyFiltersDoNotApplyToNotifications) {
  StoreSample();
  auto query = Ascending();
  query.status = "done";
  query.updated_only = true;
  EXPECT_EQ(NotificationIds(query), (Ids{1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace dh::test
