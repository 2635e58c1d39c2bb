// Plugin tokens on the auth service (spec devicehive-api §3.8, proxy-plugin-mqtt §3.4):
// /token/plugin/authenticate, /token/plugin/create, /token/refresh with a plugin refresh token,
// and what a plugin's own access token may do on the plugin resource.
#include <string>

#include "plugin_test.hpp"

namespace dh::test {
namespace {

using boost::json::object;

class PluginTokenTest : public PluginTest {
 protected:
  static HttpResult AuthenticateToken(const std::string& token,
                                      const std::string& base = "/auth/rest") {
    return Anonymous().Get(base + "/token/plugin/authenticate?token=" + token);
  }
  static HttpResult CreateTokens(const std::string& caller, const object& body) {
    return As(caller).Post("/auth/rest/token/plugin/create", boost::json::serialize(body));
  }
  static HttpResult Refresh(const std::string& refresh_token) {
    return Anonymous().Post("/auth/rest/token/refresh",
                            boost::json::serialize(object{{"refreshToken", refresh_token}}));
  }
  static ::testing::AssertionResult Unauthorized(const HttpResult& result,
                                                 const std::string& message) {
    if (result.status == 401 && MessageOf(result) == message) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "expected 401 \"" << message << "\", got " << result.status << " " << result.body;
  }
};

// --- /token/plugin/authenticate -------------------------------------------------------------

TEST_F(PluginTokenTest, AccessTokenAuthenticatesAsThePluginPayload) {
  const auto plugin = Register("token-authenticate");
  for (const char* base : {"/auth/rest", "/api/rest"}) {
    const auto result = AuthenticateToken(plugin.access_token, base);
    ASSERT_EQ(result.status, 200) << base << ": " << result.body;
    const auto payload = result.json().as_object();
    EXPECT_EQ(KeysOf(payload), (std::set<std::string>{"a", "e", "t", "tpc"}));
    EXPECT_EQ(payload.at("a"), (boost::json::array{16}));
    EXPECT_EQ(payload.at("t"), 1);
    EXPECT_EQ(StringOf(payload, "tpc"), plugin.topic);
    EXPECT_TRUE(payload.at("e").is_string()) << result.body;
  }
}

TEST_F(PluginTokenTest, RefreshTokenIsTheWrongTokenType) {
  const auto plugin = Register("token-refresh-type");
  EXPECT_TRUE(Unauthorized(AuthenticateToken(plugin.refresh_token), "Invalid token type"));
}

TEST_F(PluginTokenTest, MalformedOrUserTokensAreNotValid) {
  EXPECT_TRUE(Unauthorized(AuthenticateToken("garbage"), "Token is not valid"));
  EXPECT_TRUE(Unauthorized(AuthenticateToken("a.b.c"), "Token is not valid"));
  // A user's token is well signed but names no plugin.
  EXPECT_TRUE(Unauthorized(AuthenticateToken(admin_token_), "Token is not valid"));
}

TEST_F(PluginTokenTest, MissingTokenIsEmpty) {
  EXPECT_TRUE(Unauthorized(AuthenticateToken(""), "Token is empty"));
  EXPECT_TRUE(
      Unauthorized(Anonymous().Get("/auth/rest/token/plugin/authenticate"), "Token is empty"));
}

TEST_F(PluginTokenTest, TokenOfADeletedPluginIsRefused) {
  const auto plugin = Register("token-deleted");
  ASSERT_EQ(Admin().Delete(std::string(kPluginPath) + "?topicName=" + plugin.topic).status, 204);
  EXPECT_TRUE(Unauthorized(AuthenticateToken(plugin.access_token), kPluginNotFound));
  EXPECT_TRUE(Unauthorized(Refresh(plugin.refresh_token), kPluginNotFound));
}

// --- /token/refresh ---------------------------------------------------------------------------

TEST_F(PluginTokenTest, RefreshGivesAWorkingPluginAccessToken) {
  const auto plugin = Register("token-refreshed");
  const auto refreshed = Refresh(plugin.refresh_token);
  ASSERT_EQ(refreshed.status, 201) << refreshed.body;
  const auto body = refreshed.json().as_object();
  EXPECT_EQ(KeysOf(body), std::set<std::string>{"accessToken"});
  const std::string access = StringOf(body, "accessToken");

  const auto authenticated = AuthenticateToken(access);
  ASSERT_EQ(authenticated.status, 200) << authenticated.body;
  EXPECT_EQ(StringOf(authenticated.json().as_object(), "tpc"), plugin.topic);
  EXPECT_EQ(authenticated.json().at("t"), 1);

  ProxyClient proxy(port());
  const auto reply = proxy.Authenticate(access);
  EXPECT_EQ(reply.at("s"), 0) << boost::json::serialize(reply);
  EXPECT_EQ(StringOf(reply.at("p").as_object(), "tpc"), plugin.topic);
}

// --- /token/plugin/create -------------------------------------------------------------------

TEST_F(PluginTokenTest, OwnerCreatesTokensForItsPlugin) {
  const std::string owner = ClientToken("token-owner", {});
  const auto plugin = Register("token-owned", "", owner);
  const auto created = CreateTokens(owner, {{"a", boost::json::array{16}}, {"tpc", plugin.topic}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto body = created.json().as_object();
  EXPECT_EQ(KeysOf(body), (std::set<std::string>{"accessToken", "refreshToken"}));
  const auto authenticated = AuthenticateToken(StringOf(body, "accessToken"));
  ASSERT_EQ(authenticated.status, 200) << authenticated.body;
  EXPECT_EQ(StringOf(authenticated.json().as_object(), "tpc"), plugin.topic);
  EXPECT_TRUE(
      Unauthorized(AuthenticateToken(StringOf(body, "refreshToken")), "Invalid token type"));

  // The admin may mint tokens for anyone's plugin.
  EXPECT_EQ(
      CreateTokens(admin_token_, {{"a", boost::json::array{16}}, {"tpc", plugin.topic}}).status,
      201);
}

TEST_F(PluginTokenTest, AnotherClientCannotCreateTokensForThePlugin) {
  const std::string owner = ClientToken("token-real-owner", {});
  const std::string stranger = ClientToken("token-stranger", {});
  const auto plugin = Register("token-not-strangers", "", owner);
  const auto refused =
      CreateTokens(stranger, {{"a", boost::json::array{16}}, {"tpc", plugin.topic}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  const int64_t stranger_id = As(stranger).Get("/api/rest/user/current").json().at("id").as_int64();
  EXPECT_EQ(MessageOf(refused),
            "User with id " + std::to_string(stranger_id) + " is not a plugin creator");
}

TEST_F(PluginTokenTest, CreateForAnUnknownOrMissingTopicIsForbidden) {
  for (const auto& body : {object{{"a", boost::json::array{16}}, {"tpc", "plugin_topic_none"}},
                           object{{"a", boost::json::array{16}}}}) {
    const auto refused = CreateTokens(admin_token_, body);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(MessageOf(refused), "No permisions or invalid topic name");
  }
  EXPECT_EQ(Anonymous().Post("/auth/rest/token/plugin/create", R"({"tpc":"x"})").status, 401);
}

TEST_F(PluginTokenTest, TokenCreatedWithAPastExpirationHasExpired) {
  const auto plugin = Register("token-expired");
  const auto created = CreateTokens(
      admin_token_,
      {{"a", boost::json::array{16}}, {"tpc", plugin.topic}, {"e", "2020-01-01T00:00:00.000"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string access = StringOf(created.json().as_object(), "accessToken");
  EXPECT_TRUE(Unauthorized(AuthenticateToken(access), "Token has expired"));
  ProxyClient proxy(port());
  const auto reply = proxy.Authenticate(access);
  EXPECT_EQ(reply.at("s"), 1) << boost::json::serialize(reply);
  EXPECT_EQ(StatusOf(plugin.topic), "CREATED");
}

// --- a plugin's own token on the plugin resource ----------------------------------------------

TEST_F(PluginTokenTest, PluginTokenSeesAndChangesOnlyItsOwnPlugin) {
  const auto plugin = Register("token-self");
  const auto other = Register("token-self-other");
  const auto listed = As(plugin.access_token).Get(kPluginPath);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto plugins = listed.json().as_array();
  ASSERT_EQ(plugins.size(), 1u) << listed.body;
  EXPECT_EQ(plugins.front().at("topicName"), plugin.topic.c_str());

  EXPECT_EQ(
      As(plugin.access_token)
          .Put(std::string(kPluginPath) + "?topicName=" + plugin.topic + "&name=token-self-renamed",
               "")
          .status,
      204);
  EXPECT_EQ(StringOf(*FindPlugin(plugin.topic), "name"), "token-self-renamed");
  EXPECT_EQ(StringOf(*FindPlugin(other.topic), "name"), "token-self-other");

  // A plugin cannot register plugins, nor act as its owner elsewhere.
  EXPECT_EQ(RegisterRequest(plugin.access_token, "token-self-child").status, 403);
  EXPECT_EQ(As(plugin.access_token).Get("/api/rest/network").status, 403);
  // Its refresh token is no access token.
  EXPECT_EQ(As(plugin.refresh_token).Get(kPluginPath).status, 401);
}

}  // namespace
}  // namespace dh::test
