// Login, refresh and token minting (spec §3.8-3.9), and the JWT wire format (§5.1, §5.5)
// checked against a signer written here with OpenSSL, independent of the server's codec.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "jwt_tool.hpp"
#include "server_test.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::serialize;

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kThirtyMinutesMs = 1'800'000;

class AuthTest : public ServerTest {
 protected:
  static HttpResult PostLogin(const std::string& path, const std::string& login,
                              const std::string& password) {
    return Anonymous().Post(path, serialize(object{{"login", login}, {"password", password}}));
  }
  static HttpResult Refresh(const std::string& refresh_token) {
    return Anonymous().Post("/api/rest/token/refresh",
                            serialize(object{{"refreshToken", refresh_token}}));
  }
  // GET /user/current with an arbitrary Authorization header value.
  static HttpResult CurrentUserWithHeader(const std::string& authorization) {
    return Anonymous().Send("GET", "/api/rest/user/current", {},
                            {{"Authorization", authorization}});
  }
  // An admin token as DeviceHive issues it, with the given expiry and type.
  static object AdminPayload(int64_t expiration_ms, int type) {
    return object{{"u", 1},           {"a", array{0}},      {"n", array{"*"}},
                  {"dt", array{"*"}}, {"e", expiration_ms}, {"t", type}};
  }
  static std::set<int64_t> ActionsOf(const std::string& token) {
    std::set<int64_t> actions;
    const auto payload = jwt::PayloadOf(token);
    for (const auto& a : payload.at("a").as_array()) actions.insert(a.to_number<int64_t>());
    return actions;
  }
  static std::vector<std::string> IdsOf(const std::string& token, const char* key) {
    std::vector<std::string> ids;
    const auto payload = jwt::PayloadOf(token);
    for (const auto& id : payload.at(key).as_array()) {
      ids.emplace_back(id.as_string());
    }
    return ids;
  }
  // Logs in and returns both tokens.
  static std::pair<std::string, std::string> LoginPair(const std::string& login,
                                                       const std::string& password) {
    const auto result = PostLogin("/api/rest/token", login, password);
    EXPECT_EQ(result.status, 201) << result.body;
    if (result.status != 201) return {};
    return {std::string(result.json().at("accessToken").as_string()),
            std::string(result.json().at("refreshToken").as_string())};
  }
  static HttpResult CreateToken(HttpClient client, const object& body) {
    return client.Post("/api/rest/token/create", serialize(body));
  }
};

const std::set<int64_t> kClientActions = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17};

// --- login --------------------------------------------------------------------------------

TEST_F(AuthTest, LoginThroughTheFrontendPrefixIssuesAccessAndRefreshTokens) {
  const auto result = PostLogin("/api/rest/token", kAdminLogin, kAdminPassword);
  ASSERT_EQ(result.status, 201) << result.body;
  const auto body = result.json().as_object();
  EXPECT_EQ(body.size(), 2u) << result.body;
  const std::string access(body.at("accessToken").as_string());
  const std::string refresh(body.at("refreshToken").as_string());
  EXPECT_EQ(jwt::PayloadOf(access).at("t").as_int64(), 1);
  EXPECT_EQ(jwt::PayloadOf(refresh).at("t").as_int64(), 0);
  EXPECT_EQ(As(access).Get("/api/rest/user/current").status, 200);
}

TEST_F(AuthTest, LoginThroughTheAuthServiceIssuesAccessAndRefreshTokens) {
  const auto result = PostLogin("/auth/rest/token", kAdminLogin, kAdminPassword);
  ASSERT_EQ(result.status, 201) << result.body;
  const std::string access(result.json().at("accessToken").as_string());
  EXPECT_FALSE(result.json().at("refreshToken").as_string().empty());
  EXPECT_EQ(As(access).Get("/api/rest/user/current").status, 200);
}

TEST_F(AuthTest, AdminLoginTokenCarriesEveryActionAndAllScopes) {
  const auto [access, refresh] = LoginPair(kAdminLogin, kAdminPassword);
  const auto payload = jwt::PayloadOf(access);
  EXPECT_EQ(payload.at("u").as_int64(), 1);
  EXPECT_EQ(serialize(payload.at("a")), "[0]");
  EXPECT_EQ(serialize(payload.at("n")), R"(["*"])");
  EXPECT_EQ(serialize(payload.at("dt")), R"(["*"])");
  const int64_t expires_in = payload.at("e").to_number<int64_t>() - jwt::NowMs();
  EXPECT_GT(expires_in, kThirtyMinutesMs - 60'000);
  EXPECT_LE(expires_in, kThirtyMinutesMs);
  const int64_t refresh_in = jwt::PayloadOf(refresh).at("e").to_number<int64_t>() - jwt::NowMs();
  EXPECT_GT(refresh_in, int64_t{15'724'800'000} - 60'000);
}

TEST_F(AuthTest, ClientLoginTokenCarriesTheClientActionsAndLinkedNetworks) {
  const int64_t user = CreateUser("auth-client-scope", "client_pass1", 1);
  const int64_t network = CreateNetwork("auth-client-scope-net");
  ASSERT_EQ(
      Admin()
          .Put("/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(network), {})
          .status,
      204);
  const auto [access, refresh] = LoginPair("auth-client-scope", "client_pass1");
  EXPECT_EQ(ActionsOf(access), kClientActions);
  EXPECT_EQ(IdsOf(access, "n"), std::vector<std::string>{std::to_string(network)});
  EXPECT_EQ(IdsOf(access, "dt"), std::vector<std::string>{"*"});
  EXPECT_EQ(jwt::PayloadOf(access).at("u").as_int64(), user);
}

TEST_F(AuthTest, UnknownLoginIsRejectedNamingTheLogin) {
  const auto result = PostLogin("/api/rest/token", "auth-nobody", "whatever1");
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(MessageOf(result), "User with login = auth-nobody not found or bad password");
}

TEST_F(AuthTest, WrongPasswordIsRejectedAsInvalidCredentials) {
  CreateUser("auth-wrong-pass", "right_pass1", 1);
  const auto result = PostLogin("/auth/rest/token", "auth-wrong-pass", "wrong_pass1");
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(MessageOf(result), "Invalid credentials");
}

TEST_F(AuthTest, TenWrongPasswordsLockTheUserEvenAgainstTheRightPassword) {
  const int64_t id = CreateUser("auth-lockout", "right_pass1", 1);
  for (int attempt = 1; attempt <= 10; ++attempt) {
    const auto result = PostLogin("/api/rest/token", "auth-lockout", "wrong_pass1");
    ASSERT_EQ(result.status, 401) << "attempt " << attempt << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Invalid credentials") << "attempt " << attempt;
  }
  const auto locked = PostLogin("/api/rest/token", "auth-lockout", "right_pass1");
  EXPECT_EQ(locked.status, 401) << locked.body;
  EXPECT_EQ(MessageOf(locked), "User is locked or disabled");
  const auto user = Admin().Get("/api/rest/user/" + std::to_string(id));
  ASSERT_EQ(user.status, 200);
  EXPECT_EQ(user.json().at("status").as_int64(), 1);  // LOCKED_OUT
}

TEST_F(AuthTest, ASuccessfulLoginResetsTheFailedAttempts) {
  CreateUser("auth-reset-attempts", "right_pass1", 1);
  for (int round = 0; round < 2; ++round) {
    for (int attempt = 0; attempt < 9; ++attempt) {
      ASSERT_EQ(PostLogin("/api/rest/token", "auth-reset-attempts", "wrong_pass1").status, 401);
    }
    const auto result = PostLogin("/api/rest/token", "auth-reset-attempts", "right_pass1");
    EXPECT_EQ(result.status, 201) << "round " << round << ": " << result.body;
  }
}

TEST_F(AuthTest, UnlockingALockedUserLetsItLogInAgain) {
  const int64_t id = CreateUser("auth-unlock", "right_pass1", 1);
  ASSERT_EQ(
      Admin().Put("/api/rest/user/" + std::to_string(id), serialize(object{{"status", 1}})).status,
      204);
  EXPECT_EQ(MessageOf(PostLogin("/api/rest/token", "auth-unlock", "right_pass1")),
            "User is locked or disabled");
  ASSERT_EQ(
      Admin().Put("/api/rest/user/" + std::to_string(id), serialize(object{{"status", 0}})).status,
      204);
  EXPECT_EQ(PostLogin("/api/rest/token", "auth-unlock", "right_pass1").status, 201);
}

TEST_F(AuthTest, EmptyOrMissingCredentialsAreABadRequest) {
  const std::string kMessage = "Invalid or empty authorization request parameters";
  for (const auto& body : {serialize(object{{"login", ""}, {"password", "whatever1"}}),
                           serialize(object{{"login", kAdminLogin}, {"password", ""}}),
                           serialize(object{{"password", kAdminPassword}}),
                           serialize(object{{"login", kAdminLogin}}), std::string("{}")}) {
    const auto result = Anonymous().Post("/api/rest/token", body);
    EXPECT_EQ(result.status, 400) << body << " -> " << result.body;
    EXPECT_EQ(MessageOf(result), kMessage) << body;
  }
  const auto no_body = Anonymous().Post("/api/rest/token", {});
  EXPECT_EQ(no_body.status, 400) << no_body.body;
  EXPECT_EQ(MessageOf(no_body), kMessage);
}

TEST_F(AuthTest, LoginRecordsLastLogin) {
  const int64_t id = CreateUser("auth-last-login", "right_pass1", 1);
  const auto before = Admin().Get("/api/rest/user/" + std::to_string(id));
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(before.json().at("lastLogin").is_null());
  LoginPair("auth-last-login", "right_pass1");
  const auto after = Admin().Get("/api/rest/user/" + std::to_string(id));
  ASSERT_EQ(after.status, 200);
  ASSERT_TRUE(after.json().at("lastLogin").is_string()) << after.body;
  EXPECT_EQ(after.json().at("lastLogin").as_string().size(), 23u);  // yyyy-MM-ddTHH:mm:ss.SSS
}

// --- refresh ------------------------------------------------------------------------------

TEST_F(AuthTest, RefreshIssuesANewAccessToken) {
  const auto [access, refresh] = LoginPair(kAdminLogin, kAdminPassword);
  const auto result = Refresh(refresh);
  ASSERT_EQ(result.status, 201) << result.body;
  const auto body = result.json().as_object();
  EXPECT_EQ(body.size(), 1u) << result.body;
  const std::string renewed(body.at("accessToken").as_string());
  EXPECT_EQ(jwt::PayloadOf(renewed).at("t").as_int64(), 1);
  const auto current = As(renewed).Get("/api/rest/user/current");
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json().at("login").as_string(), kAdminLogin);
}

TEST_F(AuthTest, RefreshWorksThroughTheAuthServicePrefix) {
  const auto [access, refresh] = LoginPair(kAdminLogin, kAdminPassword);
  const auto result =
      Anonymous().Post("/auth/rest/token/refresh", serialize(object{{"refreshToken", refresh}}));
  EXPECT_EQ(result.status, 201) << result.body;
}

TEST_F(AuthTest, RefreshKeepsTheRefreshTokensClaimsAndRenewsTheExpiry) {
  object payload = AdminPayload(jwt::NowMs() + kHourMs, 0);
  payload["a"] = array{3, 10};
  payload["n"] = array{"1"};
  const auto result = Refresh(jwt::SignPayload(payload));
  ASSERT_EQ(result.status, 201) << result.body;
  const std::string renewed(result.json().at("accessToken").as_string());
  const auto claims = jwt::PayloadOf(renewed);
  EXPECT_EQ(claims.at("u").as_int64(), 1);
  EXPECT_EQ(serialize(claims.at("a")), "[3,10]");
  EXPECT_EQ(serialize(claims.at("n")), R"(["1"])");
  EXPECT_EQ(claims.at("t").as_int64(), 1);
  const int64_t expires_in = claims.at("e").to_number<int64_t>() - jwt::NowMs();
  EXPECT_GT(expires_in, kThirtyMinutesMs - 60'000);
  EXPECT_LE(expires_in, kThirtyMinutesMs);
  // The renewed token has exactly those rights: GetCurrentUser yes, ManageUser no.
  EXPECT_EQ(As(renewed).Get("/api/rest/user/current").status, 200);
  EXPECT_EQ(As(renewed).Get("/api/rest/user").status, 403);
}

TEST_F(AuthTest, AnAccessTokenGivenAsRefreshTokenIsInvalidTokenType) {
  const auto [access, refresh] = LoginPair(kAdminLogin, kAdminPassword);
  const auto result = Refresh(access);
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(MessageOf(result), "Invalid token type");
}

TEST_F(AuthTest, AnExpiredRefreshTokenHasExpired) {
  const auto result = Refresh(jwt::SignPayload(AdminPayload(jwt::NowMs() - 60'000, 0)));
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(MessageOf(result), "Token has expired");
}

TEST_F(AuthTest, AForgedOrMissingRefreshTokenIsUnauthorized) {
  const auto forged =
      jwt::SignPayload(AdminPayload(jwt::NowMs() + kHourMs, 0), std::string("other-key"));
  for (const auto& token : {forged, std::string("garbage"), std::string("a.b.c")}) {
    EXPECT_EQ(Refresh(token).status, 401) << token;
  }
  EXPECT_EQ(Anonymous().Post("/api/rest/token/refresh", "{}").status, 401);
  EXPECT_EQ(Anonymous().Post("/api/rest/token/refresh", {}).status, 401);
}

TEST_F(AuthTest, TokensOfAUserWhoIsNoLongerActiveAreRefused) {
  const int64_t id = CreateUser("auth-refresh-locked", "right_pass1", 1);
  const auto [access, refresh] = LoginPair("auth-refresh-locked", "right_pass1");
  ASSERT_EQ(As(access).Get("/api/rest/user/current").status, 200);
  ASSERT_EQ(
      Admin().Put("/api/rest/user/" + std::to_string(id), serialize(object{{"status", 2}})).status,
      204);
  EXPECT_EQ(Refresh(refresh).status, 401);
  EXPECT_EQ(As(access).Get("/api/rest/user/current").status, 401);
}

// --- /token/create ------------------------------------------------------------------------

TEST_F(AuthTest, AdminMintsTokensForAUserWithTheRequestedRights) {
  const int64_t user = CreateUser("auth-minted", "right_pass1", 1);
  const auto result =
      CreateToken(Admin(), object{{"userId", user},
                                  {"actions", array{"getdevice", 10, "NoSuchAction"}},
                                  {"networkIds", array{"*"}},
                                  {"deviceTypeIds", array{2, "3"}}});
  ASSERT_EQ(result.status, 201) << result.body;
  const std::string access(result.json().at("accessToken").as_string());
  const std::string refresh(result.json().at("refreshToken").as_string());
  const auto payload = jwt::PayloadOf(access);
  EXPECT_EQ(payload.at("u").as_int64(), user);
  EXPECT_EQ(ActionsOf(access), (std::set<int64_t>{3, 10}));
  EXPECT_EQ(IdsOf(access, "n"), std::vector<std::string>{"*"});
  EXPECT_EQ(IdsOf(access, "dt"), (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(payload.at("t").as_int64(), 1);
  EXPECT_EQ(jwt::PayloadOf(refresh).at("t").as_int64(), 0);

  const auto current = As(access).Get("/api/rest/user/current");
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json().at("id").as_int64(), user);
  EXPECT_EQ(As(access).Put("/api/rest/user/current", "{}").status, 403);  // no UpdateCurrentUser
}

TEST_F(AuthTest, MintedTokensHonourAnExplicitExpiration) {
  const int64_t user = CreateUser("auth-minted-expiry", "right_pass1", 1);
  const auto result = CreateToken(
      Admin(),
      object{{"userId", user}, {"actions", array{}}, {"expiration", "2099-01-02T03:04:05.678"}});
  ASSERT_EQ(result.status, 201) << result.body;
  const std::string access(result.json().at("accessToken").as_string());
  const std::string refresh(result.json().at("refreshToken").as_string());
  EXPECT_EQ(jwt::PayloadOf(access).at("e").to_number<int64_t>(), 4071006245678);
  EXPECT_EQ(jwt::PayloadOf(refresh).at("e").to_number<int64_t>(), 4071006245678);
  EXPECT_EQ(ActionsOf(access), std::set<int64_t>{});  // empty: the client actions
  EXPECT_EQ(As(access).Get("/api/rest/user/current").status, 200);
}

TEST_F(AuthTest, MintedTokenWithoutActionsGrantsNothing) {
  const int64_t user = CreateUser("auth-minted-none", "right_pass1", 1);
  const auto result = CreateToken(Admin(), object{{"userId", user}});
  ASSERT_EQ(result.status, 201) << result.body;
  const std::string access(result.json().at("accessToken").as_string());
  EXPECT_EQ(ActionsOf(access), std::set<int64_t>{1});  // NONE
  const auto denied = As(access).Get("/api/rest/user/current");
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(MessageOf(denied), "Access is denied");
}

TEST_F(AuthTest, MintingForAnUnknownUserIsNotFound) {
  const auto result = CreateToken(Admin(), object{{"userId", 987654}, {"actions", array{"*"}}});
  EXPECT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(MessageOf(result), "User with id = 987654 not found");
}

TEST_F(AuthTest, MintingWithoutAUserIdIsABadRequest) {
  const auto result = CreateToken(Admin(), object{{"actions", array{"*"}}});
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result),
            "Error! Make sure, that the passed object is correct and properly structured. "
            "Validation failed: \nOn property userId (value: null): must not be null ; ");
}

TEST_F(AuthTest, MintingWithActionsOfTheWrongTypeIsABadRequest) {
  const int64_t user = CreateUser("auth-minted-bad-actions", "right_pass1", 1);
  for (const auto& actions : {boost::json::value(array{true}), boost::json::value(array{1.5}),
                              boost::json::value(array{object{}})}) {
    const auto result = CreateToken(Admin(), object{{"userId", user}, {"actions", actions}});
    EXPECT_EQ(result.status, 400) << serialize(actions) << " -> " << result.body;
    EXPECT_EQ(MessageOf(result), "Actions list should contain only Strings or Integers");
  }
}

TEST_F(AuthTest, MintingForALockedUserIsForbidden) {
  const int64_t user = CreateUser("auth-minted-locked", "right_pass1", 1);
  ASSERT_EQ(Admin()
                .Put("/api/rest/user/" + std::to_string(user), serialize(object{{"status", 1}}))
                .status,
            204);
  const auto result = CreateToken(Admin(), object{{"userId", user}, {"actions", array{"*"}}});
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(MessageOf(result), "User is locked or disabled");
}

TEST_F(AuthTest, MintingNeedsATokenWithManageToken) {
  EXPECT_EQ(CreateToken(Anonymous(), object{{"userId", 1}}).status, 401);
  const int64_t user = CreateUser("auth-no-manage-token", "right_pass1", 1);
  const auto minted =
      CreateToken(Admin(), object{{"userId", user}, {"actions", array{"GetDevice"}}});
  ASSERT_EQ(minted.status, 201);
  const std::string narrow(minted.json().at("accessToken").as_string());
  const auto result = CreateToken(As(narrow), object{{"userId", user}});
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(MessageOf(result), "Access is denied");
}

TEST_F(AuthTest, AClientMayMintTokensOnlyForItself) {
  CreateUser("auth-client-minter", "right_pass1", 1);
  const int64_t other = CreateUser("auth-client-victim", "right_pass1", 1);
  const std::string token = Login(port(), "auth-client-minter", "right_pass1");
  ASSERT_FALSE(token.empty());
  const auto result = CreateToken(As(token), object{{"userId", other}, {"actions", array{"*"}}});
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(MessageOf(result), "Access is denied");
  EXPECT_EQ(CreateToken(As(token), object{{"userId", 1}, {"actions", array{"*"}}}).status, 403);
}

TEST_F(AuthTest, AClientNeverMintsMoreActionsThanItHolds) {
  const int64_t self = CreateUser("auth-client-self-minter", "right_pass1", 1);
  const std::string token = Login(port(), "auth-client-self-minter", "right_pass1");
  ASSERT_FALSE(token.empty());

  const auto everything = CreateToken(As(token), object{{"userId", self}, {"actions", array{"*"}}});
  ASSERT_EQ(everything.status, 201) << everything.body;
  const std::string all(everything.json().at("accessToken").as_string());
  EXPECT_EQ(ActionsOf(all), kClientActions);
  EXPECT_EQ(As(all).Get("/api/rest/user").status, 403);  // ManageUser was not granted

  const auto admin_only = CreateToken(
      As(token), object{{"userId", self}, {"actions", array{"ManageUser", "ManageConfiguration"}}});
  ASSERT_EQ(admin_only.status, 201) << admin_only.body;
  const std::string none(admin_only.json().at("accessToken").as_string());
  EXPECT_EQ(ActionsOf(none), std::set<int64_t>{1});
  EXPECT_EQ(As(none).Get("/api/rest/user").status, 403);
  EXPECT_EQ(As(none).Get("/api/rest/configuration/jwt.secret").status, 403);

  // A narrower token passes on at most its own rights.
  const auto narrow = CreateToken(
      As(token), object{{"userId", self}, {"actions", array{"GetDevice", "ManageToken"}}});
  ASSERT_EQ(narrow.status, 201) << narrow.body;
  const std::string narrow_token(narrow.json().at("accessToken").as_string());
  EXPECT_EQ(ActionsOf(narrow_token), (std::set<int64_t>{3, 15}));
  const auto again =
      CreateToken(As(narrow_token), object{{"userId", self}, {"actions", array{"*"}}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(ActionsOf(std::string(again.json().at("accessToken").as_string())),
            (std::set<int64_t>{3, 15}));
}

TEST_F(AuthTest, AClientNeverMintsNetworksItIsNotLinkedTo) {
  const int64_t self = CreateUser("auth-client-net-minter", "right_pass1", 1);
  const int64_t linked = CreateNetwork("auth-client-net-linked");
  const int64_t foreign = CreateNetwork("auth-client-net-foreign");
  ASSERT_EQ(
      Admin()
          .Put("/api/rest/user/" + std::to_string(self) + "/network/" + std::to_string(linked), {})
          .status,
      204);
  const std::string token = Login(port(), "auth-client-net-minter", "right_pass1");
  ASSERT_FALSE(token.empty());
  for (const auto& wanted : {array{"*"}, array{std::to_string(linked), std::to_string(foreign)}}) {
    const auto result = CreateToken(
        As(token), object{{"userId", self}, {"actions", array{"*"}}, {"networkIds", wanted}});
    ASSERT_EQ(result.status, 201) << result.body;
    EXPECT_EQ(IdsOf(std::string(result.json().at("accessToken").as_string()), "n"),
              std::vector<std::string>{std::to_string(linked)})
        << serialize(wanted);
  }
}

// --- token compatibility (independent signer) ---------------------------------------------

TEST_F(AuthTest, AnIndependentlySignedAdminTokenIsAccepted) {
  const std::string token = jwt::SignPayload(AdminPayload(jwt::NowMs() + kHourMs, 1));
  const auto current = As(token).Get("/api/rest/user/current");
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.json().at("login").as_string(), kAdminLogin);
  EXPECT_EQ(As(token).Get("/api/rest/user").status, 200);
  EXPECT_EQ(As(token).Get("/api/rest/configuration/jwt.secret").status, 200);
}

TEST_F(AuthTest, AnIndependentlySignedTokenWithATypHeaderIsAccepted) {
  const std::string token =
      jwt::Sign(R"({"typ":"JWT","alg":"HS256"})",
                serialize(object{{"payload", AdminPayload(jwt::NowMs() + kHourMs, 1)}}));
  EXPECT_EQ(As(token).Get("/api/rest/user/current").status, 200);
}

TEST_F(AuthTest, AnEmptyActionListMeansTheClientActions) {
  object payload = AdminPayload(jwt::NowMs() + kHourMs, 1);
  payload["a"] = array{};
  const std::string token = jwt::SignPayload(payload);
  EXPECT_EQ(As(token).Get("/api/rest/user/current").status, 200);  // GetCurrentUser
  EXPECT_EQ(As(token).Get("/api/rest/user").status, 403);          // not ManageUser
}

TEST_F(AuthTest, TokensTheServerIssuesVerifyWithAnIndependentHmac) {
  const auto [access, refresh] = LoginPair(kAdminLogin, kAdminPassword);
  for (const auto& token : {access, refresh}) {
    const auto first = token.find('.');
    const auto last = token.rfind('.');
    ASSERT_NE(first, std::string::npos);
    ASSERT_NE(first, last);
    EXPECT_EQ(jwt::Base64UrlDecode(token.substr(0, first)).value_or(""), R"({"alg":"HS256"})");
    EXPECT_EQ(token.substr(last + 1),
              jwt::Base64UrlEncode(jwt::HmacSha256(jwt::kTestKey, token.substr(0, last))));
    const auto claims = jwt::Base64UrlDecode(token.substr(first + 1, last - first - 1));
    ASSERT_TRUE(claims);
    const auto parsed = boost::json::parse(*claims).as_object();
    EXPECT_EQ(parsed.size(), 1u) << *claims;  // only `payload`: no exp, iat or sub
    EXPECT_TRUE(parsed.at("payload").is_object());
  }
}

TEST_F(AuthTest, ExpiredTokenIsRejectedWithTokenExpired) {
  const std::string token = jwt::SignPayload(AdminPayload(jwt::NowMs() - 60'000, 1));
  const auto result = As(token).Get("/api/rest/user/current");
  EXPECT_EQ(result.status, 401) << result.body;
  EXPECT_EQ(MessageOf(result), "Token expired");
}

TEST_F(AuthTest, ARefreshTokenIsNotAnAccessToken) {
  const std::string forged = jwt::SignPayload(AdminPayload(jwt::NowMs() + kHourMs, 0));
  const auto [access, refresh] = LoginPair(kAdminLogin, kAdminPassword);
  for (const auto& token : {forged, refresh}) {
    const auto result = As(token).Get("/api/rest/user/current");
    EXPECT_EQ(result.status, 401) << result.body;
    EXPECT_EQ(MessageOf(result), "Unauthorized");
  }
}

TEST_F(AuthTest, TokenWithAWrongSignatureIsRejected) {
  const auto payload = AdminPayload(jwt::NowMs() + kHourMs, 1);
  const std::string other_key = jwt::SignPayload(payload, std::string("\x75\xeb\xe2\x71\xe8", 5));
  auto tampered = jwt::SignPayload(payload);
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  // A genuine signature over other claims.
  const auto [admin_access, admin_refresh] = LoginPair(kAdminLogin, kAdminPassword);
  const std::string swapped_claims =
      jwt::Base64UrlEncode(R"({"alg":"HS256"})") + "." +
      jwt::Base64UrlEncode(
          serialize(object{{"payload", AdminPayload(jwt::NowMs() + kHourMs, 1)}})) +
      admin_access.substr(admin_access.rfind('.'));
  for (const auto& token : {other_key, tampered, swapped_claims}) {
    const auto result = As(token).Get("/api/rest/user/current");
    EXPECT_EQ(result.status, 401) << token << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Unauthorized");
  }
}

TEST_F(AuthTest, AlgNoneWithAnEmptySignatureIsRejected) {
  const auto claims = serialize(object{{"payload", AdminPayload(jwt::NowMs() + kHourMs, 1)}});
  for (const auto* header : {R"({"alg":"none"})", R"({"alg":"None"})", R"({"alg":"HS256"})"}) {
    const std::string token =
        jwt::Base64UrlEncode(header) + "." + jwt::Base64UrlEncode(claims) + ".";
    const auto result = As(token).Get("/api/rest/user/current");
    EXPECT_EQ(result.status, 401) << header << ": " << result.body;
  }
  // Another algorithm, correctly keyed, is still not HS256.
  const auto hs512 = jwt::Sign(R"({"alg":"HS512"})", claims);
  EXPECT_EQ(As(hs512).Get("/api/rest/user/current").status, 401);
}

TEST_F(AuthTest, AnAuthorizationHeaderThatIsNotBearerIsRejected) {
  const std::string token = jwt::SignPayload(AdminPayload(jwt::NowMs() + kHourMs, 1));
  EXPECT_EQ(CurrentUserWithHeader("Bearer " + token).status, 200);  // the control
  const std::vector<std::string> headers = {"Basic ZGhhZG1pbjpkaGFkbWlu", "Token " + token, token,
                                            "Bearer", "Bearer" + token};
  for (const auto& header : headers) {
    const auto result = CurrentUserWithHeader(header);
    EXPECT_EQ(result.status, 401) << header << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Unauthorized") << header;
  }
}

TEST_F(AuthTest, GarbageTokensAreRejectedWithoutServerErrors) {
  const int64_t future = jwt::NowMs() + kHourMs;
  const auto signed_claims = [](const std::string& claims) {
    return jwt::Sign(R"({"alg":"HS256"})", claims);
  };
  const std::vector<std::string> tokens = {
      "garbage",
      "a.b.c",
      "..",
      "....",
      "!!!.@@@.###",
      std::string(8000, 'x'),
      jwt::Base64UrlEncode("not json") + "." + jwt::Base64UrlEncode("{}") + ".",
      signed_claims("not json"),
      signed_claims("[]"),
      signed_claims("{}"),
      signed_claims(R"({"payload":"text"})"),
      signed_claims(R"({"payload":{"u":1,"a":[0],"t":1}})"),                               // no e
      signed_claims(R"({"payload":{"u":1,"a":[0],"e":)" + std::to_string(future) + "}}"),  // no t
      signed_claims(R"({"payload":{"u":"one","a":[0],"t":1,"e":)" + std::to_string(future) + "}}"),
      signed_claims(R"({"payload":{"u":1,"a":"all","t":1,"e":)" + std::to_string(future) + "}}"),
      signed_claims(R"({"payload":{"u":1,"a":[0],"t":7,"e":)" + std::to_string(future) + "}}"),
      signed_claims(R"({"payload":{"u":1,"a":[0],"t":1,"e":"soon"}})"),
      signed_claims(R"({"payload":{"u":1,"a":[0],"n":{"x":1},"t":1,"e":)" + std::to_string(future) +
                    "}}"),
      signed_claims(R"({"payload":{"a":[0],"t":1,"e":)" + std::to_string(future) + "}}"),  // no u
      signed_claims(R"({"payload":{"u":987654,"a":[0],"t":1,"e":)" + std::to_string(future) +
                    "}}"),  // no such user
      signed_claims(R"({"payload":{"u":1e400,"a":[0],"t":1,"e":1}})"),
  };
  for (const auto& token : tokens) {
    const auto result = As(token).Get("/api/rest/user/current");
    EXPECT_EQ(result.status, 401) << token << ": " << result.body;
  }
  EXPECT_EQ(Anonymous().Get("/api/rest/info").status, 200);  // still serving
}

TEST_F(AuthTest, AMissingTokenIsUnauthorizedOnProtectedEndpoints) {
  for (const auto* target : {"/api/rest/user/current", "/api/rest/user", "/api/rest/device",
                             "/api/rest/configuration/jwt.secret"}) {
    const auto result = Anonymous().Get(target);
    EXPECT_EQ(result.status, 401) << target;
    EXPECT_EQ(result.json(), (boost::json::value{{"error", 401}, {"message", "Unauthorized"}}))
        << target << ": " << result.body;
  }
}

TEST_F(AuthTest, ATokenOfADeletedUserIsRejected) {
  const int64_t id = CreateUser("auth-deleted", "right_pass1", 1);
  const std::string token = Login(port(), "auth-deleted", "right_pass1");
  ASSERT_EQ(As(token).Get("/api/rest/user/current").status, 200);
  ASSERT_EQ(Admin().Delete("/api/rest/user/" + std::to_string(id)).status, 204);
  EXPECT_EQ(As(token).Get("/api/rest/user/current").status, 401);
}

}  // namespace
}  // namespace dh::test
