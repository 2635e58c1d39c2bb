// GET/PUT/DELETE /device (spec §3.1): listing with filters, sorting and paging; registration
// (create or update) with DeviceHive's defaults; deletion.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "server_test.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

constexpr const char* kDevices = "/api/rest/device";

class DeviceTest : public ServerTest {
 protected:
  static HttpResult Put(HttpClient client, const std::string& id, const json::object& body) {
    return client.Put(std::string(kDevices) + "/" + id, json::serialize(body));
  }
  // Registers (or updates) a device as the admin, expecting 204.
  static void Register(const std::string& id, const json::object& body) {
    const auto result = Put(Admin(), id, body);
    ASSERT_EQ(result.status, 204) << id << ": " << result.body;
  }
  // The device as GET /device/{id} shows it to the admin.
  static json::object Fetch(const std::string& id) {
    const auto result = Admin().Get(std::string(kDevices) + "/" + id);
    EXPECT_EQ(result.status, 200) << id << ": " << result.body;
    return result.status == 200 ? result.json().as_object() : json::object{};
  }
  // The ids of the devices a GET /device?<query> lists, in order.
  static std::vector<std::string> ListIds(const std::string& query) {
    const auto result = Admin().Get(std::string(kDevices) + "?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    std::vector<std::string> ids;
    if (result.status != 200) return ids;
    const auto listed = result.json();
    for (const auto& device : listed.as_array()) {
      ids.emplace_back(device.at("id").as_string());
    }
    return ids;
  }
  static int64_t CountOf(const std::string& query) {
    const auto result = Admin().Get(std::string(kDevices) + "/count?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    return result.status == 200 ? result.json().at("count").as_int64() : -1;
  }
  static std::string Net(int64_t id) { return "networkId=" + std::to_string(id); }
};

using Ids = std::vector<std::string>;

// --- GET /device and /device/count --------------------------------------------------------

TEST_F(DeviceTest, ListShowsTheListedViewOfEachDevice) {
  const int64_t network = CreateNetwork("device-list-view");
  Register("list-view-1", {{"name", "List View"}, {"data", {{"k", "v"}}}, {"networkId", network}});
  const auto result = Admin().Get(std::string(kDevices) + "?" + Net(network));
  ASSERT_EQ(result.status, 200) << result.body;
  const auto expected = json::parse(R"([{"id":"list-view-1","name":"List View","data":{"k":"v"},
      "networkId":)" + std::to_string(network) +
                                    R"(,"deviceTypeId":1,"isBlocked":false}])");
  EXPECT_EQ(result.json(), expected);
}

TEST_F(DeviceTest, ListFiltersByExactName) {
  const int64_t network = CreateNetwork("device-filter-name");
  Register("filter-name-1", {{"name", "Exact Name"}, {"networkId", network}});
  Register("filter-name-2", {{"name", "Exact Name Longer"}, {"networkId", network}});
  EXPECT_EQ(ListIds("name=Exact%20Name"), Ids{"filter-name-1"});
  EXPECT_EQ(ListIds("name=Exact+Name+Longer"), Ids{"filter-name-2"});
  EXPECT_EQ(ListIds("name=Exact"), Ids{});
}

TEST_F(DeviceTest, NamePatternPercentMatchesAnyRun) {
  const int64_t network = CreateNetwork("device-filter-percent");
  Register("pct-1", {{"name", "PctFilter-alpha"}, {"networkId", network}});
  Register("pct-2", {{"name", "PctFilter-beta"}, {"networkId", network}});
  Register("pct-3", {{"name", "Other PctFilter"}, {"networkId", network}});
  EXPECT_EQ(ListIds("namePattern=PctFilter-%25&sortField=Name"), (Ids{"pct-1", "pct-2"}));
  EXPECT_EQ(ListIds("namePattern=%25PctFilter%25&sortField=Name"),
            (Ids{"pct-3", "pct-1", "pct-2"}));
  EXPECT_EQ(ListIds("namePattern=%25alpha"), Ids{"pct-1"});
}

TEST_F(DeviceTest, NamePatternUnderscoreMatchesExactlyOneCharacter) {
  const int64_t network = CreateNetwork("device-filter-underscore");
  Register("usc-1", {{"name", "UscFilter-1"}, {"networkId", network}});
  Register("usc-2", {{"name", "UscFilter-22"}, {"networkId", network}});
  EXPECT_EQ(ListIds("namePattern=UscFilter-_"), Ids{"usc-1"});
  EXPECT_EQ(ListIds("namePattern=UscFilter-__"), Ids{"usc-2"});
  EXPECT_EQ(ListIds("namePattern=UscFilter__"), Ids{"usc-1"});
  EXPECT_EQ(ListIds("namePattern=UscFilter___"), Ids{"usc-2"});
}

TEST_F(DeviceTest, ListFiltersByNetworkIdAndNetworkName) {
  const int64_t first = CreateNetwork("device-filter-network-a");
  const int64_t second = CreateNetwork("device-filter-network-b");
  Register("by-net-a", {{"name", "By Net"}, {"networkId", first}});
  Register("by-net-b", {{"name", "By Net"}, {"networkId", second}});
  EXPECT_EQ(ListIds(Net(first)), Ids{"by-net-a"});
  EXPECT_EQ(ListIds(Net(second)), Ids{"by-net-b"});
  EXPECT_EQ(ListIds("networkName=device-filter-network-b"), Ids{"by-net-b"});
  EXPECT_EQ(ListIds("networkName=device-filter-network-b&name=By%20Net"), Ids{"by-net-b"});
  EXPECT_EQ(ListIds("networkName=no-such-network"), Ids{});
}

TEST_F(DeviceTest, CountAppliesTheSameFiltersAsTheList) {
  const int64_t network = CreateNetwork("device-count");
  Register("count-1", {{"name", "CountMe one"}, {"networkId", network}});
  Register("count-2", {{"name", "CountMe two"}, {"networkId", network}});
  Register("count-3", {{"name", "Not counted"}, {"networkId", network}});
  const auto result = Admin().Get(std::string(kDevices) + "/count?" + Net(network));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"({"count":3})"));
  EXPECT_EQ(CountOf(Net(network) + "&namePattern=CountMe%25"), 2);
  EXPECT_EQ(CountOf("name=CountMe%20two"), 1);
  EXPECT_EQ(CountOf("networkName=device-count"), 3);
  EXPECT_EQ(CountOf("networkName=device-count&name=nothing"), 0);
}

TEST_F(DeviceTest, SortByNameInBothOrders) {
  const int64_t network = CreateNetwork("device-sort-name");
  Register("sort-name-c", {{"name", "Charlie"}, {"networkId", network}});
  Register("sort-name-a", {{"name", "Alpha"}, {"networkId", network}});
  Register("sort-name-b", {{"name", "Bravo"}, {"networkId", network}});
  const Ids ascending{"sort-name-a", "sort-name-b", "sort-name-c"};
  const Ids descending{"sort-name-c", "sort-name-b", "sort-name-a"};
  EXPECT_EQ(ListIds(Net(network) + "&sortField=Name"), ascending);
  EXPECT_EQ(ListIds(Net(network) + "&sortField=Name&sortOrder=ASC"), ascending);
  EXPECT_EQ(ListIds(Net(network) + "&sortField=Name&sortOrder=DESC"), descending);
}

TEST_F(DeviceTest, SortFieldAndSortOrderAreCaseInsensitive) {
  const int64_t network = CreateNetwork("device-sort-case");
  Register("sort-case-b", {{"name", "b"}, {"networkId", network}});
  Register("sort-case-a", {{"name", "a"}, {"networkId", network}});
  EXPECT_EQ(ListIds(Net(network) + "&sortField=name&sortOrder=desc"),
            (Ids{"sort-case-b", "sort-case-a"}));
  EXPECT_EQ(ListIds(Net(network) + "&sortField=NAME&sortOrder=asc"),
            (Ids{"sort-case-a", "sort-case-b"}));
}

TEST_F(DeviceTest, SortByNetworkOrdersByNetworkId) {
  const int64_t lower = CreateNetwork("device-sort-network-1");
  const int64_t higher = CreateNetwork("device-sort-network-2");
  Register("sort-net-x", {{"name", "SortByNet A"}, {"networkId", higher}});
  Register("sort-net-y", {{"name", "SortByNet B"}, {"networkId", lower}});
  EXPECT_EQ(ListIds("namePattern=SortByNet%25&sortField=Network"),
            (Ids{"sort-net-y", "sort-net-x"}));
  EXPECT_EQ(ListIds("namePattern=SortByNet%25&sortField=Network&sortOrder=DESC"),
            (Ids{"sort-net-x", "sort-net-y"}));
}

TEST_F(DeviceTest, SortByDeviceTypeOrdersByDeviceTypeId) {
  const int64_t network = CreateNetwork("device-sort-type");
  Register("sort-type-5", {{"name", "t5"}, {"networkId", network}, {"deviceTypeId", 5}});
  Register("sort-type-2", {{"name", "t2"}, {"networkId", network}, {"deviceTypeId", 2}});
  Register("sort-type-7", {{"name", "t7"}, {"networkId", network}, {"deviceTypeId", 7}});
  EXPECT_EQ(ListIds(Net(network) + "&sortField=DeviceType"),
            (Ids{"sort-type-2", "sort-type-5", "sort-type-7"}));
  EXPECT_EQ(ListIds(Net(network) + "&sortField=DeviceType&sortOrder=DESC"),
            (Ids{"sort-type-7", "sort-type-5", "sort-type-2"}));
}

TEST_F(DeviceTest, SortByStatusOrdersByBlockedFlag) {
  const int64_t network = CreateNetwork("device-sort-status");
  Register("sort-status-on", {{"name", "s1"}, {"networkId", network}, {"isBlocked", true}});
  Register("sort-status-off", {{"name", "s2"}, {"networkId", network}, {"isBlocked", false}});
  EXPECT_EQ(ListIds(Net(network) + "&sortField=Status"),
            (Ids{"sort-status-off", "sort-status-on"}));
  EXPECT_EQ(ListIds(Net(network) + "&sortField=Status&sortOrder=DESC"),
            (Ids{"sort-status-on", "sort-status-off"}));
}

TEST_F(DeviceTest, TakeAndSkipPageThroughTheSortedList) {
  const int64_t network = CreateNetwork("device-paging");
  for (const char* name : {"p1", "p2", "p3", "p4"}) {
    Register(std::string("paging-") + name, {{"name", name}, {"networkId", network}});
  }
  const std::string sorted = Net(network) + "&sortField=Name";
  EXPECT_EQ(ListIds(sorted + "&take=2"), (Ids{"paging-p1", "paging-p2"}));
  EXPECT_EQ(ListIds(sorted + "&take=2&skip=1"), (Ids{"paging-p2", "paging-p3"}));
  EXPECT_EQ(ListIds(sorted + "&skip=3"), Ids{"paging-p4"});
  EXPECT_EQ(ListIds(sorted + "&skip=10"), Ids{});
  EXPECT_EQ(ListIds(sorted).size(), 4u) << "no take means no limit";
}

TEST_F(DeviceTest, UnknownSortFieldIsRejected) {
  for (const char* field : {"id", "data", "Nam"}) {
    const auto result = Admin().Get(std::string(kDevices) + "?sortField=" + field);
    EXPECT_EQ(result.status, 400) << field;
    EXPECT_EQ(MessageOf(result), "Invalid request parameters") << field;
  }
}

TEST_F(DeviceTest, UnknownSortOrderIsRejected) {
  const auto result = Admin().Get(std::string(kDevices) + "?sortField=Name&sortOrder=sideways");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Unparseable sort order : sideways");
}

TEST_F(DeviceTest, NegativeTakeOrSkipIsRejected) {
  const auto take = Admin().Get(std::string(kDevices) + "?take=-1");
  EXPECT_EQ(take.status, 400);
  EXPECT_EQ(MessageOf(take), "take must be greater than or equal to 0");
  const auto skip = Admin().Get(std::string(kDevices) + "?skip=-1");
  EXPECT_EQ(skip.status, 400);
  EXPECT_EQ(MessageOf(skip), "skip must be greater than or equal to 0");
}

// --- GET /device/{id} ---------------------------------------------------------------------

TEST_F(DeviceTest, GetShowsThePublishedView) {
  const auto result = Admin().Get(std::string(kDevices) + "/" + kSampleDevice);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"({"id":"e50d6085-2aba-48e9-b1c3-73c673e414be",
      "name":"Sample Device","data":null,"networkId":1,"deviceTypeId":1,"isBlocked":false})"));
}

TEST_F(DeviceTest, GetOfAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Admin().Get(std::string(kDevices) + "/no-such-device");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(
      result.json(),
      json::parse(
          R"({"error":404,"message":"Device with such deviceId = no-such-device not found"})"));
}

// --- PUT /device/{id}: create -------------------------------------------------------------

TEST_F(DeviceTest, CreateAnswers204AndStoresEveryField) {
  const int64_t network = CreateNetwork("device-create-all");
  const json::object data{{"model", "x1"}, {"nested", {{"list", json::array{1, 2, 3}}}}};
  const auto result = Put(Admin(), "create-all",
                          {{"name", "Created"},
                           {"data", data},
                           {"networkId", network},
                           {"deviceTypeId", 4},
                           {"isBlocked", true}});
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_TRUE(result.body.empty());
  const auto device = Fetch("create-all");
  EXPECT_EQ(device.at("name"), "Created");
  EXPECT_EQ(device.at("data"), data);
  EXPECT_EQ(device.at("networkId"), network);
  EXPECT_EQ(device.at("deviceTypeId"), 4);
  EXPECT_EQ(device.at("isBlocked"), true);
}

TEST_F(DeviceTest, CreateDefaultsToUnblockedWithNullData) {
  Register("create-defaults", {{"name", "Defaults"}});
  const auto device = Fetch("create-defaults");
  EXPECT_EQ(device.at("isBlocked"), false);
  EXPECT_TRUE(device.at("data").is_null());
}

TEST_F(DeviceTest, CreateWithoutNetworkUsesTheCallersFirstNetwork) {
  Register("default-net-admin", {{"name", "Admin default"}});
  EXPECT_EQ(Fetch("default-net-admin").at("networkId"), 1) << "the admin is linked to network 1";

  const int64_t lower = CreateNetwork("device-default-network-1");
  const int64_t higher = CreateNetwork("device-default-network-2");
  const int64_t user = CreateUser("default-net-client", "client-pass-1", 1);
  auto admin = Admin();
  const std::string links = "/api/rest/user/" + std::to_string(user) + "/network/";
  ASSERT_EQ(admin.Put(links + std::to_string(higher), "").status, 204);
  ASSERT_EQ(admin.Put(links + std::to_string(lower), "").status, 204);
  const auto token = Login(port(), "default-net-client", "client-pass-1");
  ASSERT_FALSE(token.empty());
  const auto result = Put(As(token), "default-net-client-dev", {{"name", "Client default"}});
  ASSERT_EQ(result.status, 204) << result.body;
  EXPECT_EQ(Fetch("default-net-client-dev").at("networkId"), lower);
}

TEST_F(DeviceTest, CreateWithoutDeviceTypeUsesTheLowestTypeId) {
  Register("default-type", {{"name", "Typed by default"}});
  EXPECT_EQ(Fetch("default-type").at("deviceTypeId"), 1);
}

TEST_F(DeviceTest, CreateWithoutNameIsRejected) {
  const auto result = Put(Admin(), "create-no-name", {{"data", {{"a", 1}}}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result),
            "Error! Make sure, that the passed object is correct and properly structured. "
            "Validation failed: \nOn property name (value: null): name field cannot be null. ; ");
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/create-no-name").status, 404);
}

TEST_F(DeviceTest, CreateWithAnEmptyOrOverlongNameIsRejected) {
  const auto empty = Put(Admin(), "create-empty-name", {{"name", ""}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(MessageOf(empty),
            "Error! Make sure, that the passed object is correct and properly structured. "
            "Validation failed: \nOn property name (value: ): Field cannot be empty. The length "
            "of name should not be more than 128 symbols. ; ");
  const auto overlong = Put(Admin(), "create-long-name", {{"name", std::string(129, 'n')}});
  EXPECT_EQ(overlong.status, 400);
  EXPECT_EQ(Put(Admin(), "create-max-name", {{"name", std::string(128, 'n')}}).status, 204);
}

TEST_F(DeviceTest, UnknownNetworkOrDeviceTypeIsRejected) {
  const auto network = Put(Admin(), "unknown-network", {{"name", "x"}, {"networkId", 987654}});
  EXPECT_EQ(network.status, 400);
  EXPECT_EQ(MessageOf(network), "Invalid request parameters");
  const auto type = Put(Admin(), "unknown-type", {{"name", "x"}, {"deviceTypeId", 987654}});
  EXPECT_EQ(type.status, 400);
  EXPECT_EQ(MessageOf(type), "Invalid request parameters");
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/unknown-network").status, 404);
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/unknown-type").status, 404);
}

TEST_F(DeviceTest, IdsWithCharactersOtherThanLettersDigitsAndDashesAreRejected) {
  for (const char* id : {"bad_id", "bad.id", "bad%20id", "bad%21", "caf%C3%A9"}) {
    const auto result = Put(Admin(), id, {{"name", "x"}});
    EXPECT_EQ(result.status, 400) << id;
    EXPECT_EQ(MessageOf(result), "Device Id can only contain letters, digits and dashes.") << id;
  }
  EXPECT_EQ(Put(Admin(), "Good-Id-0123456789", {{"name", "x"}}).status, 204);
}

TEST_F(DeviceTest, IdsLongerThan48CharactersAreRejected) {
  const std::string longest(48, 'a');
  EXPECT_EQ(Put(Admin(), longest, {{"name", "x"}}).status, 204);
  const std::string too_long(49, 'a');
  const auto result = Put(Admin(), too_long, {{"name", "x"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result),
            "Error! Make sure, that the passed object is correct and properly structured. "
            "Validation failed: \nOn property id (value: " +
                too_long +
                "): Field cannot be empty. The length of guid should not be more than 48 "
                "symbols. ; ");
}

TEST_F(DeviceTest, MissingBodyIsRejected) {
  for (const char* body : {"", "null", "  "}) {
    const auto result = Admin().Put(std::string(kDevices) + "/no-body", body);
    EXPECT_EQ(result.status, 400) << "'" << body << "'";
    EXPECT_EQ(MessageOf(result), "Error! Validation failed: \nObject is null") << body;
  }
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/no-body").status, 404);
}

TEST_F(DeviceTest, MalformedJsonIsRejected) {
  const auto result = Admin().Put(std::string(kDevices) + "/bad-json", R"({"name": )");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Invalid request parameters");
}

TEST_F(DeviceTest, DataThatIsNotAnObjectIsRejected) {
  for (const char* data : {R"("text")", "42", "[1,2]", "true"}) {
    const auto result = Admin().Put(std::string(kDevices) + "/data-not-object",
                                    std::string(R"({"name":"x","data":)") + data + "}");
    EXPECT_EQ(result.status, 400) << data;
    EXPECT_EQ(MessageOf(result), "'parameters' must be JSON Object!") << data;
  }
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/data-not-object").status, 404);
}

TEST_F(DeviceTest, FieldsOfTheWrongTypeAreRejected) {
  for (const char* body :
       {R"({"name":"x","isBlocked":"maybe"})", R"({"name":"x","networkId":"one"})",
        R"({"name":"x","deviceTypeId":[1]})", R"({"name":{"first":"x"}})"}) {
    const auto result = Admin().Put(std::string(kDevices) + "/wrong-types", body);
    EXPECT_EQ(result.status, 400) << body;
    EXPECT_EQ(MessageOf(result), "Invalid request parameters") << body;
  }
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/wrong-types").status, 404);
}

// --- PUT /device/{id}: update -------------------------------------------------------------

TEST_F(DeviceTest, UpdateAnswers204) {
  Register("update-204", {{"name", "Before"}});
  const auto result = Put(Admin(), "update-204", {{"name", "After"}});
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_EQ(Fetch("update-204").at("name"), "After");
}

TEST_F(DeviceTest, UpdateWithoutDataClearsIt) {
  Register("update-clears-data", {{"name", "Has data"}, {"data", {{"a", 1}}}});
  Register("update-clears-data", {{"name", "Has data"}});
  EXPECT_TRUE(Fetch("update-clears-data").at("data").is_null());
}

TEST_F(DeviceTest, UpdateReplacesDataRatherThanMergingIt) {
  Register("update-replaces-data", {{"name", "d"}, {"data", {{"a", 1}, {"b", 2}}}});
  Register("update-replaces-data", {{"data", {{"c", 3}}}});
  EXPECT_EQ(Fetch("update-replaces-data").at("data"), (json::object{{"c", 3}}));
}

TEST_F(DeviceTest, UpdateWithoutNameKeepsIt) {
  Register("update-keeps-name", {{"name", "Kept name"}});
  Register("update-keeps-name", {{"data", {{"x", true}}}});
  const auto device = Fetch("update-keeps-name");
  EXPECT_EQ(device.at("name"), "Kept name");
  EXPECT_EQ(device.at("data"), (json::object{{"x", true}}));
}

TEST_F(DeviceTest, UpdateWithANullNameKeepsIt) {
  Register("update-null-name", {{"name", "Not null"}});
  Register("update-null-name", {{"name", nullptr}});
  EXPECT_EQ(Fetch("update-null-name").at("name"), "Not null");
}

TEST_F(DeviceTest, UpdateWithNullDataClearsIt) {
  Register("update-null-data", {{"name", "n"}, {"data", {{"a", 1}}}});
  Register("update-null-data", {{"data", nullptr}});
  EXPECT_TRUE(Fetch("update-null-data").at("data").is_null());
}

TEST_F(DeviceTest, UpdateKeepsNetworkTypeAndBlockedFlagWhenOmitted) {
  const int64_t network = CreateNetwork("device-update-keeps");
  Register("update-keeps-rest",
           {{"name", "n"}, {"networkId", network}, {"deviceTypeId", 3}, {"isBlocked", true}});
  Register("update-keeps-rest", {{"name", "n2"}});
  const auto device = Fetch("update-keeps-rest");
  EXPECT_EQ(device.at("networkId"), network) << "not moved to the caller's default network";
  EXPECT_EQ(device.at("deviceTypeId"), 3) << "not reset to the default device type";
  EXPECT_EQ(device.at("isBlocked"), true);
}

TEST_F(DeviceTest, UpdateMovesTheDeviceWhenGivenANetworkAndType) {
  const int64_t from = CreateNetwork("device-move-from");
  const int64_t to = CreateNetwork("device-move-to");
  Register("update-moves", {{"name", "mover"}, {"networkId", from}, {"deviceTypeId", 2}});
  Register("update-moves", {{"networkId", to}, {"deviceTypeId", 6}, {"isBlocked", true}});
  const auto device = Fetch("update-moves");
  EXPECT_EQ(device.at("networkId"), to);
  EXPECT_EQ(device.at("deviceTypeId"), 6);
  EXPECT_EQ(device.at("isBlocked"), true);
  EXPECT_EQ(device.at("name"), "mover");
  EXPECT_EQ(ListIds(Net(from)), Ids{});
  EXPECT_EQ(ListIds(Net(to)), Ids{"update-moves"});
}

TEST_F(DeviceTest, UpdateToAnUnknownNetworkIsRejectedAndChangesNothing) {
  const int64_t network = CreateNetwork("device-update-unknown-net");
  Register("update-unknown-net", {{"name", "stays"}, {"networkId", network}});
  const auto result =
      Put(Admin(), "update-unknown-net", {{"name", "moved"}, {"networkId", 987654}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Invalid request parameters");
  const auto device = Fetch("update-unknown-net");
  EXPECT_EQ(device.at("name"), "stays");
  EXPECT_EQ(device.at("networkId"), network);
}

// --- DELETE /device/{id} ------------------------------------------------------------------

TEST_F(DeviceTest, DeleteRemovesTheDevice) {
  Register("delete-me", {{"name", "doomed"}});
  const auto result = Admin().Delete(std::string(kDevices) + "/delete-me");
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_TRUE(result.body.empty());
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/delete-me").status, 404);
  EXPECT_EQ(ListIds("name=doomed"), Ids{});
}

TEST_F(DeviceTest, DeleteOfAnUnknownDeviceIsNotFound) {
  const auto result = Admin().Delete(std::string(kDevices) + "/never-existed");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = never-existed not found");
}

TEST_F(DeviceTest, ADeletedIdCanBeRegisteredAgain) {
  Register("reborn", {{"name", "first life"}, {"data", {{"life", 1}}}});
  ASSERT_EQ(Admin().Delete(std::string(kDevices) + "/reborn").status, 204);
  Register("reborn", {{"name", "second life"}});
  const auto device = Fetch("reborn");
  EXPECT_EQ(device.at("name"), "second life");
  EXPECT_TRUE(device.at("data").is_null());
}

}  // namespace
}  // namespace dh::test
