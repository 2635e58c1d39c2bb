// /network (spec §3.4): list, count, get with devices, create, update, delete (with force).
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "server_test.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

constexpr const char* kNetworks = "/api/rest/network";
constexpr const char* kValidationPrefix =
    "Error! Make sure, that the passed object is correct and properly structured. Validation "
    "failed: \n";

class NetworkTest : public ServerTest {
 protected:
  static std::string PathOf(int64_t id) {
    return std::string(kNetworks) + "/" + std::to_string(id);
  }
  static HttpResult Post(const json::object& body) {
    return Admin().Post(kNetworks, json::serialize(body));
  }
  static HttpResult Update(int64_t id, const json::object& body) {
    return Admin().Put(PathOf(id), json::serialize(body));
  }
  static json::object Fetch(int64_t id) {
    const auto result = Admin().Get(PathOf(id));
    EXPECT_EQ(result.status, 200) << id << ": " << result.body;
    return result.status == 200 ? result.json().as_object() : json::object{};
  }
  static void AddDevice(const std::string& id, int64_t network) {
    const auto result =
        Admin().Put("/api/rest/device/" + id,
                    json::serialize(json::object{{"name", id + " name"}, {"networkId", network}}));
    ASSERT_EQ(result.status, 204) << result.body;
  }
  // The names a GET /network?<query> lists, in order.
  static std::vector<std::string> ListNames(const std::string& query) {
    const auto result = Admin().Get(std::string(kNetworks) + "?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    std::vector<std::string> names;
    if (result.status != 200) return names;
    const auto listed = result.json();
    for (const auto& network : listed.as_array()) {
      names.emplace_back(network.at("name").as_string());
    }
    return names;
  }
  static int64_t CountOf(const std::string& query) {
    const auto result = Admin().Get(std::string(kNetworks) + "/count?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    return result.status == 200 ? result.json().at("count").as_int64() : -1;
  }
};

using Names = std::vector<std::string>;

// --- create -------------------------------------------------------------------------------

TEST_F(NetworkTest, CreateAnswers201WithOnlyTheId) {
  const auto result = Post({{"name", "net-create"}, {"description", "made by a test"}});
  ASSERT_EQ(result.status, 201) << result.body;
  const auto body = result.json().as_object();
  ASSERT_EQ(body.size(), 1u) << result.body;
  const int64_t id = body.at("id").as_int64();
  EXPECT_GT(id, 1);
  const auto network = Fetch(id);
  EXPECT_EQ(network.at("name"), "net-create");
  EXPECT_EQ(network.at("description"), "made by a test");
}

TEST_F(NetworkTest, CreatingANetworkDoesNotLinkItToTheCreator) {
  const int64_t id = CreateNetwork("net-not-linked");
  const auto link = Admin().Get("/api/rest/user/1/network/" + std::to_string(id));
  EXPECT_EQ(link.status, 404);
  EXPECT_EQ(MessageOf(link),
            "Network with id " + std::to_string(id) + " for user with id 1 was not found");
  const auto device = Admin().Put("/api/rest/device/net-not-linked-dev", R"({"name":"d"})");
  ASSERT_EQ(device.status, 204) << device.body;
  EXPECT_EQ(Admin().Get("/api/rest/device/net-not-linked-dev").json().at("networkId"), 1)
      << "the admin's default network is still its only linked one";
}

TEST_F(NetworkTest, CreateWithoutDescriptionStoresNull) {
  const int64_t id = CreateNetwork("net-no-description");
  EXPECT_TRUE(Fetch(id).at("description").is_null());
}

TEST_F(NetworkTest, CreateWithADuplicateNameIsForbidden) {
  CreateNetwork("net-duplicate");
  const auto result = Post({{"name", "net-duplicate"}});
  EXPECT_EQ(result.status, 403);
  EXPECT_EQ(result.json(), json::parse(R"({"error":403,
      "message":"Network cannot be created. Network with such name already exists"})"));
  EXPECT_EQ(CountOf("name=net-duplicate"), 1);
}

TEST_F(NetworkTest, CreateWithAnIdIsRejected) {
  const auto result = Post({{"id", 4242}, {"name", "net-with-id"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Invalid request parameters. Id cannot be specified.");
  EXPECT_EQ(CountOf("name=net-with-id"), 0);
}

TEST_F(NetworkTest, CreateWithoutNameIsRejected) {
  const auto result = Post({{"description", "nameless"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), std::string(kValidationPrefix) +
                                   "On property name (value: null): name field cannot be null. ; ");
}

TEST_F(NetworkTest, CreateWithAnEmptyOrOverlongNameIsRejected) {
  const auto empty = Post({{"name", ""}});
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(MessageOf(empty), std::string(kValidationPrefix) +
                                  "On property name (value: ): Field cannot be empty. The length "
                                  "of name should not be more than 128 symbols. ; ");
  const std::string long_name(129, 'x');
  const auto overlong = Post({{"name", long_name}});
  EXPECT_EQ(overlong.status, 400);
  EXPECT_EQ(MessageOf(overlong), std::string(kValidationPrefix) +
                                     "On property name (value: " + long_name +
                                     "): Field cannot be empty. The length of name should not be "
                                     "more than 128 symbols. ; ");
}

TEST_F(NetworkTest, CreateWithAnOverlongDescriptionIsRejected) {
  const std::string description(129, 'd');
  const auto result = Post({{"name", "net-long-description"}, {"description", description}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), std::string(kValidationPrefix) +
                                   "On property description (value: " + description +
                                   "): The length of description should not be more than 128 "
                                   "symbols. ; ");
}

TEST_F(NetworkTest, CreateWithoutABodyIsRejected) {
  const auto result = Admin().Post(kNetworks, "");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Error! Validation failed: \nObject is null");
}

// --- get ----------------------------------------------------------------------------------

TEST_F(NetworkTest, GetShowsThePublishedViewWithDevices) {
  const int64_t id = CreateNetwork("net-published");
  AddDevice("net-published-a", id);
  AddDevice("net-published-b", id);
  const auto result = Admin().Get(PathOf(id));
  ASSERT_EQ(result.status, 200) << result.body;
  const auto expected = json::parse(R"({"id":)" + std::to_string(id) +
                                    R"(,"name":"net-published","description":null,"devices":[
      {"id":"net-published-a","name":"net-published-a name","data":null,"isBlocked":false},
      {"id":"net-published-b","name":"net-published-b name","data":null,"isBlocked":false}]})");
  EXPECT_EQ(result.json(), expected);
}

TEST_F(NetworkTest, GetOfAnEmptyNetworkHasNoDevices) {
  const int64_t id = CreateNetwork("net-empty");
  EXPECT_EQ(Fetch(id).at("devices"), json::array{});
}

TEST_F(NetworkTest, GetOfAnUnknownNetworkIsNotFound) {
  const auto result = Admin().Get(PathOf(987654));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Network with id = 987654 not found");
}

TEST_F(NetworkTest, NonNumericIdIsRejected) {
  const auto result = Admin().Get(std::string(kNetworks) + "/abc");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Invalid request parameters");
}

// --- list and count -----------------------------------------------------------------------

TEST_F(NetworkTest, ListShowsIdNameAndDescriptionOnly) {
  const int64_t id = CreateNetwork("net-listed-view");
  const auto result = Admin().Get(std::string(kNetworks) + "?name=net-listed-view");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"([{"id":)" + std::to_string(id) +
                                       R"(,"name":"net-listed-view","description":null}])"));
}

TEST_F(NetworkTest, ListIncludesTheSampleNetwork) {
  const auto result = Admin().Get(std::string(kNetworks) + "?name=Sample%20Network");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"([{"id":1,"name":"Sample Network",
      "description":"A DeviceHive Sample Network"}])"));
}

TEST_F(NetworkTest, ListFiltersByNameAndPattern) {
  for (const char* name : {"netfilter-a1", "netfilter-a2", "netfilter-b1"}) CreateNetwork(name);
  EXPECT_EQ(ListNames("name=netfilter-a1"), Names{"netfilter-a1"});
  EXPECT_EQ(ListNames("namePattern=netfilter-a%25&sortField=Name"),
            (Names{"netfilter-a1", "netfilter-a2"}));
  EXPECT_EQ(ListNames("namePattern=netfilter-_1&sortField=Name"),
            (Names{"netfilter-a1", "netfilter-b1"}));
  EXPECT_EQ(ListNames("namePattern=NETFILTER%25"), Names{});
}

TEST_F(NetworkTest, CountAppliesTheNameFilters) {
  for (const char* name : {"netcount-1", "netcount-2", "netcount-3"}) CreateNetwork(name);
  const auto result = Admin().Get(std::string(kNetworks) + "/count?namePattern=netcount-%25");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"({"count":3})"));
  EXPECT_EQ(CountOf("name=netcount-2"), 1);
  EXPECT_EQ(CountOf("name=netcount-9"), 0);
  EXPECT_EQ(CountOf(""), static_cast<int64_t>(ListNames("").size()));
}

TEST_F(NetworkTest, SortByIdInBothOrders) {
  for (const char* name : {"netsortid-b", "netsortid-c", "netsortid-a"}) CreateNetwork(name);
  EXPECT_EQ(ListNames("namePattern=netsortid-%25&sortField=ID"),
            (Names{"netsortid-b", "netsortid-c", "netsortid-a"}));
  EXPECT_EQ(ListNames("namePattern=netsortid-%25&sortField=id&sortOrder=DESC"),
            (Names{"netsortid-a", "netsortid-c", "netsortid-b"}));
}

TEST_F(NetworkTest, SortByNameInBothOrders) {
  for (const char* name : {"netsortname-b", "netsortname-c", "netsortname-a"}) {
    CreateNetwork(name);
  }
  EXPECT_EQ(ListNames("namePattern=netsortname-%25&sortField=Name&sortOrder=ASC"),
            (Names{"netsortname-a", "netsortname-b", "netsortname-c"}));
  EXPECT_EQ(ListNames("namePattern=netsortname-%25&sortField=NAME&sortOrder=desc"),
            (Names{"netsortname-c", "netsortname-b", "netsortname-a"}));
}

TEST_F(NetworkTest, TakeAndSkipPageThroughTheSortedList) {
  for (const char* name : {"netpage-1", "netpage-2", "netpage-3"}) CreateNetwork(name);
  const std::string sorted = "namePattern=netpage-%25&sortField=Name";
  EXPECT_EQ(ListNames(sorted + "&take=2"), (Names{"netpage-1", "netpage-2"}));
  EXPECT_EQ(ListNames(sorted + "&take=1&skip=1"), Names{"netpage-2"});
  EXPECT_EQ(ListNames(sorted + "&skip=2"), Names{"netpage-3"});
}

TEST_F(NetworkTest, BadSortParametersAreRejected) {
  const auto field = Admin().Get(std::string(kNetworks) + "?sortField=description");
  EXPECT_EQ(field.status, 400);
  EXPECT_EQ(MessageOf(field), "Invalid request parameters");
  const auto order = Admin().Get(std::string(kNetworks) + "?sortField=ID&sortOrder=up");
  EXPECT_EQ(order.status, 400);
  EXPECT_EQ(MessageOf(order), "Unparseable sort order : up");
  const auto take = Admin().Get(std::string(kNetworks) + "?take=-5");
  EXPECT_EQ(take.status, 400);
  EXPECT_EQ(MessageOf(take), "take must be greater than or equal to 0");
}

// --- update -------------------------------------------------------------------------------

TEST_F(NetworkTest, UpdateChangesOnlyTheGivenFields) {
  const auto created = Post({{"name", "net-update"}, {"description", "old description"}});
  ASSERT_EQ(created.status, 201);
  const int64_t id = created.json().at("id").as_int64();

  const auto described = Update(id, {{"description", "new description"}});
  EXPECT_EQ(described.status, 204) << described.body;
  EXPECT_TRUE(described.body.empty());
  auto network = Fetch(id);
  EXPECT_EQ(network.at("name"), "net-update");
  EXPECT_EQ(network.at("description"), "new description");

  EXPECT_EQ(Update(id, {{"name", "net-updated"}}).status, 204);
  network = Fetch(id);
  EXPECT_EQ(network.at("name"), "net-updated");
  EXPECT_EQ(network.at("description"), "new description");
}

TEST_F(NetworkTest, UpdateIgnoresAnIdInTheBody) {
  const int64_t id = CreateNetwork("net-update-id");
  EXPECT_EQ(Update(id, {{"id", 987654}, {"name", "net-update-id-2"}}).status, 204);
  EXPECT_EQ(Fetch(id).at("name"), "net-update-id-2");
  EXPECT_EQ(Admin().Get(PathOf(987654)).status, 404);
}

TEST_F(NetworkTest, UpdateOfAnUnknownNetworkIsNotFound) {
  const auto result = Update(987654, {{"name", "ghost"}});
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Network with id = 987654 not found");
}

TEST_F(NetworkTest, UpdateToAnEmptyNameIsRejected) {
  const int64_t id = CreateNetwork("net-update-empty");
  const auto result = Update(id, {{"name", ""}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), std::string(kValidationPrefix) +
                                   "On property name (value: ): Field cannot be empty. The length "
                                   "of name should not be more than 128 symbols. ; ");
  EXPECT_EQ(Fetch(id).at("name"), "net-update-empty");
}

TEST_F(NetworkTest, UpdateToAnotherNetworksNameIsAConflict) {
  CreateNetwork("net-update-taken");
  const int64_t id = CreateNetwork("net-update-taker");
  const auto result = Update(id, {{"name", "net-update-taken"}});
  EXPECT_EQ(result.status, 409);
  EXPECT_EQ(MessageOf(result),
            "Posted data conflicts with internal state. Retry again if you are sure that data is "
            "correct. Consider not forcing server to do implicit operations, e.g. avoid device "
            "class or network updates or replacing equipment set during device registration.");
  EXPECT_EQ(Fetch(id).at("name"), "net-update-taker");
}

// --- delete -------------------------------------------------------------------------------

TEST_F(NetworkTest, DeleteRemovesAnEmptyNetwork) {
  const int64_t id = CreateNetwork("net-delete-empty");
  const auto result = Admin().Delete(PathOf(id));
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_EQ(Admin().Get(PathOf(id)).status, 404);
}

TEST_F(NetworkTest, DeleteOfAnUnknownNetworkIsNotFound) {
  const auto result = Admin().Delete(PathOf(987654));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Network with id = 987654 not found");
}

TEST_F(NetworkTest, DeleteIsRefusedWhileDevicesRemain) {
  const int64_t id = CreateNetwork("net-delete-refused");
  AddDevice("net-refused-a", id);
  AddDevice("net-refused-b", id);
  for (const std::string query : {"", "?force=false"}) {
    const auto result = Admin().Delete(PathOf(id) + query);
    EXPECT_EQ(result.status, 400) << query;
    const auto message = MessageOf(result);
    EXPECT_TRUE(message ==
                    "There are the following devices within this network: net-refused-a, "
                    "net-refused-b. Please review and delete them first." ||
                message ==
                    "There are the following devices within this network: net-refused-b, "
                    "net-refused-a. Please review and delete them first.")
        << message;
  }
  EXPECT_EQ(Fetch(id).at("devices").as_array().size(), 2u);
}

TEST_F(NetworkTest, ForcedDeleteRemovesTheDevicesToo) {
  const int64_t id = CreateNetwork("net-delete-forced");
  AddDevice("net-forced-a", id);
  AddDevice("net-forced-b", id);
  const auto result = Admin().Delete(PathOf(id) + "?force=true");
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_EQ(Admin().Get(PathOf(id)).status, 404);
  for (const char* device : {"net-forced-a", "net-forced-b"}) {
    EXPECT_EQ(Admin().Get(std::string("/api/rest/device/") + device).status, 404) << device;
  }
}

}  // namespace
}  // namespace dh::test
