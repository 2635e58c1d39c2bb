// Authentication over the WebSocket API (spec §4.2 session actions, §5): `authenticate` and its
// 401 messages, anonymous sessions, and the token actions (login, refresh, create) that relay
// the auth service's answers.
#include <string>
#include <vector>

#include "jwt_tool.hpp"
#include "ws_test.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;

constexpr int64_t kHourMs = 3'600'000;

class WsAuthTest : public WsTest {
 protected:
  static object Authenticate(WsClient& ws, const std::string& token) {
    return ws.Request({{"action", "authenticate"}, {"token", token}});
  }
  // An admin token as DeviceHive issues it, with the given expiry and type.
  static std::string AdminToken(int64_t expiration_ms, int type) {
    return jwt::SignPayload(object{{"u", 1},
                                   {"a", array{0}},
                                   {"n", array{"*"}},
                                   {"dt", array{"*"}},
                                   {"e", expiration_ms},
                                   {"t", type}});
  }
  // Logs in through REST and returns both tokens.
  static std::pair<std::string, std::string> RestLogin(const std::string& login,
                                                       const std::string& password) {
    const auto result =
        Anonymous().Post("/api/rest/token",
                         boost::json::serialize(object{{"login", login}, {"password", password}}));
    EXPECT_EQ(result.status, 201) << result.body;
    if (result.status != 201) return {};
    return {std::string(result.json().at("accessToken").as_string()),
            std::string(result.json().at("refreshToken").as_string())};
  }
  static std::string LoginOf(WsClient& ws) {
    const auto current = ws.Request({{"action", "user/getCurrent"}});
    return current.contains("current") ? StringOf(current.at("current").as_object(), "login")
                                       : std::string();
  }
};

// --- authenticate -------------------------------------------------------------------------

TEST_F(WsAuthTest, AuthenticateWithAnAccessTokenAuthorizesTheSession) {
  auto ws = Connect();
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/getCurrent"}}), 401, "Unauthorized"));
  const auto response = Authenticate(ws, admin_token_);
  EXPECT_TRUE(Succeeded(response));
  EXPECT_EQ(KeysOf(response), (std::set<std::string>{"action", "requestId", "status"}));
  EXPECT_EQ(response.at("action"), "authenticate");
  EXPECT_EQ(LoginOf(ws), kAdminLogin);
}

TEST_F(WsAuthTest, AuthenticateWithAnEmptyOrMissingTokenIsUnauthorized) {
  auto ws = Connect();
  EXPECT_TRUE(FailedWith(Authenticate(ws, ""), 401, "Unauthorized"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "authenticate"}}), 401, "Unauthorized"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "authenticate"}, {"token", nullptr}}), 401,
                         "Unauthorized"));
}

TEST_F(WsAuthTest, AuthenticateWithARefreshTokenIsInvalidCredentials) {
  const auto [access, refresh] = RestLogin(kAdminLogin, kAdminPassword);
  auto ws = Connect();
  EXPECT_TRUE(FailedWith(Authenticate(ws, refresh), 401, "Invalid credentials"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/getCurrent"}}), 401, "Unauthorized"));
}

TEST_F(WsAuthTest, AuthenticateWithGarbageOrAForeignSignatureIsInvalidCredentials) {
  auto ws = Connect();
  const std::string foreign = jwt::SignPayload(
      object{{"u", 1}, {"a", array{0}}, {"e", jwt::NowMs() + kHourMs}, {"t", 1}}, "other-key");
  for (const std::string& token : std::vector<std::string>{"garbage", "a.b.c", foreign}) {
    EXPECT_TRUE(FailedWith(Authenticate(ws, token), 401, "Invalid credentials")) << token;
  }
}

TEST_F(WsAuthTest, AuthenticateWithAnExpiredTokenReportsTokenExpired) {
  auto ws = Connect();
  EXPECT_TRUE(
      FailedWith(Authenticate(ws, AdminToken(jwt::NowMs() - 60'000, 1)), 401, "Token expired"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/getCurrent"}}), 401, "Unauthorized"));
}

TEST_F(WsAuthTest, AuthenticateWithAnIndependentlySignedTokenIsAccepted) {
  auto ws = Connect();
  EXPECT_TRUE(Succeeded(Authenticate(ws, AdminToken(jwt::NowMs() + kHourMs, 1))));
  EXPECT_EQ(LoginOf(ws), kAdminLogin);
}

TEST_F(WsAuthTest, AuthenticateAgainSwitchesTheSessionToTheNewUser) {
  CreateUser("ws-auth-switch", "switch_pass1", 1);
  const auto [client_access, client_refresh] = RestLogin("ws-auth-switch", "switch_pass1");
  auto ws = ConnectAdmin();
  EXPECT_EQ(LoginOf(ws), kAdminLogin);
  EXPECT_TRUE(Succeeded(Authenticate(ws, client_access)));
  EXPECT_EQ(LoginOf(ws), "ws-auth-switch");
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/list"}}), 403, "Access is denied"));
}

TEST_F(WsAuthTest, AuthenticateRecordsTheUsersLastLogin) {
  const int64_t id = CreateUser("ws-auth-last-login", "last_login1", 1);
  const auto minted = Admin().Post(
      "/api/rest/token/create",
      boost::json::serialize(object{{"userId", id}, {"actions", array{"GetCurrentUser"}}}));
  ASSERT_EQ(minted.status, 201) << minted.body;
  const auto before = Admin().Get("/api/rest/user/" + std::to_string(id));
  ASSERT_EQ(before.status, 200);
  ASSERT_TRUE(before.json().at("lastLogin").is_null()) << before.body;

  auto ws = Connect();
  ASSERT_TRUE(
      Succeeded(Authenticate(ws, std::string(minted.json().at("accessToken").as_string()))));
  const auto after = Admin().Get("/api/rest/user/" + std::to_string(id));
  ASSERT_EQ(after.status, 200);
  ASSERT_TRUE(after.json().at("lastLogin").is_string()) << after.body;
  EXPECT_EQ(after.json().at("lastLogin").as_string().size(), 23u);
}

TEST_F(WsAuthTest, ActionsBeforeAuthenticateAreUnauthorized) {
  const int64_t network = CreateNetwork("ws-auth-anonymous-net");
  RegisterDevice("ws-auth-anonymous-dev", network);
  auto ws = Connect();
  const std::string device = "ws-auth-anonymous-dev";
  const std::vector<object> requests = {
      {{"action", "device/get"}, {"deviceId", device}},
      {{"action", "device/list"}},
      {{"action", "device/count"}},
      {{"action", "device/save"}, {"deviceId", "ws-auth-anon-new"}, {"device", {{"name", "x"}}}},
      {{"action", "device/delete"}, {"deviceId", device}},
      {{"action", "network/list"}},
      {{"action", "network/get"}, {"networkId", network}},
      {{"action", "network/insert"}, {"network", {{"name", "ws-auth-anon-net"}}}},
      {{"action", "devicetype/list"}},
      {{"action", "user/list"}},
      {{"action", "user/getCurrent"}},
      {{"action", "configuration/get"}, {"name", "user.login.lastTimeout"}},
      {{"action", "notification/insert"},
       {"deviceId", device},
       {"notification", {{"notification", "n"}}}},
      {{"action", "notification/list"}, {"deviceId", device}},
      {{"action", "notification/subscribe"}, {"deviceId", device}},
      {{"action", "command/insert"}, {"deviceId", device}, {"command", {{"command", "c"}}}},
      {{"action", "command/subscribe"}},
      {{"action", "subscription/list"}},
      {{"action", "token/create"}, {"payload", {{"userId", 1}}}}};
  for (const auto& request : requests) {
    EXPECT_TRUE(FailedWith(ws.Request(request), 401, "Unauthorized"))
        << boost::json::serialize(request);
  }
  // Nothing was changed.
  EXPECT_EQ(Admin().Get("/api/rest/device/" + device).status, 200);
  EXPECT_EQ(Admin().Get("/api/rest/device/ws-auth-anon-new").status, 404);
  EXPECT_EQ(Admin().Get("/api/rest/network?name=ws-auth-anon-net").body, "[]");
}

TEST_F(WsAuthTest, SessionActionsNeedNoAuthentication) {
  auto ws = Connect();
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "server/info"}})));
  EXPECT_TRUE(Succeeded(
      ws.Request({{"action", "token"}, {"login", kAdminLogin}, {"password", kAdminPassword}})));
}

// --- token (login) ------------------------------------------------------------------------

TEST_F(WsAuthTest, TokenActionLogsInWithLoginAndPassword) {
  auto ws = Connect();
  const auto response =
      ws.Request({{"action", "token"}, {"login", kAdminLogin}, {"password", kAdminPassword}});
  ASSERT_TRUE(Succeeded(response));
  EXPECT_EQ(KeysOf(response), (std::set<std::string>{"action", "requestId", "status", "accessToken",
                                                     "refreshToken"}));
  const std::string access(response.at("accessToken").as_string());
  const std::string refresh(response.at("refreshToken").as_string());
  EXPECT_EQ(jwt::PayloadOf(access).at("t").as_int64(), 1);
  EXPECT_EQ(jwt::PayloadOf(refresh).at("t").as_int64(), 0);
  // Logging in does not authenticate the session; the token does.
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "user/getCurrent"}}), 401, "Unauthorized"));
  EXPECT_TRUE(Succeeded(Authenticate(ws, access)));
  EXPECT_EQ(LoginOf(ws), kAdminLogin);
}

TEST_F(WsAuthTest, TokenActionRelaysTheAuthServicesErrors) {
  CreateUser("ws-auth-wrong-pass", "right_pass1", 1);
  const std::vector<object> bodies = {
      {{"login", "ws-auth-wrong-pass"}, {"password", "wrong_pass1"}},
      {{"login", "ws-auth-nobody"}, {"password", "whatever1"}},
      {{"login", "ws-auth-wrong-pass"}},
      {{"password", "whatever1"}},
      {{"login", ""}, {"password", ""}}};
  auto ws = Connect();
  for (const auto& body : bodies) {
    const auto rest = Anonymous().Post("/api/rest/token", boost::json::serialize(body));
    object request = body;
    request["action"] = "token";
    const auto response = ws.Request(request);
    EXPECT_TRUE(FailedWith(response, rest.status, MessageOf(rest)))
        << boost::json::serialize(body) << " REST: " << rest.body;
  }
  EXPECT_TRUE(FailedWith(
      ws.Request(
          {{"action", "token"}, {"login", "ws-auth-wrong-pass"}, {"password", "wrong_pass1"}}),
      401, "Invalid credentials"));
}

// --- token/refresh ------------------------------------------------------------------------

TEST_F(WsAuthTest, TokenRefreshIssuesANewAccessToken) {
  const auto [access, refresh] = RestLogin(kAdminLogin, kAdminPassword);
  auto ws = Connect();
  const auto response = ws.Request({{"action", "token/refresh"}, {"refreshToken", refresh}});
  ASSERT_TRUE(Succeeded(response));
  EXPECT_EQ(KeysOf(response),
            (std::set<std::string>{"action", "requestId", "status", "accessToken"}));
  const std::string renewed(response.at("accessToken").as_string());
  EXPECT_EQ(jwt::PayloadOf(renewed).at("t").as_int64(), 1);
  EXPECT_TRUE(Succeeded(Authenticate(ws, renewed)));
  EXPECT_EQ(LoginOf(ws), kAdminLogin);
}

TEST_F(WsAuthTest, TokenRefreshWithoutARefreshTokenIsABadRequest) {
  auto ws = Connect();
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "token/refresh"}}), 400,
                         "Missing or invalid payload in request"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "token/refresh"}, {"refreshToken", ""}}), 400,
                         "Missing or invalid payload in request"));
}

TEST_F(WsAuthTest, TokenRefreshRefusesAccessExpiredAndForgedTokens) {
  const auto [access, refresh] = RestLogin(kAdminLogin, kAdminPassword);
  auto ws = Connect();
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "token/refresh"}, {"refreshToken", access}}), 401,
                         "Invalid token type"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "token/refresh"},
                                     {"refreshToken", AdminToken(jwt::NowMs() - 60'000, 0)}}),
                         401, "Token has expired"));
  const auto forged = ws.Request({{"action", "token/refresh"}, {"refreshToken", "garbage"}});
  EXPECT_EQ(forged.at("code"), 401) << boost::json::serialize(forged);
  EXPECT_EQ(forged.at("status"), "error");
}

// --- token/create -------------------------------------------------------------------------

TEST_F(WsAuthTest, TokenCreateMintsTokensWithTheRequestedRights) {
  const int64_t user = CreateUser("ws-auth-minted", "minted_pass1", 1);
  auto ws = ConnectAdmin();
  const auto response = ws.Request(
      {{"action", "token/create"},
       {"payload",
        {{"userId", user}, {"actions", array{"GetCurrentUser", 3}}, {"networkIds", array{"*"}}}}});
  ASSERT_TRUE(Succeeded(response));
  EXPECT_EQ(KeysOf(response), (std::set<std::string>{"action", "requestId", "status", "accessToken",
                                                     "refreshToken"}));
  const std::string access(response.at("accessToken").as_string());
  const auto payload = jwt::PayloadOf(access);
  EXPECT_EQ(payload.at("u").as_int64(), user);
  EXPECT_EQ(payload.at("t").as_int64(), 1);
  EXPECT_EQ(jwt::PayloadOf(std::string(response.at("refreshToken").as_string())).at("t"), 0);

  auto minted = ConnectAs(access);
  EXPECT_EQ(LoginOf(minted), "ws-auth-minted");
  EXPECT_TRUE(FailedWith(minted.Request({{"action", "user/updateCurrent"}, {"user", object{}}}),
                         403, "Access is denied"));
}

TEST_F(WsAuthTest, TokenCreateWithoutAPayloadIsABadRequest) {
  auto ws = ConnectAdmin();
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "token/create"}}), 400,
                         "Missing or invalid payload in request"));
}

TEST_F(WsAuthTest, TokenCreateForAnUnknownUserIsNotFound) {
  auto ws = ConnectAdmin();
  const auto rest =
      Admin().Post("/api/rest/token/create", boost::json::serialize(object{{"userId", 987654}}));
  const auto response = ws.Request({{"action", "token/create"}, {"payload", {{"userId", 987654}}}});
  EXPECT_EQ(rest.status, 404) << rest.body;
  EXPECT_TRUE(FailedWith(response, 404, MessageOf(rest)));
}

TEST_F(WsAuthTest, TokenCreateNeedsManageToken) {
  const int64_t user = CreateUser("ws-auth-no-manage", "no_manage1", 1);
  const auto minted = Admin().Post(
      "/api/rest/token/create",
      boost::json::serialize(object{{"userId", user}, {"actions", array{"GetCurrentUser"}}}));
  ASSERT_EQ(minted.status, 201) << minted.body;
  auto ws = ConnectAs(std::string(minted.json().at("accessToken").as_string()));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "token/create"}, {"payload", {{"userId", user}}}}),
                         403, "Access is denied"));
}

}  // namespace
}  // namespace dh::test
