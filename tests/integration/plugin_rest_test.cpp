// The plugin service's REST resource (spec devicehive-api §3.10, proxy-plugin-mqtt §3.1-3.3):
// registration and its stored filter, listing and counting, who may see and change which
// plugin, updates, the status rules and deletion, at /plugin/rest/plugin and /api/rest/plugin.
#include <string>
#include <vector>

#include "plugin_test.hpp"

namespace dh::test {
namespace {

using boost::json::object;

class PluginRestTest : public PluginTest {
 protected:
  static std::string Target(const std::string& query) {
    return std::string(kPluginPath) + "?" + query;
  }
  // The names of a 200 list answer, in order.
  static std::vector<std::string> NamesOf(const HttpResult& result) {
    EXPECT_EQ(result.status, 200) << result.body;
    std::vector<std::string> names;
    if (result.status != 200) return names;
    const auto listed = result.json();
    for (const auto& plugin : listed.as_array()) {
      names.emplace_back(plugin.at("name").as_string());
    }
    return names;
  }
  static std::vector<std::string> ListNames(const std::string& query,
                                            const std::string& token = admin_token_) {
    return NamesOf(As(token).Get(Target(query)));
  }
  static int64_t Count(const std::string& query, const std::string& token = admin_token_) {
    const auto result = As(token).Get(std::string(kPluginPath) + "/count?" + query);
    EXPECT_EQ(result.status, 200) << result.body;
    return result.status == 200 ? result.json().at("count").as_int64() : -1;
  }
  static HttpResult Update(const std::string& topic, const std::string& query,
                           const std::string& token = admin_token_) {
    return As(token).Put(Target("topicName=" + topic + (query.empty() ? "" : "&" + query)), "");
  }
  static HttpResult Remove(const std::string& topic, const std::string& token = admin_token_) {
    return As(token).Delete(Target("topicName=" + topic));
  }
  static int64_t UserIdOf(const std::string& token) {
    const auto result = As(token).Get("/api/rest/user/current");
    EXPECT_EQ(result.status, 200) << result.body;
    return result.status == 200 ? result.json().at("id").as_int64() : -1;
  }
};

// --- registration ---------------------------------------------------------------------------

TEST_F(PluginRestTest, RegistrationReturnsTokensProxyEndpointAndTopic) {
  const auto result =
      RegisterRequest(admin_token_, "rest-register", "",
                      {{"description", "a test plugin"}, {"parameters", {{"k", 1}}}});
  ASSERT_EQ(result.status, 201) << result.body;
  const auto body = result.json().as_object();
  EXPECT_EQ(KeysOf(body),
            (std::set<std::string>{"accessToken", "refreshToken", "proxyEndpoint", "topicName"}));
  EXPECT_EQ(StringOf(body, "proxyEndpoint"),
            "ws://127.0.0.1:" + std::to_string(port()) + "/plugin/proxy");
  const std::string topic = StringOf(body, "topicName");
  EXPECT_TRUE(topic.starts_with("plugin_topic_")) << topic;
  EXPECT_EQ(topic.size(), std::string("plugin_topic_").size() + 36) << topic;
  EXPECT_FALSE(StringOf(body, "accessToken").empty());
  EXPECT_FALSE(StringOf(body, "refreshToken").empty());

  const auto plugin = FindPlugin(topic);
  ASSERT_TRUE(plugin);
  EXPECT_EQ(KeysOf(*plugin),
            (std::set<std::string>{"id", "name", "description", "topicName", "filter", "status",
                                   "subscriptionId", "userId", "parameters"}));
  EXPECT_EQ(StringOf(*plugin, "name"), "rest-register");
  EXPECT_EQ(StringOf(*plugin, "description"), "a test plugin");
  EXPECT_EQ(StringOf(*plugin, "status"), "CREATED");
  EXPECT_EQ(StringOf(*plugin, "filter"), "*/*/*/*/*");
  EXPECT_EQ(plugin->at("userId"), UserIdOf(admin_token_));
  EXPECT_EQ(plugin->at("parameters"), (object{{"k", 1}}));
}

TEST_F(PluginRestTest, RegistrationStoresTheFilterAsKindsNetworksTypesDeviceNames) {
  const int64_t network = CreateNetwork("rest-filter-net");
  RegisterDevice("rest-filter-device", network);
  const auto full = Register(
      "rest-filter-full",
      "returnCommands=true&returnNotifications=true&networkIds=" + std::to_string(network) +
          "&deviceTypeIds=1&deviceId=rest-filter-device&names=temp,door");
  const auto updates = Register("rest-filter-updates", "returnUpdatedCommands=true");
  const auto all_kinds = Register("rest-filter-all-kinds", "names=alarm");
  EXPECT_EQ(StringOf(*FindPlugin(full.topic), "filter"),
            "command,notification/" + std::to_string(network) + "/1/rest-filter-device/temp,door");
  EXPECT_EQ(StringOf(*FindPlugin(updates.topic), "filter"), "command_update/*/*/*/*");
  EXPECT_EQ(StringOf(*FindPlugin(all_kinds.topic), "filter"), "*/*/*/*/alarm");
}

TEST_F(PluginRestTest, RegistrationWithEveryReturnFlagFalseIsBadRequest) {
  const auto result =
      RegisterRequest(admin_token_, "rest-no-returns",
                      "returnCommands=false&returnUpdatedCommands=false&returnNotifications=false");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result),
            "Requested subscription is not valid. Please, set at least one 'return*' parameter "
            "to true.");
  EXPECT_EQ(Count("name=rest-no-returns"), 0);
}

TEST_F(PluginRestTest, RegistrationWhoseFlagsSelectNoKindIsBadRequest) {
  // Given flags select the kinds set to true; false ones alone select nothing.
  for (const char* query : {"returnCommands=false", "returnUpdatedCommands=false",
                            "returnNotifications=false&returnCommands=false"}) {
    const auto result = RegisterRequest(admin_token_, "rest-only-false", query);
    EXPECT_EQ(result.status, 400) << query << ": " << result.body;
  }
  EXPECT_EQ(Count("name=rest-only-false"), 0);
  const auto plugin =
      Register("rest-false-and-true", "returnCommands=false&returnNotifications=true");
  EXPECT_EQ(StringOf(*FindPlugin(plugin.topic), "filter"), "notification/*/*/*/*");
  EXPECT_EQ(Update(plugin.topic, "returnNotifications=false").status, 400);
}

// DeviceHive dropped the unique constraint on names (see migrations/0003_plugin.sql).
TEST_F(PluginRestTest, NamesNeedNotBeUnique) {
  const auto first = Register("rest-same-name");
  const auto second = Register("rest-same-name");
  EXPECT_NE(first.topic, second.topic);
  EXPECT_EQ(Count("name=rest-same-name"), 2);
}

TEST_F(PluginRestTest, RegistrationWithAnInvalidNameIsBadRequest) {
  const std::vector<std::string> invalid = {"ab", "bad name", "bad/name", "bad!",
                                            std::string(129, 'n')};
  for (const auto& name : invalid) {
    const auto result = RegisterRequest(admin_token_, name);
    EXPECT_EQ(result.status, 400) << "'" << name << "': " << result.body;
  }
  const auto unnamed = As(admin_token_).Post(kPluginPath, R"({"description":"no name"})");
  EXPECT_EQ(unnamed.status, 400) << unnamed.body;
  const auto good = RegisterRequest(admin_token_, "rest_name@ok.fine-1");
  EXPECT_EQ(good.status, 201) << good.body;
}

TEST_F(PluginRestTest, RegistrationForAnUnknownNetworkIsRefused) {
  const auto result = RegisterRequest(admin_token_, "rest-unknown-net", "networkIds=987654");
  EXPECT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(Count("name=rest-unknown-net"), 0);
}

// --- listing and counting -------------------------------------------------------------------

TEST_F(PluginRestTest, ListFiltersByNamePatternTopicStatusAndUser) {
  const auto alpha = Register("rest-list-alpha");
  const auto beta = Register("rest-list-beta");
  const auto gamma = Register("rest-list-gamma");
  ASSERT_EQ(Update(alpha.topic, "status=ACTIVE").status, 204);
  ASSERT_EQ(Update(beta.topic, "status=active").status, 204);
  ASSERT_EQ(Update(beta.topic, "status=Inactive").status, 204);
  const std::string mine = "namePattern=rest-list-%25&sortField=Name";

  EXPECT_EQ(ListNames("name=rest-list-beta"), std::vector<std::string>{"rest-list-beta"});
  EXPECT_EQ(ListNames(mine),
            (std::vector<std::string>{"rest-list-alpha", "rest-list-beta", "rest-list-gamma"}));
  EXPECT_EQ(ListNames("namePattern=rest-list-_eta"), std::vector<std::string>{"rest-list-beta"});
  EXPECT_EQ(ListNames("topicName=" + gamma.topic), std::vector<std::string>{"rest-list-gamma"});
  EXPECT_EQ(ListNames(mine + "&status=0"), std::vector<std::string>{"rest-list-alpha"});
  EXPECT_EQ(ListNames(mine + "&status=1"), std::vector<std::string>{"rest-list-beta"});
  EXPECT_EQ(ListNames(mine + "&status=2"), std::vector<std::string>{"rest-list-gamma"});
  EXPECT_EQ(ListNames(mine + "&userId=" + std::to_string(UserIdOf(admin_token_))).size(), 3u);
  EXPECT_TRUE(ListNames(mine + "&userId=987654").empty());
  EXPECT_TRUE(ListNames("topicName=plugin_topic_unknown").empty());
  EXPECT_EQ(Admin().Get(Target("status=7")).status, 400);
  ASSERT_EQ(Update(alpha.topic, "status=INACTIVE").status, 204);
}

TEST_F(PluginRestTest, ListSortsByNameDescendingAndPages) {
  Register("rest-sort-b");
  Register("rest-sort-c");
  Register("rest-sort-a");
  const std::string mine = "namePattern=rest-sort-%25";
  EXPECT_EQ(ListNames(mine + "&sortField=Name&sortOrder=DESC"),
            (std::vector<std::string>{"rest-sort-c", "rest-sort-b", "rest-sort-a"}));
  EXPECT_EQ(ListNames(mine + "&sortField=name&sortOrder=ASC"),
            (std::vector<std::string>{"rest-sort-a", "rest-sort-b", "rest-sort-c"}));
  EXPECT_EQ(ListNames(mine + "&sortField=Id"),
            (std::vector<std::string>{"rest-sort-b", "rest-sort-c", "rest-sort-a"}));
  EXPECT_EQ(ListNames(mine + "&sortField=Name&sortOrder=DESC&take=1&skip=1"),
            std::vector<std::string>{"rest-sort-b"});
}

TEST_F(PluginRestTest, ListWithAnUnknownSortFieldIsBadRequest) {
  const auto result = Admin().Get(Target("sortField=topicName"));
  EXPECT_EQ(result.status, 400) << result.body;
}

TEST_F(PluginRestTest, CountAppliesTheListFilters) {
  const auto first = Register("rest-count-one");
  Register("rest-count-two");
  const auto result = Admin().Get(std::string(kPluginPath) + "/count?namePattern=rest-count-%25");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), (object{{"count", 2}}));
  EXPECT_EQ(Count("name=rest-count-two"), 1);
  EXPECT_EQ(Count("topicName=" + first.topic), 1);
  EXPECT_EQ(Count("namePattern=rest-count-%25&status=0"), 0);
}

// --- who sees and changes what --------------------------------------------------------------

TEST_F(PluginRestTest, ClientSeesOnlyItsOwnPlugins) {
  const int64_t network = CreateNetwork("rest-client-net");
  const std::string client = ClientToken("rest-client", {network});
  const int64_t client_id = UserIdOf(client);
  Register("rest-client-admins");
  const auto own = Register("rest-client-own", "", client);

  const auto listed = As(client).Get(kPluginPath);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto plugins = listed.json().as_array();
  ASSERT_EQ(plugins.size(), 1u) << listed.body;
  EXPECT_EQ(plugins.front().at("topicName"), own.topic.c_str());
  EXPECT_EQ(plugins.front().at("userId"), client_id);
  EXPECT_EQ(Count("", client), 1);
  EXPECT_TRUE(ListNames("name=rest-client-admins", client).empty());
  EXPECT_EQ(ListNames("userId=" + std::to_string(client_id), client),
            std::vector<std::string>{"rest-client-own"});

  const auto others = As(client).Get(Target("userId=" + std::to_string(UserIdOf(admin_token_))));
  EXPECT_EQ(others.status, 403) << others.body;
  EXPECT_EQ(MessageOf(others), kNoAccessToPlugin);
}

TEST_F(PluginRestTest, ClientCannotUpdateOrDeleteAnotherUsersPlugin) {
  const std::string client = ClientToken("rest-client-intruder", {});
  const auto admins = Register("rest-not-the-clients");
  const auto updated = Update(admins.topic, "name=rest-stolen", client);
  EXPECT_EQ(updated.status, 403) << updated.body;
  EXPECT_EQ(MessageOf(updated), kNoAccessToPlugin);
  const auto deleted = Remove(admins.topic, client);
  EXPECT_EQ(deleted.status, 403) << deleted.body;
  EXPECT_EQ(MessageOf(deleted), kNoAccessToPlugin);
  const auto plugin = FindPlugin(admins.topic);
  ASSERT_TRUE(plugin);
  EXPECT_EQ(StringOf(*plugin, "name"), "rest-not-the-clients");
}

TEST_F(PluginRestTest, UnknownTopicIsNotFound) {
  for (const auto& result : {Update("plugin_topic_nope", "name=rest-nope"),
                             Remove("plugin_topic_nope"), Update("", "name=rest-nope")}) {
    EXPECT_EQ(result.status, 404) << result.body;
    EXPECT_EQ(MessageOf(result), kPluginNotFound);
  }
}

TEST_F(PluginRestTest, UnauthenticatedCallsAreUnauthorized) {
  const auto plugin = Register("rest-anonymous");
  auto anonymous = Anonymous();
  EXPECT_EQ(anonymous.Get(kPluginPath).status, 401);
  EXPECT_EQ(anonymous.Get(std::string(kPluginPath) + "/count").status, 401);
  EXPECT_EQ(anonymous.Post(kPluginPath, R"({"name":"rest-anonymous-2"})").status, 401);
  EXPECT_EQ(anonymous.Put(Target("topicName=" + plugin.topic + "&name=rest-x"), "").status, 401);
  EXPECT_EQ(anonymous.Delete(Target("topicName=" + plugin.topic)).status, 401);
  EXPECT_EQ(As("not-a-jwt").Get(kPluginPath).status, 401);
  EXPECT_TRUE(FindPlugin(plugin.topic));
}

// --- updates, status and deletion -----------------------------------------------------------

TEST_F(PluginRestTest, UpdateChangesNameDescriptionAndParameters) {
  const auto plugin = Register("rest-update-old");
  const auto result =
      Update(plugin.topic,
             "name=rest-update-new&description=new%20words&parameters=%7B%22k%22%3A%5B1%2C2%5D%7D");
  ASSERT_EQ(result.status, 204) << result.body;
  const auto updated = FindPlugin(plugin.topic);
  ASSERT_TRUE(updated);
  EXPECT_EQ(StringOf(*updated, "name"), "rest-update-new");
  EXPECT_EQ(StringOf(*updated, "description"), "new words");
  EXPECT_EQ(updated->at("parameters"), boost::json::parse(R"({"k":[1,2]})"));
  EXPECT_EQ(StringOf(*updated, "status"), "CREATED");
  EXPECT_EQ(StringOf(*updated, "filter"), "*/*/*/*/*");

  EXPECT_EQ(Update(plugin.topic, "name=x").status, 400);
  EXPECT_EQ(Update(plugin.topic, "parameters=%5B1%5D").status, 400);
  EXPECT_EQ(Update(plugin.topic, "status=PAUSED").status, 400);
}

TEST_F(PluginRestTest, FilterCannotChangeWhileThePluginIsActive) {
  const int64_t network = CreateNetwork("rest-active-net");
  const auto plugin = Register("rest-active-filter");
  ASSERT_EQ(Update(plugin.topic, "status=ACTIVE").status, 204);
  EXPECT_EQ(StatusOf(plugin.topic), "ACTIVE");
  EXPECT_GT(FindPlugin(plugin.topic)->at("subscriptionId").as_int64(), 0);

  const auto refused = Update(plugin.topic, "networkIds=" + std::to_string(network));
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(MessageOf(refused),
            "Plugin's subscription filter can't be updated if plugin is ACTIVE");
  EXPECT_EQ(StringOf(*FindPlugin(plugin.topic), "filter"), "*/*/*/*/*");
  EXPECT_EQ(Update(plugin.topic, "description=still%20fine").status, 204);

  // In the call that deactivates it, the filter may change.
  const auto deactivated =
      Update(plugin.topic,
             "status=INACTIVE&returnNotifications=true&networkIds=" + std::to_string(network));
  ASSERT_EQ(deactivated.status, 204) << deactivated.body;
  const auto inactive = FindPlugin(plugin.topic);
  EXPECT_EQ(StringOf(*inactive, "status"), "INACTIVE");
  EXPECT_EQ(StringOf(*inactive, "filter"), "notification/" + std::to_string(network) + "/*/*/*");
  EXPECT_TRUE(inactive->at("subscriptionId").is_null());
  EXPECT_EQ(Update(plugin.topic, "returnCommands=true").status, 204);
  EXPECT_EQ(StringOf(*FindPlugin(plugin.topic), "filter"), "command/*/*/*/*");
}

TEST_F(PluginRestTest, StatusCannotGoBackToCreated) {
  const auto plugin = Register("rest-back-to-created");
  const auto result = Update(plugin.topic, "status=CREATED");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result), "Cannot change status of existing plugin to Created.");
}

TEST_F(PluginRestTest, DeletedPluginIsGone) {
  const auto plugin = Register("rest-delete");
  ASSERT_EQ(Update(plugin.topic, "status=ACTIVE").status, 204);
  const auto deleted = Remove(plugin.topic);
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_FALSE(FindPlugin(plugin.topic));
  EXPECT_EQ(Count("name=rest-delete"), 0);
  const auto again = Remove(plugin.topic);
  EXPECT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(MessageOf(again), kPluginNotFound);
  EXPECT_EQ(Update(plugin.topic, "name=rest-deleted").status, 404);
  // The name is free again.
  EXPECT_EQ(RegisterRequest(admin_token_, "rest-delete").status, 201);
}

TEST_F(PluginRestTest, ClientOwnerUpdatesAndDeletesItsPlugin) {
  const std::string client = ClientToken("rest-client-owner", {});
  const auto plugin = Register("rest-client-owned", "", client);
  EXPECT_EQ(Update(plugin.topic, "name=rest-client-renamed", client).status, 204);
  EXPECT_EQ(StringOf(*FindPlugin(plugin.topic), "name"), "rest-client-renamed");
  EXPECT_EQ(Remove(plugin.topic, client).status, 204);
  EXPECT_FALSE(FindPlugin(plugin.topic));
}

TEST_F(PluginRestTest, ApiRestPathServesTheSameResource) {
  const auto result = RegisterRequest(admin_token_, "rest-alias", "", {}, "/api/rest/plugin");
  ASSERT_EQ(result.status, 201) << result.body;
  const std::string topic = StringOf(result.json().as_object(), "topicName");
  const auto listed = Admin().Get("/api/rest/plugin?topicName=" + topic);
  EXPECT_EQ(NamesOf(listed), std::vector<std::string>{"rest-alias"});
  const auto counted = Admin().Get("/api/rest/plugin/count?name=rest-alias");
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.json(), (object{{"count", 1}}));
  EXPECT_EQ(Admin().Put("/api/rest/plugin?topicName=" + topic + "&name=rest-alias-2", "").status,
            204);
  EXPECT_EQ(Admin().Delete("/api/rest/plugin?topicName=" + topic).status, 204);
  EXPECT_FALSE(FindPlugin(topic));
}

}  // namespace
}  // namespace dh::test
