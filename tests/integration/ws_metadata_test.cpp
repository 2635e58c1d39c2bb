// Metadata over the WebSocket API (spec §4.2): devices, networks, device types, users and their
// links, and configuration, with the response keys and error messages of the WebSocket
// handlers (which differ from REST in places: "current", the nested link wrappers).
#include <string>
#include <vector>

#include "ws_test.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;
using Keys = std::set<std::string>;

const Keys kEnvelope = {"action", "requestId", "status"};

Keys EnvelopeWith(std::initializer_list<const char*> extra) {
  Keys keys = kEnvelope;
  for (const char* key : extra) keys.emplace(key);
  return keys;
}

class WsMetadataTest : public WsTest {
 protected:
  static std::vector<std::string> Ids(const object& response, const char* key) {
    std::vector<std::string> ids;
    for (const auto& item : response.at(key).as_array()) {
      const auto& id = item.at("id");
      ids.push_back(id.is_string() ? std::string(id.as_string()) : boost::json::serialize(id));
    }
    return ids;
  }
};

// --- devices ------------------------------------------------------------------------------

TEST_F(WsMetadataTest, DeviceSaveGetCountListAndDelete) {
  const int64_t network = CreateNetwork("ws-meta-dev-net");
  auto ws = ConnectAdmin();
  const auto saved = ws.Request({{"action", "device/save"},
                                 {"deviceId", "ws-meta-dev-1"},
                                 {"device",
                                  {{"name", "Meta One"},
                                   {"data", {{"k", 1}}},
                                   {"networkId", network},
                                   {"deviceTypeId", 1}}}});
  ASSERT_TRUE(Succeeded(saved));
  EXPECT_EQ(KeysOf(saved), kEnvelope);

  const auto got = ws.Request({{"action", "device/get"}, {"deviceId", "ws-meta-dev-1"}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(KeysOf(got), EnvelopeWith({"device"}));
  EXPECT_EQ(got.at("device"), (object{{"id", "ws-meta-dev-1"},
                                      {"name", "Meta One"},
                                      {"data", {{"k", 1}}},
                                      {"networkId", network},
                                      {"deviceTypeId", 1},
                                      {"isBlocked", false}}));

  const auto count = ws.Request({{"action", "device/count"}, {"networkId", network}});
  ASSERT_TRUE(Succeeded(count));
  EXPECT_EQ(count.at("count"), 1);
  const auto listed = ws.Request({{"action", "device/list"}, {"name", "Meta One"}});
  ASSERT_TRUE(Succeeded(listed));
  EXPECT_EQ(Ids(listed, "devices"), std::vector<std::string>{"ws-meta-dev-1"});
  EXPECT_EQ(listed.at("devices").at(0), got.at("device"));

  const auto deleted = ws.Request({{"action", "device/delete"}, {"deviceId", "ws-meta-dev-1"}});
  EXPECT_TRUE(Succeeded(deleted));
  EXPECT_EQ(KeysOf(deleted), kEnvelope);
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "device/get"}, {"deviceId", "ws-meta-dev-1"}}), 404,
                         "Device with such deviceId = ws-meta-dev-1 not found"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "device/delete"}, {"deviceId", "ws-meta-dev-1"}}),
                         404, "Device with such deviceId = ws-meta-dev-1 not found"));
}

TEST_F(WsMetadataTest, DeviceSaveUpdatesAnExistingDevice) {
  const int64_t network = CreateNetwork("ws-meta-dev-update-net");
  RegisterDevice("ws-meta-dev-update", network);
  auto ws = ConnectAdmin();
  ASSERT_TRUE(Succeeded(ws.Request({{"action", "device/save"},
                                    {"deviceId", "ws-meta-dev-update"},
                                    {"device", {{"name", "Renamed"}, {"isBlocked", true}}}})));
  const auto rest = Admin().Get("/api/rest/device/ws-meta-dev-update");
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(rest.json().at("name"), "Renamed");
  EXPECT_EQ(rest.json().at("isBlocked"), true);
}

TEST_F(WsMetadataTest, DeviceActionsWithoutADeviceIdAreBadRequests) {
  auto ws = ConnectAdmin();
  for (const char* action : {"device/get", "device/delete", "device/save"}) {
    EXPECT_TRUE(FailedWith(ws.Request({{"action", action}}), 400, "Device id is wrong or empty"))
        << action;
    EXPECT_TRUE(FailedWith(ws.Request({{"action", action}, {"deviceId", ""}}), 400,
                           "Device id is wrong or empty"))
        << action;
  }
}

TEST_F(WsMetadataTest, DeviceListTakesTwentyByDefaultAndSortsOnRequest) {
  const int64_t network = CreateNetwork("ws-meta-dev-page-net");
  for (int i = 0; i < 22; ++i) {
    const std::string suffix = (i < 10 ? "0" : "") + std::to_string(i);
    RegisterDevice("ws-meta-page-" + suffix, network);
  }
  auto ws = ConnectAdmin();
  const auto first = ws.Request({{"action", "device/list"}, {"networkId", network}});
  ASSERT_TRUE(Succeeded(first));
  EXPECT_EQ(first.at("devices").as_array().size(), 20u);
  const auto all = ws.Request({{"action", "device/list"}, {"networkId", network}, {"take", 100}});
  ASSERT_TRUE(Succeeded(all));
  EXPECT_EQ(all.at("devices").as_array().size(), 22u);
  const auto last = ws.Request({{"action", "device/list"},
                                {"networkId", network},
                                {"sortField", "name"},
                                {"sortOrder", "DESC"},
                                {"take", 2},
                                {"skip", 1}});
  ASSERT_TRUE(Succeeded(last));
  EXPECT_EQ(Ids(last, "devices"), (std::vector<std::string>{"ws-meta-page-20", "ws-meta-page-19"}));
  const auto pattern = ws.Request({{"action", "device/count"}, {"namePattern", "ws-meta-page-1%"}});
  ASSERT_TRUE(Succeeded(pattern));
  EXPECT_EQ(pattern.at("count"), 10);
}

// --- networks and device types ------------------------------------------------------------

TEST_F(WsMetadataTest, NetworkInsertGetListCountUpdateAndDelete) {
  auto ws = ConnectAdmin();
  const auto inserted =
      ws.Request({{"action", "network/insert"},
                  {"network", {{"name", "ws-meta-net"}, {"description", "made over websocket"}}}});
  ASSERT_TRUE(Succeeded(inserted));
  EXPECT_EQ(KeysOf(inserted), EnvelopeWith({"network"}));
  EXPECT_EQ(KeysOf(inserted.at("network").as_object()), Keys{"id"});
  const int64_t id = inserted.at("network").at("id").as_int64();
  RegisterDevice("ws-meta-net-dev", id);

  const auto got = ws.Request({{"action", "network/get"}, {"networkId", id}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(got.at("network").at("name"), "ws-meta-net");
  EXPECT_EQ(got.at("network").at("description"), "made over websocket");
  EXPECT_EQ(KeysOf(got.at("network").as_object()), (Keys{"id", "name", "description", "devices"}));
  EXPECT_EQ(Ids(got.at("network").as_object(), "devices"),
            std::vector<std::string>{"ws-meta-net-dev"});

  const auto listed = ws.Request({{"action", "network/list"}, {"name", "ws-meta-net"}});
  ASSERT_TRUE(Succeeded(listed));
  EXPECT_EQ(
      listed.at("networks"),
      (array{object{{"id", id}, {"name", "ws-meta-net"}, {"description", "made over websocket"}}}));
  const auto count = ws.Request({{"action", "network/count"}, {"namePattern", "ws-meta-net%"}});
  ASSERT_TRUE(Succeeded(count));
  EXPECT_EQ(count.at("count"), 1);

  EXPECT_TRUE(Succeeded(ws.Request({{"action", "network/update"},
                                    {"networkId", id},
                                    {"network", {{"name", "ws-meta-net-2"}}}})));
  EXPECT_EQ(ws.Request({{"action", "network/get"}, {"networkId", id}}).at("network").at("name"),
            "ws-meta-net-2");

  const auto refused = ws.Request({{"action", "network/delete"}, {"networkId", id}});
  EXPECT_EQ(refused.at("code"), 400) << boost::json::serialize(refused);
  EXPECT_TRUE(
      Succeeded(ws.Request({{"action", "network/delete"}, {"networkId", id}, {"force", true}})));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "network/get"}, {"networkId", id}}), 404,
                         "Network with id = " + std::to_string(id) + " not found"));
}

TEST_F(WsMetadataTest, NetworkActionsReportMissingIdsAndBodies) {
  auto ws = ConnectAdmin();
  for (const char* action : {"network/get", "network/update", "network/delete"}) {
    EXPECT_TRUE(FailedWith(ws.Request({{"action", action}, {"network", {{"name", "x"}}}}), 400,
                           "Network id is wrong or empty"))
        << action;
  }
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "network/insert"}}), 400, "Network is required"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "network/update"}, {"networkId", 1}}), 400,
                         "Network is required"));
}

TEST_F(WsMetadataTest, DeviceTypeInsertGetListCountUpdateAndDelete) {
  auto ws = ConnectAdmin();
  const auto inserted =
      ws.Request({{"action", "devicetype/insert"},
                  {"deviceType", {{"name", "ws-meta-type"}, {"description", "a type"}}}});
  ASSERT_TRUE(Succeeded(inserted));
  EXPECT_EQ(KeysOf(inserted), EnvelopeWith({"deviceType"}));
  const int64_t id = inserted.at("deviceType").at("id").as_int64();

  const auto got = ws.Request({{"action", "devicetype/get"}, {"deviceTypeId", id}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(
      got.at("deviceType"),
      (object{
          {"id", id}, {"name", "ws-meta-type"}, {"description", "a type"}, {"devices", array{}}}));
  const auto listed = ws.Request({{"action", "devicetype/list"}, {"name", "ws-meta-type"}});
  ASSERT_TRUE(Succeeded(listed));
  EXPECT_EQ(listed.at("deviceTypes").as_array().size(), 1u);
  const auto count = ws.Request({{"action", "devicetype/count"}, {"name", "ws-meta-type"}});
  EXPECT_EQ(count.at("count"), 1);
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "devicetype/update"},
                                    {"deviceTypeId", id},
                                    {"deviceType", {{"description", "changed"}}}})));
  EXPECT_EQ(ws.Request({{"action", "devicetype/get"}, {"deviceTypeId", id}})
                .at("deviceType")
                .at("description"),
            "changed");
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "devicetype/delete"}, {"deviceTypeId", id}})));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "devicetype/get"}, {"deviceTypeId", id}}), 404,
                         "Device type with id = " + std::to_string(id) + " not found"));
}

TEST_F(WsMetadataTest, DeviceTypeActionsReportMissingIdsAndBodies) {
  auto ws = ConnectAdmin();
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "devicetype/get"}}), 400,
                         "Device type id is wrong or empty"));
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "devicetype/insert"}}), 400, "Device type is required"));
}

TEST_F(WsMetadataTest, ListsTakeTwentyByDefault) {
  auto ws = ConnectAdmin();
  for (int i = 0; i < 21; ++i) {
    ASSERT_TRUE(Succeeded(
        ws.Request({{"action", "network/insert"},
                    {"network", {{"name", "ws-meta-many-" + std::to_string(100 + i)}}}})));
  }
  const auto page = ws.Request({{"action", "network/list"}, {"namePattern", "ws-meta-many-%"}});
  ASSERT_TRUE(Succeeded(page));
  EXPECT_EQ(page.at("networks").as_array().size(), 20u);
  const auto sorted = ws.Request({{"action", "network/list"},
                                  {"namePattern", "ws-meta-many-%"},
                                  {"sortField", "name"},
                                  {"sortOrder", "desc"},
                                  {"take", 1}});
  ASSERT_TRUE(Succeeded(sorted));
  EXPECT_EQ(sorted.at("networks").at(0).at("name"), "ws-meta-many-120");
  EXPECT_EQ(
      ws.Request({{"action", "network/count"}, {"namePattern", "ws-meta-many-%"}}).at("count"), 21);
}

// --- users --------------------------------------------------------------------------------

TEST_F(WsMetadataTest, UserInsertGetListCountUpdateAndDelete) {
  auto ws = ConnectAdmin();
  const object user = {
      {"login", "ws-meta-user"}, {"password", "meta_pass1"}, {"role", 1}, {"status", 0}};
  const auto inserted = ws.Request({{"action", "user/insert"}, {"user", user}});
  ASSERT_TRUE(Succeeded(inserted));
  EXPECT_EQ(KeysOf(inserted), EnvelopeWith({"user"}));
  EXPECT_EQ(KeysOf(inserted.at("user").as_object()),
            (Keys{"id", "lastLogin", "data", "introReviewed", "allDeviceTypesAvailable"}));
  const int64_t id = inserted.at("user").at("id").as_int64();

  const auto got = ws.Request({{"action", "user/get"}, {"userId", id}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(got.at("user").at("login"), "ws-meta-user");
  EXPECT_EQ(got.at("user").at("role"), 1);
  EXPECT_EQ(got.at("user").at("networks"), array{});

  const auto listed = ws.Request({{"action", "user/list"}, {"login", "ws-meta-user"}});
  ASSERT_TRUE(Succeeded(listed));
  ASSERT_EQ(listed.at("users").as_array().size(), 1u);
  EXPECT_EQ(listed.at("users").at(0).at("id"), id);
  EXPECT_FALSE(listed.at("users").at(0).as_object().contains("networks"));
  EXPECT_EQ(ws.Request({{"action", "user/count"}, {"loginPattern", "ws-meta-user%"}}).at("count"),
            1);

  EXPECT_TRUE(Succeeded(
      ws.Request({{"action", "user/update"}, {"userId", id}, {"user", {{"data", {{"x", 1}}}}}})));
  EXPECT_EQ(ws.Request({{"action", "user/get"}, {"userId", id}}).at("user").at("data"),
            (object{{"x", 1}}));

  EXPECT_TRUE(Succeeded(ws.Request({{"action", "user/delete"}, {"userId", id}})));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/get"}, {"userId", id}}), 404,
                         "User with id = " + std::to_string(id) + " not found"));
}

TEST_F(WsMetadataTest, UserActionsReportMissingBodiesAndSelfDeletion) {
  auto ws = ConnectAdmin();
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/insert"}}), 400, "User is required"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/updateCurrent"}}), 400, "User is required"));
  const auto self = ws.Request({{"action", "user/delete"}, {"userId", 1}});
  EXPECT_EQ(self.at("code"), 403) << boost::json::serialize(self);
  EXPECT_EQ(Admin().Get("/api/rest/user/1").status, 200);
}

TEST_F(WsMetadataTest, GetCurrentAnswersUnderTheKeyCurrent) {
  auto ws = ConnectAdmin();
  const auto response = ws.Request({{"action", "user/getCurrent"}});
  ASSERT_TRUE(Succeeded(response));
  EXPECT_EQ(KeysOf(response), EnvelopeWith({"current"}));
  const auto& current = response.at("current").as_object();
  EXPECT_EQ(current.at("id"), 1);
  EXPECT_EQ(current.at("login"), kAdminLogin);
  EXPECT_EQ(KeysOf(current), (Keys{"id", "login", "role", "status", "lastLogin", "data",
                                   "introReviewed", "allDeviceTypesAvailable", "networks"}));
}

TEST_F(WsMetadataTest, UpdateCurrentChangesTheCallersOwnRecord) {
  CreateUser("ws-meta-self", "self_pass1", 1);
  auto ws = ConnectAs(Login(port(), "ws-meta-self", "self_pass1"));
  EXPECT_TRUE(Succeeded(
      ws.Request({{"action", "user/updateCurrent"}, {"user", {{"data", {{"mine", true}}}}}})));
  const auto current = ws.Request({{"action", "user/getCurrent"}});
  EXPECT_EQ(current.at("current").at("data"), (object{{"mine", true}}));
}

TEST_F(WsMetadataTest, UserNetworkLinksAnswerWithTheNestedWrapper) {
  const int64_t user = CreateUser("ws-meta-linked", "linked_pass1", 1);
  const int64_t network = CreateNetwork("ws-meta-linked-net");
  auto ws = ConnectAdmin();
  const object link = {{"userId", user}, {"networkId", network}};
  auto request = [&](const char* action) {
    object r = link;
    r["action"] = action;
    return ws.Request(r);
  };
  EXPECT_EQ(request("user/getNetwork").at("code"), 404);
  EXPECT_TRUE(Succeeded(request("user/assignNetwork")));
  const auto got = request("user/getNetwork");
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(KeysOf(got), EnvelopeWith({"network"}));
  EXPECT_EQ(
      got.at("network"),
      (object{{"network",
               {{"id", network}, {"name", "ws-meta-linked-net"}, {"description", nullptr}}}}));
  const auto user_view = ws.Request({{"action", "user/get"}, {"userId", user}});
  EXPECT_EQ(user_view.at("user").at("networks").as_array().size(), 1u);
  EXPECT_TRUE(Succeeded(request("user/unassignNetwork")));
  EXPECT_EQ(request("user/getNetwork").at("code"), 404);
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/getNetwork"}, {"userId", user}}), 400,
                         "Network id is wrong or empty"));
}

TEST_F(WsMetadataTest, UserDeviceTypeLinksAnswerWithTheNestedWrapper) {
  const int64_t user = CreateUser("ws-meta-typed", "typed_pass1", 1);
  auto ws = ConnectAdmin();
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "user/disallowAllDeviceTypes"}, {"userId", user}})));
  EXPECT_TRUE(Succeeded(
      ws.Request({{"action", "user/assignDeviceType"}, {"userId", user}, {"deviceTypeId", 2}})));
  const auto got =
      ws.Request({{"action", "user/getDeviceType"}, {"userId", user}, {"deviceTypeId", 2}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(KeysOf(got), EnvelopeWith({"deviceType"}));
  EXPECT_EQ(got.at("deviceType").at("deviceType").at("id"), 2);
  const auto types = ws.Request({{"action", "user/getDeviceTypes"}, {"userId", user}});
  ASSERT_TRUE(Succeeded(types));
  EXPECT_EQ(Ids(types, "deviceTypes"), std::vector<std::string>{"2"});

  EXPECT_TRUE(Succeeded(
      ws.Request({{"action", "user/unassignDeviceType"}, {"userId", user}, {"deviceTypeId", 2}})));
  EXPECT_EQ(ws.Request({{"action", "user/getDeviceType"}, {"userId", user}, {"deviceTypeId", 2}})
                .at("code"),
            404);
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "user/allowAllDeviceTypes"}, {"userId", user}})));
  EXPECT_EQ(ws.Request({{"action", "user/get"}, {"userId", user}})
                .at("user")
                .at("allDeviceTypesAvailable"),
            true);
}

TEST_F(WsMetadataTest, ClientIsDeniedAdminOnlyUserActions) {
  const int64_t network = CreateNetwork("ws-meta-client-net");
  auto ws = ConnectAs(ClientToken("ws-meta-client", {network}));
  for (const object& request : std::vector<object>{
           {{"action", "user/list"}},
           {{"action", "user/get"}, {"userId", 1}},
           {{"action", "network/insert"}, {"network", {{"name", "ws-meta-client-new"}}}},
           {{"action", "configuration/get"}, {"name", "user.login.lastTimeout"}}}) {
    EXPECT_TRUE(FailedWith(ws.Request(request), 403, "Access is denied"))
        << boost::json::serialize(request);
  }
  const auto networks = ws.Request({{"action", "network/list"}});
  ASSERT_TRUE(Succeeded(networks));
  EXPECT_EQ(Ids(networks, "networks"), std::vector<std::string>{std::to_string(network)});
}

// --- configuration ------------------------------------------------------------------------

TEST_F(WsMetadataTest, ConfigurationPutGetAndDelete) {
  auto ws = ConnectAdmin();
  const auto put = ws.Request(
      {{"action", "configuration/put"}, {"name", "ws.meta.setting"}, {"value", "forty-two"}});
  ASSERT_TRUE(Succeeded(put));
  EXPECT_EQ(KeysOf(put), EnvelopeWith({"configuration"}));
  EXPECT_EQ(put.at("configuration").at("name"), "ws.meta.setting");
  EXPECT_EQ(put.at("configuration").at("value"), "forty-two");

  const auto got = ws.Request({{"action", "configuration/get"}, {"name", "ws.meta.setting"}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(got.at("configuration"), put.at("configuration"));
  const auto rest = Admin().Get("/api/rest/configuration/ws.meta.setting");
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_EQ(rest.json(), got.at("configuration"));

  const auto deleted =
      ws.Request({{"action", "configuration/delete"}, {"name", "ws.meta.setting"}});
  EXPECT_TRUE(Succeeded(deleted));
  EXPECT_EQ(KeysOf(deleted), kEnvelope);
  const std::string missing =
      "Requested config with name = ws.meta.setting not found in the database";
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "configuration/get"}, {"name", "ws.meta.setting"}}),
                         404, missing));
  EXPECT_TRUE(FailedWith(
      ws.Request({{"action", "configuration/delete"}, {"name", "ws.meta.setting"}}), 404, missing));
}

TEST_F(WsMetadataTest, ConfigurationActionsWithoutANameAreBadRequests) {
  auto ws = ConnectAdmin();
  for (const char* action : {"configuration/get", "configuration/put", "configuration/delete"}) {
    EXPECT_TRUE(FailedWith(ws.Request({{"action", action}, {"value", "v"}}), 400,
                           "Configuration name is wrong or empty"))
        << action;
  }
}

}  // namespace
}  // namespace dh::test
