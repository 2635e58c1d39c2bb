// The storage contract for networks and device types (one NamedEntityStore template, so every
// check runs against both stores).
#include <algorithm>
#include <string>
#include <vector>

#include "contract/storage_contract.hpp"

namespace dh::test {
namespace {

using storage::NamedEntityQuery;
using storage::NamedEntitySort;
using storage::NameFilter;
using storage::SortOrder;
using storage::Visibility;

template <class Entity>
std::vector<std::string> Names(const std::vector<Entity>& rows) {
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.name);
  return names;
}

template <class Entity>
std::vector<std::string> SortedNames(const std::vector<Entity>& rows) {
  auto names = Names(rows);
  std::sort(names.begin(), names.end());
  return names;
}

template <class Entity>
std::vector<int64_t> Ids(const std::vector<Entity>& rows) {
  std::vector<int64_t> ids;
  for (const auto& row : rows) ids.push_back(row.id);
  return ids;
}

template <class Entity>
Entity Create(storage::NamedEntityStore<Entity>& store, const std::string& name,
              std::optional<std::string> description = std::nullopt) {
  auto created = store.Create(Entity{0, name, std::move(description)});
  EXPECT_TRUE(created) << name << ": " << created.error().message;
  return created.value();
}

template <class Entity>
std::vector<Entity> List(storage::NamedEntityStore<Entity>& store, NamedEntityQuery query,
                         const Visibility& scope = {}) {
  auto rows = store.List(query, scope);
  EXPECT_TRUE(rows) << rows.error().message;
  return rows ? *rows : std::vector<Entity>();
}

NamedEntityQuery Sorted(NamedEntitySort sort, SortOrder order = SortOrder::kAsc) {
  NamedEntityQuery query;
  query.sort = sort;
  query.order = order;
  return query;
}

template <class Entity>
void CheckCreateAndGet(storage::NamedEntityStore<Entity>& store) {
  const auto created = Create(store, "Lab", std::optional<std::string>("first floor"));
  EXPECT_GT(created.id, 0);
  const auto read = store.Get(created.id, {}).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->id, created.id);
  EXPECT_EQ(read->name, "Lab");
  EXPECT_EQ(read->description, "first floor");
  const auto found = store.FindByName("Lab").value();
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, created.id);
}

template <class Entity>
void CheckCreateIgnoresId(storage::NamedEntityStore<Entity>& store) {
  const auto a = store.Create(Entity{999, "a", std::nullopt}).value();
  const auto b = store.Create(Entity{999, "b", std::nullopt}).value();
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(store.Get(a.id, {}).value()->name, "a");
  EXPECT_EQ(store.Get(b.id, {}).value()->name, "b");
}

template <class Entity>
void CheckAbsentDescriptionStaysNull(storage::NamedEntityStore<Entity>& store) {
  const auto created = Create(store, "plain");
  EXPECT_EQ(store.Get(created.id, {}).value()->description, std::nullopt);
}

template <class Entity>
void CheckUnknownIsEmpty(storage::NamedEntityStore<Entity>& store) {
  EXPECT_EQ(store.Get(424242, {}).value(), std::nullopt);
  EXPECT_EQ(store.FindByName("nothing by this name").value(), std::nullopt);
}

template <class Entity>
void CheckFindByNameIsExact(storage::NamedEntityStore<Entity>& store) {
  Create(store, "Garage");
  EXPECT_EQ(store.FindByName("garage").value(), std::nullopt);
  EXPECT_EQ(store.FindByName("Garag").value(), std::nullopt);
  EXPECT_EQ(store.FindByName("Gar%").value(), std::nullopt);
  EXPECT_TRUE(store.FindByName("Garage").value());
}

template <class Entity>
void CheckDuplicateNameIsConflict(storage::NamedEntityStore<Entity>& store) {
  Create(store, "twin");
  auto again = store.Create(Entity{0, "twin", std::nullopt});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::Errc::kConflict);
}

template <class Entity>
void CheckUpdateOverwrites(storage::NamedEntityStore<Entity>& store) {
  auto row = Create(store, "old", std::optional<std::string>("old description"));
  row.name = "new";
  row.description = std::nullopt;
  EXPECT_TRUE(store.Update(row).value());
  const auto read = store.Get(row.id, {}).value();
  ASSERT_TRUE(read);
  EXPECT_EQ(read->name, "new");
  EXPECT_EQ(read->description, std::nullopt);
  EXPECT_EQ(store.FindByName("old").value(), std::nullopt);
}

template <class Entity>
void CheckUpdateUnknownIsFalse(storage::NamedEntityStore<Entity>& store) {
  EXPECT_FALSE(store.Update(Entity{424242, "ghost", std::nullopt}).value());
  EXPECT_EQ(store.FindByName("ghost").value(), std::nullopt);
}

template <class Entity>
void CheckUpdateToDuplicateNameIsConflict(storage::NamedEntityStore<Entity>& store) {
  Create(store, "taken");
  auto row = Create(store, "free");
  row.name = "taken";
  auto updated = store.Update(row);
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, core::Errc::kConflict);
  EXPECT_EQ(store.Get(row.id, {}).value()->name, "free");
}

template <class Entity>
void CheckDelete(storage::NamedEntityStore<Entity>& store) {
  const auto row = Create(store, "doomed");
  EXPECT_TRUE(store.Delete(row.id).value());
  EXPECT_EQ(store.Get(row.id, {}).value(), std::nullopt);
  EXPECT_FALSE(store.Delete(row.id).value());
  EXPECT_FALSE(store.Delete(424242).value());
}

// Creates lamp-1, lamp-2, Lamp-3, lampshade, bulb (in that order) and returns their ids.
template <class Entity>
std::vector<int64_t> CreateLamps(storage::NamedEntityStore<Entity>& store) {
  std::vector<int64_t> ids;
  for (const char* name : {"lamp-1", "lamp-2", "Lamp-3", "lampshade", "bulb"}) {
    ids.push_back(Create(store, name).id);
  }
  return ids;
}

template <class Entity>
void CheckNameFilters(storage::NamedEntityStore<Entity>& store) {
  CreateLamps(store);
  NamedEntityQuery query;
  query.filter.name = "lamp-2";
  EXPECT_EQ(Names(List(store, query)), std::vector<std::string>{"lamp-2"});

  query = {};
  query.filter.name_pattern = "lamp%";
  EXPECT_EQ(SortedNames(List(store, query)),
            (std::vector<std::string>{"lamp-1", "lamp-2", "lampshade"}));
  EXPECT_EQ(store.Count(query.filter, {}).value(), 3);

  query.filter.name_pattern = "lamp-_";
  EXPECT_EQ(SortedNames(List(store, query)), (std::vector<std::string>{"lamp-1", "lamp-2"}));

  query.filter.name_pattern = "%amp-%";
  EXPECT_EQ(SortedNames(List(store, query)),
            (std::vector<std::string>{"Lamp-3", "lamp-1", "lamp-2"}));

  query.filter.name = "lamp-1";
  EXPECT_EQ(Names(List(store, query)), std::vector<std::string>{"lamp-1"});
}

template <class Entity>
void CheckPatternIsCaseSensitive(storage::NamedEntityStore<Entity>& store) {
  CreateLamps(store);
  NamedEntityQuery query;
  query.filter.name_pattern = "LAMP%";
  EXPECT_TRUE(List(store, query).empty());
  query.filter.name_pattern = "Lamp%";
  EXPECT_EQ(Names(List(store, query)), std::vector<std::string>{"Lamp-3"});
}

// Mixed case is left out of the name order: collations differ between databases.
template <class Entity>
void CheckOrdering(storage::NamedEntityStore<Entity>& store, size_t seeded_rows) {
  CreateLamps(store);
  NamedEntityQuery query = Sorted(NamedEntitySort::kName);
  query.filter.name_pattern = "lamp%";
  EXPECT_EQ(Names(List(store, query)), (std::vector<std::string>{"lamp-1", "lamp-2", "lampshade"}));
  query.order = SortOrder::kDesc;
  EXPECT_EQ(Names(List(store, query)), (std::vector<std::string>{"lampshade", "lamp-2", "lamp-1"}));

  const auto ascending = Ids(List(store, Sorted(NamedEntitySort::kId)));
  EXPECT_TRUE(std::is_sorted(ascending.begin(), ascending.end()));
  EXPECT_EQ(ascending.size(), seeded_rows + 5);
  auto descending = Ids(List(store, Sorted(NamedEntitySort::kId, SortOrder::kDesc)));
  std::reverse(descending.begin(), descending.end());
  EXPECT_EQ(descending, ascending);
}

template <class Entity>
void CheckPaging(storage::NamedEntityStore<Entity>& store) {
  CreateLamps(store);
  NamedEntityQuery query = Sorted(NamedEntitySort::kName);
  query.filter.name_pattern = "lamp%";  // lamp-1, lamp-2, lampshade
  query.page.take = 2;
  query.page.skip = 1;
  EXPECT_EQ(Names(List(store, query)), (std::vector<std::string>{"lamp-2", "lampshade"}));
  query.page.take = std::nullopt;
  query.page.skip = 2;
  EXPECT_EQ(Names(List(store, query)), std::vector<std::string>{"lampshade"});
  query.page.take = 0;
  query.page.skip = 0;
  EXPECT_TRUE(List(store, query).empty());
  query.page.take = 10;
  query.page.skip = 10;
  EXPECT_TRUE(List(store, query).empty());
  query.page.skip = 0;
  EXPECT_EQ(List(store, query).size(), 3u);
  // Paging does not change the count.
  EXPECT_EQ(store.Count(query.filter, {}).value(), 3);
}

template <class Entity>
void CheckVisibleIds(storage::NamedEntityStore<Entity>& store) {
  const auto ids = CreateLamps(store);
  Visibility scope;
  scope.ids = std::vector<int64_t>{ids[0], ids[4]};
  EXPECT_EQ(SortedNames(List(store, {}, scope)), (std::vector<std::string>{"bulb", "lamp-1"}));
  EXPECT_EQ(store.Count({}, scope).value(), 2);
  EXPECT_TRUE(store.Get(ids[0], scope).value());
  EXPECT_EQ(store.Get(ids[1], scope).value(), std::nullopt);

  NameFilter filter;
  filter.name_pattern = "lamp%";
  EXPECT_EQ(store.Count(filter, scope).value(), 1);
}

template <class Entity>
void CheckEmptyIdListShowsNothing(storage::NamedEntityStore<Entity>& store) {
  const auto ids = CreateLamps(store);
  Visibility nothing;
  nothing.ids = std::vector<int64_t>{};
  EXPECT_TRUE(List(store, {}, nothing).empty());
  EXPECT_EQ(store.Count({}, nothing).value(), 0);
  EXPECT_EQ(store.Get(ids[0], nothing).value(), std::nullopt);
}

TEST_P(StorageContract, NamedEntityCreateAssignsIdAndStoresFields) {
  CheckCreateAndGet(store().networks());
  CheckCreateAndGet(store().device_types());
}

TEST_P(StorageContract, NamedEntityCreateIgnoresTheGivenId) {
  CheckCreateIgnoresId(store().networks());
  CheckCreateIgnoresId(store().device_types());
}

TEST_P(StorageContract, NamedEntityAbsentDescriptionStaysNull) {
  CheckAbsentDescriptionStaysNull(store().networks());
  CheckAbsentDescriptionStaysNull(store().device_types());
}

TEST_P(StorageContract, NamedEntityUnknownIdOrNameIsEmpty) {
  CheckUnknownIsEmpty(store().networks());
  CheckUnknownIsEmpty(store().device_types());
}

TEST_P(StorageContract, NamedEntityFindByNameIsExactAndCaseSensitive) {
  CheckFindByNameIsExact(store().networks());
  CheckFindByNameIsExact(store().device_types());
}

TEST_P(StorageContract, NamedEntityDuplicateNameIsConflict) {
  CheckDuplicateNameIsConflict(store().networks());
  CheckDuplicateNameIsConflict(store().device_types());
}

TEST_P(StorageContract, NamedEntitySeededNameIsAlreadyTaken) {
  auto network = store().networks().Create(domain::Network{0, "Sample Network", std::nullopt});
  ASSERT_FALSE(network);
  EXPECT_EQ(network.error().code, core::Errc::kConflict);
  auto type = store().device_types().Create(domain::DeviceType{0, "Cameras", std::nullopt});
  ASSERT_FALSE(type);
  EXPECT_EQ(type.error().code, core::Errc::kConflict);
}

TEST_P(StorageContract, NamedEntityUpdateOverwritesNameAndDescription) {
  CheckUpdateOverwrites(store().networks());
  CheckUpdateOverwrites(store().device_types());
}

TEST_P(StorageContract, NamedEntityUpdateOfUnknownIdIsFalse) {
  CheckUpdateUnknownIsFalse(store().networks());
  CheckUpdateUnknownIsFalse(store().device_types());
}

TEST_P(StorageContract, NamedEntityUpdateToTakenNameIsConflict) {
  CheckUpdateToDuplicateNameIsConflict(store().networks());
  CheckUpdateToDuplicateNameIsConflict(store().device_types());
}

TEST_P(StorageContract, NamedEntityDeleteRemovesTheRowOnce) {
  CheckDelete(store().networks());
  CheckDelete(store().device_types());
}

TEST_P(StorageContract, NamedEntityListFiltersByNameAndPattern) {
  CheckNameFilters(store().networks());
  CheckNameFilters(store().device_types());
}

TEST_P(StorageContract, NamedEntityNamePatternIsCaseSensitive) {
  CheckPatternIsCaseSensitive(store().networks());
  CheckPatternIsCaseSensitive(store().device_types());
}

TEST_P(StorageContract, NamedEntityListOrdersByNameOrId) {
  CheckOrdering(store().networks(), 1);
  CheckOrdering(store().device_types(), 8);
}

TEST_P(StorageContract, NamedEntityListPagesWithTakeAndSkip) {
  CheckPaging(store().networks());
  CheckPaging(store().device_types());
}

TEST_P(StorageContract, NamedEntityVisibilityByIds) {
  CheckVisibleIds(store().networks());
  CheckVisibleIds(store().device_types());
}

TEST_P(StorageContract, NamedEntityEmptyIdListShowsNothing) {
  CheckEmptyIdListShowsNothing(store().networks());
  CheckEmptyIdListShowsNothing(store().device_types());
}

TEST_P(StorageContract, NetworkVisibilityByLinkedUser) {
  const auto user = CreateUser("linked");
  const auto mine = CreateNetwork("mine");
  const auto other = CreateNetwork("other");
  ASSERT_TRUE(store().links().LinkNetwork(user.id, mine.id));
  Visibility scope;
  scope.linked_user = user.id;
  EXPECT_EQ(Names(List(store().networks(), {}, scope)), std::vector<std::string>{"mine"});
  EXPECT_EQ(store().networks().Count({}, scope).value(), 1);
  EXPECT_TRUE(store().networks().Get(mine.id, scope).value());
  EXPECT_EQ(store().networks().Get(other.id, scope).value(), std::nullopt);
  EXPECT_EQ(store().networks().Get(1, scope).value(), std::nullopt);

  // Linked user and id list together: the intersection.
  scope.ids = std::vector<int64_t>{other.id};
  EXPECT_TRUE(List(store().networks(), {}, scope).empty());
  scope.ids = std::vector<int64_t>{mine.id, other.id};
  EXPECT_EQ(Names(List(store().networks(), {}, scope)), std::vector<std::string>{"mine"});
}

TEST_P(StorageContract, NetworkVisibilityOfUserWithoutLinksIsEmpty) {
  const auto user = CreateUser("lonely");
  Visibility scope;
  scope.linked_user = user.id;
  EXPECT_TRUE(List(store().networks(), {}, scope).empty());
  EXPECT_EQ(store().networks().Count({}, scope).value(), 0);
}

TEST_P(StorageContract, DeviceTypeVisibilityByLinkedUser) {
  const auto user = CreateUser("typed");
  const auto mine = CreateDeviceType("my type");
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, mine.id));
  ASSERT_TRUE(store().links().LinkDeviceType(user.id, 3));
  Visibility scope;
  scope.linked_user = user.id;
  EXPECT_EQ(SortedNames(List(store().device_types(), {}, scope)),
            (std::vector<std::string>{"Lightning", "my type"}));
  EXPECT_EQ(store().device_types().Count({}, scope).value(), 2);
  EXPECT_EQ(store().device_types().Get(2, scope).value(), std::nullopt);
}

}  // namespace
}  // namespace dh::test
