// /devicetype (spec §3.5): the network resource's shape with device-type messages.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "server_test.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

constexpr const char* kTypes = "/api/rest/devicetype";
constexpr const char* kValidationPrefix =
    "Error! Make sure, that the passed object is correct and properly structured. Validation "
    "failed: \n";

class DeviceTypeTest : public ServerTest {
 protected:
  static std::string PathOf(int64_t id) { return std::string(kTypes) + "/" + std::to_string(id); }
  static HttpResult Post(const json::object& body) {
    return Admin().Post(kTypes, json::serialize(body));
  }
  static int64_t CreateType(const std::string& name) {
    const auto result = Post({{"name", name}});
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static json::object Fetch(int64_t id) {
    const auto result = Admin().Get(PathOf(id));
    EXPECT_EQ(result.status, 200) << id << ": " << result.body;
    return result.status == 200 ? result.json().as_object() : json::object{};
  }
  static void AddDevice(const std::string& id, int64_t type) {
    const auto result =
        Admin().Put("/api/rest/device/" + id,
                    json::serialize(json::object{{"name", id + " name"}, {"deviceTypeId", type}}));
    ASSERT_EQ(result.status, 204) << result.body;
  }
  static std::vector<std::string> ListNames(const std::string& query) {
    const auto result = Admin().Get(std::string(kTypes) + "?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    std::vector<std::string> names;
    if (result.status != 200) return names;
    const auto listed = result.json();
    for (const auto& type : listed.as_array()) {
      names.emplace_back(type.at("name").as_string());
    }
    return names;
  }
  static int64_t CountOf(const std::string& query) {
    const auto result = Admin().Get(std::string(kTypes) + "/count?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    return result.status == 200 ? result.json().at("count").as_int64() : -1;
  }
};

using Names = std::vector<std::string>;

TEST_F(DeviceTypeTest, TheEightSeededTypesComeFirstById) {
  EXPECT_EQ(ListNames("sortField=ID&take=8"),
            (Names{"Default Device Type", "Cameras", "Lightning", "Door Locks", "Thermostats",
                   "Entertainment", "Cars", "Cooking"}));
  const auto result = Admin().Get(std::string(kTypes) + "?name=Cameras");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"([{"id":2,"name":"Cameras",
      "description":"Enable your smart home cameras to enable real time streaming"}])"));
}

TEST_F(DeviceTypeTest, CreateAnswers201WithOnlyTheId) {
  const auto result = Post({{"name", "type-create"}, {"description", "a type"}});
  ASSERT_EQ(result.status, 201) << result.body;
  const auto body = result.json().as_object();
  ASSERT_EQ(body.size(), 1u) << result.body;
  const int64_t id = body.at("id").as_int64();
  EXPECT_GT(id, 8);
  EXPECT_EQ(Fetch(id),
            json::parse(R"({"id":)" + std::to_string(id) +
                        R"(,"name":"type-create","description":"a type","devices":[]})"));
}

TEST_F(DeviceTypeTest, CreateWithADuplicateNameIsForbidden) {
  const auto seeded = Post({{"name", "Cameras"}});
  EXPECT_EQ(seeded.status, 403);
  EXPECT_EQ(MessageOf(seeded),
            "Device type cannot be created. Device type with such name already exists");
  CreateType("type-duplicate");
  const auto again = Post({{"name", "type-duplicate"}});
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(again.json(), json::parse(R"({"error":403,
      "message":"Device type cannot be created. Device type with such name already exists"})"));
}

TEST_F(DeviceTypeTest, CreateWithAnIdIsRejected) {
  const auto result = Post({{"id", 77}, {"name", "type-with-id"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Invalid request parameters. Id cannot be specified.");
  EXPECT_EQ(CountOf("name=type-with-id"), 0);
}

TEST_F(DeviceTypeTest, CreateWithoutNameIsRejected) {
  const auto result = Post({{"description", "nameless"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), std::string(kValidationPrefix) +
                                   "On property name (value: null): name field cannot be null. ; ");
}

TEST_F(DeviceTypeTest, GetShowsThePublishedViewWithDevicesOfThatType) {
  const int64_t id = CreateType("type-published");
  AddDevice("type-published-dev", id);
  const auto result = Admin().Get(PathOf(id));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::parse(R"({"id":)" + std::to_string(id) +
                                       R"(,"name":"type-published","description":null,"devices":[
      {"id":"type-published-dev","name":"type-published-dev name","data":null,
       "isBlocked":false}]})"));
}

TEST_F(DeviceTypeTest, GetOfAnUnknownTypeIsNotFound) {
  const auto result = Admin().Get(PathOf(987654));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device type with id = 987654 not found");
}

TEST_F(DeviceTypeTest, ListAndCountFilterByNameAndPattern) {
  for (const char* name : {"typefilter-x1", "typefilter-x2", "typefilter-y1"}) CreateType(name);
  EXPECT_EQ(ListNames("name=typefilter-y1"), Names{"typefilter-y1"});
  EXPECT_EQ(ListNames("namePattern=typefilter-x%25&sortField=Name"),
            (Names{"typefilter-x1", "typefilter-x2"}));
  EXPECT_EQ(ListNames("namePattern=typefilter-_1&sortField=Name&sortOrder=DESC"),
            (Names{"typefilter-y1", "typefilter-x1"}));
  EXPECT_EQ(CountOf("namePattern=typefilter-%25"), 3);
  EXPECT_EQ(CountOf("name=typefilter-x2"), 1);
}

TEST_F(DeviceTypeTest, SortByIdOrNameInBothOrders) {
  for (const char* name : {"typesort-b", "typesort-c", "typesort-a"}) CreateType(name);
  EXPECT_EQ(ListNames("namePattern=typesort-%25&sortField=ID"),
            (Names{"typesort-b", "typesort-c", "typesort-a"}));
  EXPECT_EQ(ListNames("namePattern=typesort-%25&sortField=ID&sortOrder=DESC"),
            (Names{"typesort-a", "typesort-c", "typesort-b"}));
  EXPECT_EQ(ListNames("namePattern=typesort-%25&sortField=Name"),
            (Names{"typesort-a", "typesort-b", "typesort-c"}));
  EXPECT_EQ(ListNames("namePattern=typesort-%25&sortField=name&sortOrder=desc&take=2"),
            (Names{"typesort-c", "typesort-b"}));
  EXPECT_EQ(ListNames("namePattern=typesort-%25&sortField=Name&skip=1&take=1"),
            Names{"typesort-b"});
}

TEST_F(DeviceTypeTest, BadSortParametersAreRejected) {
  const auto field = Admin().Get(std::string(kTypes) + "?sortField=Network");
  EXPECT_EQ(field.status, 400);
  EXPECT_EQ(MessageOf(field), "Invalid request parameters");
  const auto order = Admin().Get(std::string(kTypes) + "?sortOrder=random");
  EXPECT_EQ(order.status, 400);
  EXPECT_EQ(MessageOf(order), "Unparseable sort order : random");
}

TEST_F(DeviceTypeTest, UpdateChangesOnlyTheGivenFields) {
  const auto created = Post({{"name", "type-update"}, {"description", "before"}});
  ASSERT_EQ(created.status, 201);
  const int64_t id = created.json().at("id").as_int64();
  const auto result = Admin().Put(PathOf(id), R"({"description":"after"})");
  EXPECT_EQ(result.status, 204) << result.body;
  auto type = Fetch(id);
  EXPECT_EQ(type.at("name"), "type-update");
  EXPECT_EQ(type.at("description"), "after");
  EXPECT_EQ(Admin().Put(PathOf(id), R"({"name":"type-updated"})").status, 204);
  type = Fetch(id);
  EXPECT_EQ(type.at("name"), "type-updated");
  EXPECT_EQ(type.at("description"), "after");
}

TEST_F(DeviceTypeTest, UpdateOfAnUnknownTypeIsNotFound) {
  const auto result = Admin().Put(PathOf(987654), R"({"name":"ghost"})");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device type with id = 987654 not found");
}

TEST_F(DeviceTypeTest, DeleteRemovesAnUnusedType) {
  const int64_t id = CreateType("type-delete");
  EXPECT_EQ(Admin().Delete(PathOf(id)).status, 204);
  EXPECT_EQ(Admin().Get(PathOf(id)).status, 404);
  const auto again = Admin().Delete(PathOf(id));
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(MessageOf(again), "Device type with id = " + std::to_string(id) + " not found");
}

TEST_F(DeviceTypeTest, DeleteIsRefusedWhileDevicesRemain) {
  const int64_t id = CreateType("type-delete-refused");
  AddDevice("type-refused-dev", id);
  const auto result = Admin().Delete(PathOf(id) + "?force=false");
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result),
            "There are the following devices within this device type: type-refused-dev. Please "
            "review and delete them first.");
  EXPECT_EQ(Admin().Get("/api/rest/device/type-refused-dev").status, 200);
}

TEST_F(DeviceTypeTest, ForcedDeleteRemovesTheDevicesToo) {
  const int64_t id = CreateType("type-delete-forced");
  AddDevice("type-forced-dev", id);
  EXPECT_EQ(Admin().Delete(PathOf(id) + "?force=true").status, 204);
  EXPECT_EQ(Admin().Get(PathOf(id)).status, 404);
  EXPECT_EQ(Admin().Get("/api/rest/device/type-forced-dev").status, 404);
}

}  // namespace
}  // namespace dh::test
