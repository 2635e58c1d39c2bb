// Who sees and changes what (spec §3.1, §3.4, §5.3): CLIENT users are confined to the networks
// linked to them, admin-only actions are refused, anonymous calls are 401, and tokens minted
// with a networkIds list narrow even an admin.
#include <boost/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "server_test.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

constexpr const char* kPassword = "client-password";
constexpr const char* kAccessDenied = R"({"error":403,"message":"Access is denied"})";

std::string DevicePath(const std::string& id) { return "/api/rest/device/" + id; }
std::string NetworkPath(int64_t id) { return "/api/rest/network/" + std::to_string(id); }

class PermissionTest : public ServerTest {
 protected:
  struct Client {
    int64_t id = -1;
    std::string token;
  };

  // A CLIENT user linked to `networks`, logged in after the links exist (its token lists them).
  static Client MakeClient(const std::string& login, const std::vector<int64_t>& networks) {
    Client client;
    client.id = CreateUser(login, kPassword, 1);
    for (const int64_t network : networks) {
      const auto linked = Admin().Put(
          "/api/rest/user/" + std::to_string(client.id) + "/network/" + std::to_string(network),
          "");
      EXPECT_EQ(linked.status, 204) << linked.body;
    }
    client.token = Login(port(), login, kPassword);
    EXPECT_FALSE(client.token.empty()) << login;
    return client;
  }
  static HttpResult PutDevice(const std::string& token, const std::string& id,
                              const json::object& body) {
    return As(token).Put(DevicePath(id), json::serialize(body));
  }
  static void AdminRegister(const std::string& id, int64_t network) {
    const auto result = PutDevice(admin_token_, id, {{"name", id}, {"networkId", network}});
    ASSERT_EQ(result.status, 204) << result.body;
  }
  // An access token minted by the admin through POST /token/create.
  static std::string Mint(const json::object& request) {
    const auto result = Admin().Post("/api/rest/token/create", json::serialize(request));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? std::string(result.json().at("accessToken").as_string()) : "";
  }
  static std::set<std::string> DeviceIds(const std::string& token, const std::string& query = "") {
    const auto result = As(token).Get("/api/rest/device" + query);
    EXPECT_EQ(result.status, 200) << result.body;
    std::set<std::string> ids;
    if (result.status != 200) return ids;
    const auto listed = result.json();
    for (const auto& device : listed.as_array()) {
      ids.emplace(device.at("id").as_string());
    }
    return ids;
  }
  static std::set<int64_t> NetworkIds(const std::string& token) {
    const auto result = As(token).Get("/api/rest/network");
    EXPECT_EQ(result.status, 200) << result.body;
    std::set<int64_t> ids;
    if (result.status != 200) return ids;
    const auto listed = result.json();
    for (const auto& network : listed.as_array()) ids.insert(network.at("id").as_int64());
    return ids;
  }
  static int64_t DeviceCount(const std::string& token, const std::string& query = "") {
    const auto result = As(token).Get("/api/rest/device/count" + query);
    EXPECT_EQ(result.status, 200) << result.body;
    return result.status == 200 ? result.json().at("count").as_int64() : -1;
  }
};

using DeviceSet = std::set<std::string>;

// --- a CLIENT reading -----------------------------------------------------------------------

TEST_F(PermissionTest, ClientListsOnlyDevicesOfItsNetworks) {
  const int64_t mine = CreateNetwork("perm-list-mine");
  const int64_t theirs = CreateNetwork("perm-list-theirs");
  AdminRegister("perm-list-mine-dev", mine);
  AdminRegister("perm-list-theirs-dev", theirs);
  const auto client = MakeClient("perm-list-client", {mine});
  EXPECT_EQ(DeviceIds(client.token), DeviceSet{"perm-list-mine-dev"});
  EXPECT_EQ(DeviceCount(client.token), 1);
  EXPECT_EQ(DeviceIds(client.token, "?networkId=" + std::to_string(theirs)), DeviceSet{});
  EXPECT_EQ(DeviceCount(client.token, "?networkId=" + std::to_string(theirs)), 0);
  EXPECT_EQ(DeviceIds(client.token, "?name=perm-list-theirs-dev"), DeviceSet{});
}

TEST_F(PermissionTest, ClientWithoutNetworksListsNothing) {
  const auto client = MakeClient("perm-no-networks", {});
  EXPECT_EQ(DeviceIds(client.token), DeviceSet{});
  EXPECT_EQ(DeviceCount(client.token), 0);
  EXPECT_EQ(NetworkIds(client.token), std::set<int64_t>{});
}

TEST_F(PermissionTest, ClientGetsADeviceOfItsNetwork) {
  const int64_t mine = CreateNetwork("perm-get-mine");
  AdminRegister("perm-get-mine-dev", mine);
  const auto client = MakeClient("perm-get-client", {mine});
  const auto result = As(client.token).Get(DevicePath("perm-get-mine-dev"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("networkId"), mine);
}

TEST_F(PermissionTest, ClientIsDeniedADeviceOfAnotherNetwork) {
  const int64_t mine = CreateNetwork("perm-deny-mine");
  const int64_t theirs = CreateNetwork("perm-deny-theirs");
  AdminRegister("perm-deny-theirs-dev", theirs);
  const auto client = MakeClient("perm-deny-client", {mine});
  for (const std::string& id : std::vector<std::string>{"perm-deny-theirs-dev", kSampleDevice}) {
    const auto result = As(client.token).Get(DevicePath(id));
    EXPECT_EQ(result.status, 403) << id;
    EXPECT_EQ(result.json(), json::parse(kAccessDenied)) << id;
  }
}

TEST_F(PermissionTest, ClientIsDeniedRatherThanToldANonexistentDeviceIsMissing) {
  const int64_t mine = CreateNetwork("perm-missing-mine");
  const auto client = MakeClient("perm-missing-client", {mine});
  const auto result = As(client.token).Get(DevicePath("perm-no-such-device"));
  EXPECT_EQ(result.status, 403);
  EXPECT_EQ(result.json(), json::parse(kAccessDenied));
}

TEST_F(PermissionTest, ClientSeesOnlyItsLinkedNetworks) {
  const int64_t first = CreateNetwork("perm-net-first");
  const int64_t second = CreateNetwork("perm-net-second");
  const int64_t other = CreateNetwork("perm-net-other");
  AdminRegister("perm-net-first-dev", first);
  const auto client = MakeClient("perm-net-client", {first, second});
  EXPECT_EQ(NetworkIds(client.token), (std::set<int64_t>{first, second}));
  const auto count = As(client.token).Get("/api/rest/network/count");
  ASSERT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(count.json(), json::parse(R"({"count":2})"));

  const auto own = As(client.token).Get(NetworkPath(first));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().at("devices").as_array().size(), 1u);
  for (const int64_t id : {other, int64_t{1}}) {
    const auto foreign = As(client.token).Get(NetworkPath(id));
    EXPECT_EQ(foreign.status, 403) << id;
    EXPECT_EQ(foreign.json(), json::parse(kAccessDenied)) << id;
  }
}

// --- a CLIENT writing -----------------------------------------------------------------------

TEST_F(PermissionTest, ClientIsDeniedAdminOnlyActions) {
  const int64_t mine = CreateNetwork("perm-admin-only");
  const auto client = MakeClient("perm-admin-only-client", {mine});
  const std::string network = NetworkPath(mine);
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"POST", "/api/rest/network"},
      {"PUT", network},
      {"DELETE", network},
      {"POST", "/api/rest/devicetype"},
      {"PUT", "/api/rest/devicetype/1"},
      {"DELETE", "/api/rest/devicetype/1"},
      {"GET", "/api/rest/user"},
      {"GET", "/api/rest/user/count"},
      {"POST", "/api/rest/user"},
      {"GET", "/api/rest/user/1"},
      {"GET", "/api/rest/configuration/jwt.secret"}};
  auto as_client = As(client.token);
  for (const auto& [method, path] : calls) {
    const auto result = as_client.Send(method, path, R"({"name":"perm-admin-only-x"})");
    EXPECT_EQ(result.status, 403) << method << " " << path << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Access is denied") << method << " " << path;
  }
  EXPECT_EQ(Admin().Get(network).status, 200);
  EXPECT_EQ(Admin().Get("/api/rest/network?name=perm-admin-only-x").body, "[]");
}

TEST_F(PermissionTest, CallsWithoutATokenAreUnauthorized) {
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"GET", "/api/rest/device"},
      {"GET", "/api/rest/device/count"},
      {"GET", DevicePath(kSampleDevice)},
      {"PUT", DevicePath("perm-anonymous")},
      {"DELETE", DevicePath(kSampleDevice)},
      {"GET", "/api/rest/network"},
      {"GET", NetworkPath(1)},
      {"POST", "/api/rest/network"},
      {"GET", "/api/rest/devicetype"},
      {"GET", "/api/rest/user"}};
  auto anonymous = Anonymous();
  for (const auto& [method, path] : calls) {
    const auto result = anonymous.Send(method, path, R"({"name":"perm-anonymous"})");
    EXPECT_EQ(result.status, 401) << method << " " << path;
    EXPECT_EQ(result.json(), json::parse(R"({"error":401,"message":"Unauthorized"})"))
        << method << " " << path;
  }
  EXPECT_EQ(Admin().Get(DevicePath("perm-anonymous")).status, 404);
  EXPECT_EQ(Admin().Get(DevicePath(kSampleDevice)).status, 200);
}

TEST_F(PermissionTest, ClientRegistersDevicesIntoItsNetworks) {
  const int64_t first = CreateNetwork("perm-register-first");
  const int64_t second = CreateNetwork("perm-register-second");
  const auto client = MakeClient("perm-register-client", {first, second});
  const auto chosen =
      PutDevice(client.token, "perm-register-chosen", {{"name", "c"}, {"networkId", second}});
  EXPECT_EQ(chosen.status, 204) << chosen.body;
  const auto defaulted = PutDevice(client.token, "perm-register-default", {{"name", "d"}});
  EXPECT_EQ(defaulted.status, 204) << defaulted.body;
  EXPECT_EQ(As(client.token).Get(DevicePath("perm-register-chosen")).json().at("networkId"),
            second);
  EXPECT_EQ(As(client.token).Get(DevicePath("perm-register-default")).json().at("networkId"),
            first);
}

TEST_F(PermissionTest, ClientCannotRegisterIntoAnotherNetwork) {
  const int64_t mine = CreateNetwork("perm-register-mine");
  const int64_t theirs = CreateNetwork("perm-register-theirs");
  const auto client = MakeClient("perm-register-outsider", {mine});
  for (const int64_t network : {theirs, int64_t{1}}) {
    const auto result =
        PutDevice(client.token, "perm-register-foreign", {{"name", "f"}, {"networkId", network}});
    EXPECT_EQ(result.status, 403) << network;
    EXPECT_EQ(MessageOf(result), "No access to network!") << network;
  }
  EXPECT_EQ(Admin().Get(DevicePath("perm-register-foreign")).status, 404);
}

TEST_F(PermissionTest, ClientWithoutNetworksCannotRegister) {
  const auto client = MakeClient("perm-register-homeless", {});
  const auto result = PutDevice(client.token, "perm-register-homeless-dev", {{"name", "h"}});
  EXPECT_EQ(result.status, 403);
  EXPECT_EQ(MessageOf(result), "No access to network!");
  EXPECT_EQ(Admin().Get(DevicePath("perm-register-homeless-dev")).status, 404);
}

TEST_F(PermissionTest, ClientCannotUpdateADeviceOfAnotherNetwork) {
  const int64_t mine = CreateNetwork("perm-update-mine");
  const int64_t theirs = CreateNetwork("perm-update-theirs");
  AdminRegister("perm-update-theirs-dev", theirs);
  const auto client = MakeClient("perm-update-client", {mine});
  const auto rename = PutDevice(client.token, "perm-update-theirs-dev", {{"name", "hijacked"}});
  EXPECT_EQ(rename.status, 403);
  EXPECT_EQ(MessageOf(rename), "No access to device");
  const auto move = PutDevice(client.token, "perm-update-theirs-dev",
                              {{"name", "hijacked"}, {"networkId", mine}});
  EXPECT_EQ(move.status, 403);
  EXPECT_EQ(MessageOf(move), "No access to device");
  const auto device = Admin().Get(DevicePath("perm-update-theirs-dev")).json();
  EXPECT_EQ(device.at("name"), "perm-update-theirs-dev");
  EXPECT_EQ(device.at("networkId"), theirs);
}

TEST_F(PermissionTest, ClientCannotDeleteADeviceOfAnotherNetwork) {
  const int64_t mine = CreateNetwork("perm-delete-mine");
  const int64_t theirs = CreateNetwork("perm-delete-theirs");
  AdminRegister("perm-delete-theirs-dev", theirs);
  AdminRegister("perm-delete-mine-dev", mine);
  const auto client = MakeClient("perm-delete-client", {mine});
  const auto result = As(client.token).Delete(DevicePath("perm-delete-theirs-dev"));
  EXPECT_EQ(result.status, 403);
  EXPECT_EQ(result.json(), json::parse(kAccessDenied));
  EXPECT_EQ(Admin().Get(DevicePath("perm-delete-theirs-dev")).status, 200);
  EXPECT_EQ(As(client.token).Delete(DevicePath("perm-delete-mine-dev")).status, 204);
  EXPECT_EQ(Admin().Get(DevicePath("perm-delete-mine-dev")).status, 404);
}

TEST_F(PermissionTest, AnonymousCallsAreUnauthorizedBeforeTheirInputIsChecked) {
  const std::vector<std::vector<std::string>> calls = {
      {"PUT", DevicePath("perm-anonymous-no-body"), ""},
      {"PUT", DevicePath("bad_id"), R"({"name":"x"})"},
      {"GET", "/api/rest/device?sortField=bogus", ""},
      {"GET", "/api/rest/device?take=-1", ""},
      {"GET", "/api/rest/network?sortOrder=sideways", ""},
      {"POST", "/api/rest/network", ""},
      {"POST", "/api/rest/devicetype", R"({"id":1})"},
      {"POST", "/api/rest/user", ""}};
  auto anonymous = Anonymous();
  for (const auto& call : calls) {
    const auto result = anonymous.Send(call[0], call[1], call[2]);
    EXPECT_EQ(result.status, 401) << call[0] << " " << call[1] << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Unauthorized") << call[0] << " " << call[1];
  }
}

// DeviceHive checks the action (@PreAuthorize) before the body or query is read; each route
// declares its action (RouteGuard) so the same order holds here.
TEST_F(PermissionTest, ClientIsDeniedAdminOnlyActionsBeforeItsInputIsChecked) {
  const auto client = MakeClient("perm-admin-only-early", {});
  const std::vector<std::vector<std::string>> calls = {
      {"POST", "/api/rest/network", ""},
      {"POST", "/api/rest/network", R"({"id":5,"name":""})"},
      {"POST", "/api/rest/devicetype", ""},
      {"POST", "/api/rest/user", ""},
      {"GET", "/api/rest/user?sortField=bogus", ""}};
  auto as_client = As(client.token);
  for (const auto& call : calls) {
    const auto result = as_client.Send(call[0], call[1], call[2]);
    EXPECT_EQ(result.status, 403) << call[0] << " " << call[1] << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Access is denied") << call[0] << " " << call[1];
  }
}

TEST_F(PermissionTest, ClientLimitedToDeviceTypesSeesAndUsesOnlyThose) {
  const int64_t network = CreateNetwork("perm-types-net");
  const int64_t user = CreateUser("perm-types-client", kPassword, 1);
  auto admin = Admin();
  const std::string base = "/api/rest/user/" + std::to_string(user);
  ASSERT_EQ(admin.Delete(base + "/devicetype/all").status, 204);
  ASSERT_EQ(admin.Put(base + "/devicetype/3", "").status, 204);
  ASSERT_EQ(admin.Put(base + "/network/" + std::to_string(network), "").status, 204);
  for (const auto& [id, type] : {std::pair{"perm-types-lamp", 3}, std::pair{"perm-types-tv", 6}}) {
    const auto result =
        PutDevice(admin_token_, id, {{"name", id}, {"networkId", network}, {"deviceTypeId", type}});
    ASSERT_EQ(result.status, 204) << result.body;
  }
  const auto token = Login(port(), "perm-types-client", kPassword);
  ASSERT_FALSE(token.empty());

  EXPECT_EQ(DeviceIds(token), DeviceSet{"perm-types-lamp"});
  EXPECT_EQ(As(token).Get(DevicePath("perm-types-tv")).status, 403);
  const auto published = As(token).Get(NetworkPath(network));
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json().at("devices").as_array().size(), 1u);
  const auto types = As(token).Get("/api/rest/devicetype");
  ASSERT_EQ(types.status, 200) << types.body;
  EXPECT_EQ(types.json(), json::parse(R"([{"id":3,"name":"Lightning",
      "description":"Devices to turn smart lights on and off, change the brightness, specify colors"}])"));

  const auto defaulted = PutDevice(token, "perm-types-new", {{"name", "new"}});
  ASSERT_EQ(defaulted.status, 204) << defaulted.body;
  EXPECT_EQ(As(token).Get(DevicePath("perm-types-new")).json().at("deviceTypeId"), 3)
      << "the default device type is the lowest the client may use";
  const auto other = PutDevice(token, "perm-types-other", {{"name", "o"}, {"deviceTypeId", 1}});
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(MessageOf(other), "No access to device type!");
}

// --- minted tokens --------------------------------------------------------------------------

TEST_F(PermissionTest, AdminTokenRestrictedToNetworksSeesOnlyThose) {
  const int64_t kept = CreateNetwork("perm-mint-kept");
  const int64_t hidden = CreateNetwork("perm-mint-hidden");
  AdminRegister("perm-mint-kept-dev", kept);
  AdminRegister("perm-mint-hidden-dev", hidden);
  const auto token =
      Mint({{"userId", 1}, {"actions", json::array{"*"}}, {"networkIds", json::array{kept}}});
  auto narrowed = As(token);
  EXPECT_EQ(DeviceIds(token), DeviceSet{"perm-mint-kept-dev"});
  EXPECT_EQ(DeviceCount(token), 1);
  EXPECT_EQ(NetworkIds(token), std::set<int64_t>{kept});
  EXPECT_EQ(narrowed.Get(DevicePath("perm-mint-kept-dev")).status, 200);
  for (const std::string& id : std::vector<std::string>{"perm-mint-hidden-dev", kSampleDevice}) {
    const auto result = narrowed.Get(DevicePath(id));
    EXPECT_EQ(result.status, 403) << id;
    EXPECT_EQ(result.json(), json::parse(kAccessDenied)) << id;
  }
  const auto network = narrowed.Get(NetworkPath(hidden));
  EXPECT_EQ(network.status, 403);
  EXPECT_EQ(MessageOf(network), "Access is denied");
  EXPECT_EQ(narrowed.Get(DevicePath("perm-mint-no-such-device")).status, 403)
      << "a narrowed principal does not see every device, so a missing one is denied (§5.3)";
  const auto outside =
      PutDevice(token, "perm-mint-outside", {{"name", "o"}, {"networkId", hidden}});
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(MessageOf(outside), "No access to network!");
  EXPECT_EQ(PutDevice(token, "perm-mint-inside", {{"name", "i"}, {"networkId", kept}}).status, 204);
}

TEST_F(PermissionTest, MintedDeviceTypeIdsDoNotNarrowAUserWithAllDeviceTypes) {
  const auto token = Mint({{"userId", 1},
                           {"actions", json::array{"*"}},
                           {"networkIds", json::array{"*"}},
                           {"deviceTypeIds", json::array{2}}});
  const auto result = As(token).Get(DevicePath(kSampleDevice));
  EXPECT_EQ(result.status, 200) << "spec §5.4: the admin has allDeviceTypesAvailable";
  EXPECT_EQ(result.json().at("deviceTypeId"), 1);
}

TEST_F(PermissionTest, MintedNetworkIdsMayBeStrings) {
  const int64_t kept = CreateNetwork("perm-mint-strings");
  AdminRegister("perm-mint-strings-dev", kept);
  const auto token = Mint({{"userId", 1},
                           {"actions", json::array{"*"}},
                           {"networkIds", json::array{std::to_string(kept)}}});
  EXPECT_EQ(DeviceIds(token), DeviceSet{"perm-mint-strings-dev"});
}

TEST_F(PermissionTest, MintedTokenWithoutNetworkIdsSeesNoNetwork) {
  const auto token = Mint({{"userId", 1}, {"actions", json::array{"*"}}});
  EXPECT_EQ(DeviceIds(token), DeviceSet{});
  EXPECT_EQ(NetworkIds(token), std::set<int64_t>{});
  EXPECT_EQ(As(token).Get(DevicePath(kSampleDevice)).status, 403);
}

TEST_F(PermissionTest, MintedTokenGrantsOnlyItsActions) {
  const auto token = Mint({{"userId", 1},
                           {"actions", json::array{"GetNetwork"}},
                           {"networkIds", json::array{"*"}},
                           {"deviceTypeIds", json::array{"*"}}});
  EXPECT_EQ(As(token).Get("/api/rest/network").status, 200);
  const auto devices = As(token).Get("/api/rest/device");
  EXPECT_EQ(devices.status, 403);
  EXPECT_EQ(devices.json(), json::parse(kAccessDenied));
  EXPECT_EQ(As(token).Post("/api/rest/network", R"({"name":"perm-mint-actions"})").status, 403);
}

TEST_F(PermissionTest, ClientCanMintItselfATokenForOneOfItsNetworks) {
  const int64_t first = CreateNetwork("perm-self-mint-first");
  const int64_t second = CreateNetwork("perm-self-mint-second");
  AdminRegister("perm-self-mint-first-dev", first);
  AdminRegister("perm-self-mint-second-dev", second);
  const auto client = MakeClient("perm-self-mint", {first, second});
  EXPECT_EQ(DeviceIds(client.token),
            (DeviceSet{"perm-self-mint-first-dev", "perm-self-mint-second-dev"}));
  const auto minted = As(client.token)
                          .Post("/api/rest/token/create",
                                json::serialize(json::object{{"userId", client.id},
                                                             {"actions", json::array{}},
                                                             {"networkIds", json::array{second}}}));
  ASSERT_EQ(minted.status, 201) << minted.body;
  const auto token = std::string(minted.json().at("accessToken").as_string());
  EXPECT_EQ(DeviceIds(token), DeviceSet{"perm-self-mint-second-dev"});
  EXPECT_EQ(As(token).Get(DevicePath("perm-self-mint-first-dev")).status, 403);
}

}  // namespace
}  // namespace dh::test
