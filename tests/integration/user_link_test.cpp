// Links between users and networks or device types (spec §3.6): the wrapped responses, the 404
// messages, the all-device-types switch, and what a client's login token then carries.
#include <set>

#include "jwt_tool.hpp"
#include "server_test.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::serialize;

std::string NetworkLink(int64_t user, int64_t network) {
  return "/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(network);
}
std::string TypeLinks(int64_t user) {
  return "/api/rest/user/" + std::to_string(user) + "/devicetype";
}
std::string TypeLink(int64_t user, int64_t type) {
  return TypeLinks(user) + "/" + std::to_string(type);
}
std::string AllTypes(int64_t user) { return TypeLinks(user) + "/all"; }

std::vector<int64_t> IdsOf(const HttpResult& result) {
  std::vector<int64_t> ids;
  const auto entities = result.json();
  for (const auto& entity : entities.as_array()) ids.push_back(entity.at("id").as_int64());
  return ids;
}

class UserLinkTest : public ServerTest {
 protected:
  static std::vector<std::string> TokenIds(const std::string& login, const char* key) {
    const std::string token = Login(port(), login, "link_password");
    EXPECT_FALSE(token.empty());
    std::vector<std::string> ids;
    const auto payload = jwt::PayloadOf(token);
    if (!payload.is_object()) return ids;
    for (const auto& id : payload.at(key).as_array()) ids.emplace_back(id.as_string());
    return ids;
  }
  static bool AllDeviceTypesAvailable(int64_t user) {
    return Admin()
        .Get("/api/rest/user/" + std::to_string(user))
        .json()
        .at("allDeviceTypesAvailable")
        .as_bool();
  }
};

// --- networks -----------------------------------------------------------------------------

TEST_F(UserLinkTest, AnAssignedNetworkIsReturnedWrapped) {
  const int64_t user = CreateUser("ulink-net", "link_password", 1);
  const int64_t network = CreateNetwork("ulink-net-1");
  ASSERT_EQ(Admin()
                .Put("/api/rest/network/" + std::to_string(network),
                     serialize(object{{"description", "linked"}}))
                .status,
            204);
  const auto put = Admin().Put(NetworkLink(user, network), {});
  EXPECT_EQ(put.status, 204) << put.body;
  EXPECT_TRUE(put.body.empty());
  const auto result = Admin().Get(NetworkLink(user, network));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(),
            boost::json::value(object{
                {"network",
                 object{{"id", network}, {"name", "ulink-net-1"}, {"description", "linked"}}}}));
}

TEST_F(UserLinkTest, AssigningTwiceIsHarmless) {
  const int64_t user = CreateUser("ulink-net-twice", "link_password", 1);
  const int64_t network = CreateNetwork("ulink-net-twice-1");
  EXPECT_EQ(Admin().Put(NetworkLink(user, network), {}).status, 204);
  EXPECT_EQ(Admin().Put(NetworkLink(user, network), {}).status, 204);
  EXPECT_EQ(
      Admin().Get("/api/rest/user/" + std::to_string(user)).json().at("networks").as_array().size(),
      1u);
}

TEST_F(UserLinkTest, AnUnlinkedNetworkIsNotFoundForTheUser) {
  const int64_t user = CreateUser("ulink-net-none", "link_password", 1);
  const int64_t network = CreateNetwork("ulink-net-none-1");
  const auto result = Admin().Get(NetworkLink(user, network));
  EXPECT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(MessageOf(result), "Network with id " + std::to_string(network) + " for user with id " +
                                   std::to_string(user) + " was not found");
}

TEST_F(UserLinkTest, NetworkLinksOfAnUnknownUserAreNotFound) {
  for (const auto& method : {"GET", "PUT", "DELETE"}) {
    const auto result = Admin().Send(method, NetworkLink(987654, 1));
    EXPECT_EQ(result.status, 404) << method << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "User with id = 987654 not found") << method;
  }
}

TEST_F(UserLinkTest, LinkingAnUnknownNetworkIsNotFound) {
  const int64_t user = CreateUser("ulink-net-unknown", "link_password", 1);
  for (const auto& method : {"PUT", "DELETE"}) {
    const auto result = Admin().Send(method, NetworkLink(user, 987654));
    EXPECT_EQ(result.status, 404) << method << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Network with id = 987654 not found") << method;
  }
}

TEST_F(UserLinkTest, UnassigningRemovesTheLink) {
  const int64_t user = CreateUser("ulink-net-unassign", "link_password", 1);
  const int64_t network = CreateNetwork("ulink-net-unassign-1");
  ASSERT_EQ(Admin().Put(NetworkLink(user, network), {}).status, 204);
  EXPECT_EQ(Admin().Delete(NetworkLink(user, network)).status, 204);
  EXPECT_EQ(Admin().Get(NetworkLink(user, network)).status, 404);
  EXPECT_TRUE(TokenIds("ulink-net-unassign", "n").empty());
}

TEST_F(UserLinkTest, LinkedNetworksReachTheClientsTokenAndVisibility) {
  const int64_t user = CreateUser("ulink-net-token", "link_password", 1);
  const int64_t first = CreateNetwork("ulink-net-token-1");
  const int64_t second = CreateNetwork("ulink-net-token-2");
  CreateNetwork("ulink-net-token-unlinked");
  ASSERT_EQ(Admin().Put(NetworkLink(user, second), {}).status, 204);
  ASSERT_EQ(Admin().Put(NetworkLink(user, first), {}).status, 204);
  EXPECT_EQ(TokenIds("ulink-net-token", "n"),
            (std::vector<std::string>{std::to_string(first), std::to_string(second)}));
  const std::string token = Login(port(), "ulink-net-token", "link_password");
  const auto visible = As(token).Get("/api/rest/network?sortField=ID");
  ASSERT_EQ(visible.status, 200) << visible.body;
  EXPECT_EQ(IdsOf(visible), (std::vector<int64_t>{first, second}));
  // A client reads its own links with GetNetwork.
  EXPECT_EQ(As(token).Get(NetworkLink(user, first)).status, 200);
}

TEST_F(UserLinkTest, ManagingNetworkLinksNeedsManageNetwork) {
  const int64_t user = CreateUser("ulink-net-client", "link_password", 1);
  const int64_t network = CreateNetwork("ulink-net-client-1");
  const std::string token = Login(port(), "ulink-net-client", "link_password");
  for (const auto& method : {"PUT", "DELETE"}) {
    const auto result = As(token).Send(method, NetworkLink(user, network));
    EXPECT_EQ(result.status, 403) << method;
    EXPECT_EQ(MessageOf(result), "Access is denied");
  }
  EXPECT_EQ(Anonymous().Get(NetworkLink(user, network)).status, 401);
}

// --- device types -------------------------------------------------------------------------

TEST_F(UserLinkTest, AUserWithAllDeviceTypesListsEveryType) {
  const int64_t user = CreateUser("ulink-dt-all", "link_password", 1);
  const auto result = Admin().Get(TypeLinks(user));
  ASSERT_EQ(result.status, 200) << result.body;
  const auto all = Admin().Get("/api/rest/devicetype?sortField=ID");
  EXPECT_EQ(result.json(), all.json());
  EXPECT_GE(result.json().as_array().size(), 8u);  // the seeded types
  const auto types = result.json();
  for (const auto& type : types.as_array()) {
    EXPECT_EQ(type.as_object().size(), 3u) << serialize(type);  // id, name, description
  }
}

TEST_F(UserLinkTest, AssigningATypeToAUserWithAllTypesIsForbidden) {
  const int64_t user = CreateUser("ulink-dt-forbidden", "link_password", 1);
  for (const auto& method : {"PUT", "DELETE"}) {
    const auto result = Admin().Send(method, TypeLink(user, 3));
    EXPECT_EQ(result.status, 403) << method << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Cannot assign device type to user with all device types allowed");
  }
}

TEST_F(UserLinkTest, RestrictedUsersSeeOnlyLinkedTypesEverywhere) {
  const int64_t user = CreateUser("ulink-dt-restricted", "link_password", 1);
  ASSERT_EQ(Admin().Delete(AllTypes(user)).status, 204);
  EXPECT_FALSE(AllDeviceTypesAvailable(user));
  EXPECT_TRUE(Admin().Get(TypeLinks(user)).json().as_array().empty());
  EXPECT_TRUE(TokenIds("ulink-dt-restricted", "dt").empty());

  ASSERT_EQ(Admin().Put(TypeLink(user, 5), {}).status, 204);
  ASSERT_EQ(Admin().Put(TypeLink(user, 3), {}).status, 204);
  const auto listed = Admin().Get(TypeLinks(user));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(IdsOf(listed), (std::vector<int64_t>{3, 5}));

  const auto one = Admin().Get(TypeLink(user, 3));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json(), boost::json::value(object{
                            {"deviceType", object{{"id", 3},
                                                  {"name", "Lightning"},
                                                  {"description",
                                                   "Devices to turn smart lights on and off, "
                                                   "change the brightness, specify colors"}}}}));

  // The login token carries only the linked types, and the client sees only those.
  const auto dt = TokenIds("ulink-dt-restricted", "dt");
  EXPECT_EQ(std::set<std::string>(dt.begin(), dt.end()), (std::set<std::string>{"3", "5"}));
  const std::string token = Login(port(), "ulink-dt-restricted", "link_password");
  const auto visible = As(token).Get("/api/rest/devicetype?sortField=ID");
  ASSERT_EQ(visible.status, 200) << visible.body;
  EXPECT_EQ(IdsOf(visible), (std::vector<int64_t>{3, 5}));
}

TEST_F(UserLinkTest, AnUnlinkedTypeIsNotFoundForTheUser) {
  const int64_t user = CreateUser("ulink-dt-unlinked", "link_password", 1);
  ASSERT_EQ(Admin().Delete(AllTypes(user)).status, 204);
  ASSERT_EQ(Admin().Put(TypeLink(user, 2), {}).status, 204);
  const auto result = Admin().Get(TypeLink(user, 4));
  EXPECT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(MessageOf(result),
            "Device type with id 4 for user with id " + std::to_string(user) + " not found");
}

TEST_F(UserLinkTest, UnassigningATypeRemovesTheLink) {
  const int64_t user = CreateUser("ulink-dt-unassign", "link_password", 1);
  ASSERT_EQ(Admin().Delete(AllTypes(user)).status, 204);
  ASSERT_EQ(Admin().Put(TypeLink(user, 6), {}).status, 204);
  ASSERT_EQ(Admin().Put(TypeLink(user, 7), {}).status, 204);
  EXPECT_EQ(Admin().Delete(TypeLink(user, 6)).status, 204);
  EXPECT_EQ(IdsOf(Admin().Get(TypeLinks(user))), std::vector<int64_t>{7});
  EXPECT_EQ(Admin().Get(TypeLink(user, 6)).status, 404);
  EXPECT_EQ(TokenIds("ulink-dt-unassign", "dt"), std::vector<std::string>{"7"});
}

TEST_F(UserLinkTest, AllowingAllTypesAgainDropsTheLinks) {
  const int64_t user = CreateUser("ulink-dt-reset", "link_password", 1);
  ASSERT_EQ(Admin().Delete(AllTypes(user)).status, 204);
  ASSERT_EQ(Admin().Put(TypeLink(user, 2), {}).status, 204);
  EXPECT_EQ(Admin().Put(AllTypes(user), {}).status, 204);
  EXPECT_TRUE(AllDeviceTypesAvailable(user));
  EXPECT_EQ(TokenIds("ulink-dt-reset", "dt"), std::vector<std::string>{"*"});
  // Restricting again starts from no links: the old one was removed.
  ASSERT_EQ(Admin().Delete(AllTypes(user)).status, 204);
  EXPECT_TRUE(Admin().Get(TypeLinks(user)).json().as_array().empty());
}

TEST_F(UserLinkTest, LinkingAnUnknownTypeIsNotFound) {
  const int64_t user = CreateUser("ulink-dt-unknown", "link_password", 1);
  ASSERT_EQ(Admin().Delete(AllTypes(user)).status, 204);
  for (const auto& method : {"PUT", "DELETE"}) {
    const auto result = Admin().Send(method, TypeLink(user, 987654));
    EXPECT_EQ(result.status, 404) << method << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Device type with id = 987654 not found") << method;
  }
}

TEST_F(UserLinkTest, TypeLinksOfAnUnknownUserAreNotFound) {
  const std::string kMessage = "User with id = 987654 not found";
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", TypeLinks(987654)},
                                                        {"GET", TypeLink(987654, 1)},
                                                        {"PUT", TypeLink(987654, 1)},
                                                        {"DELETE", TypeLink(987654, 1)},
                                                        {"PUT", AllTypes(987654)},
                                                        {"DELETE", AllTypes(987654)}}) {
    const auto result = Admin().Send(method, target);
    EXPECT_EQ(result.status, 404) << method << " " << target << ": " << result.body;
    EXPECT_EQ(MessageOf(result), kMessage) << method << " " << target;
  }
}

TEST_F(UserLinkTest, ManagingTypeLinksNeedsManageDeviceType) {
  const int64_t user = CreateUser("ulink-dt-client", "link_password", 1);
  const std::string token = Login(port(), "ulink-dt-client", "link_password");
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", TypeLinks(user)},
                                                        {"PUT", TypeLink(user, 1)},
                                                        {"DELETE", TypeLink(user, 1)},
                                                        {"PUT", AllTypes(user)},
                                                        {"DELETE", AllTypes(user)}}) {
    const auto result = As(token).Send(method, target);
    EXPECT_EQ(result.status, 403) << method << " " << target;
    EXPECT_EQ(MessageOf(result), "Access is denied");
  }
  EXPECT_TRUE(AllDeviceTypesAvailable(user));
}

}  // namespace
}  // namespace dh::test
