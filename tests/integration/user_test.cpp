// The /user resource (spec §3.6): listing with filters and sorting, the published and submitted
// views, the current user, and the rules on who may change what.
#include <set>

#include "server_test.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::serialize;

const std::set<std::string> kListedFields = {
    "id",        "login", "role",          "status",
    "lastLogin", "data",  "introReviewed", "allDeviceTypesAvailable"};

std::set<std::string> KeysOf(const boost::json::value& value) {
  std::set<std::string> keys;
  for (const auto& [key, unused] : value.as_object()) keys.emplace(key);
  return keys;
}

std::vector<std::string> LoginsOf(const HttpResult& result) {
  std::vector<std::string> logins;
  const auto users = result.json();
  for (const auto& user : users.as_array()) {
    logins.emplace_back(user.at("login").as_string());
  }
  return logins;
}

class UserTest : public ServerTest {
 protected:
  static std::string UserPath(int64_t id) { return "/api/rest/user/" + std::to_string(id); }

  static HttpResult PostUser(const object& body) {
    return Admin().Post("/api/rest/user", serialize(body));
  }

  // Four users under `prefix`, created in the order carol (client), alice (client), bob (admin),
  // dave (client, disabled).
  static void CreateFamily(const std::string& prefix) {
    CreateUser(prefix + "-carol", "family_pass", 1);
    CreateUser(prefix + "-alice", "family_pass", 1);
    CreateUser(prefix + "-bob", "family_pass", 0);
    const auto dave = PostUser(object{
        {"login", prefix + "-dave"}, {"password", "family_pass"}, {"role", 1}, {"status", 2}});
    ASSERT_EQ(dave.status, 201) << dave.body;
  }

  // A token of `user` carrying the given actions, minted by the admin.
  static std::string MintToken(int64_t user, const array& actions) {
    const auto result = Admin().Post("/api/rest/token/create",
                                     serialize(object{{"userId", user}, {"actions", actions}}));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? std::string(result.json().at("accessToken").as_string())
                                : std::string();
  }
};

// --- listing ------------------------------------------------------------------------------

TEST_F(UserTest, ListFiltersByLoginPattern) {
  CreateFamily("ulist1");
  const auto result = Admin().Get("/api/rest/user?loginPattern=ulist1-%25&sortField=login");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(LoginsOf(result), (std::vector<std::string>{"ulist1-alice", "ulist1-bob",
                                                        "ulist1-carol", "ulist1-dave"}));
  const auto users = result.json();
  for (const auto& user : users.as_array()) EXPECT_EQ(KeysOf(user), kListedFields);
}

TEST_F(UserTest, ListFiltersByExactLoginAndPatternWinsOverLogin) {
  CreateFamily("ulist2");
  EXPECT_EQ(LoginsOf(Admin().Get("/api/rest/user?login=ulist2-bob")),
            std::vector<std::string>{"ulist2-bob"});
  EXPECT_TRUE(LoginsOf(Admin().Get("/api/rest/user?login=ulist2-b")).empty());
  EXPECT_EQ(LoginsOf(Admin().Get("/api/rest/user?login=ulist2-bob&loginPattern=ulist2-c%25")),
            std::vector<std::string>{"ulist2-carol"});
}

TEST_F(UserTest, ListFiltersByRoleAndStatus) {
  CreateFamily("ulist3");
  EXPECT_EQ(LoginsOf(Admin().Get("/api/rest/user?loginPattern=ulist3-%25&role=0")),
            std::vector<std::string>{"ulist3-bob"});
  EXPECT_EQ(LoginsOf(Admin().Get("/api/rest/user?loginPattern=ulist3-%25&status=2")),
            std::vector<std::string>{"ulist3-dave"});
  EXPECT_EQ(
      LoginsOf(Admin().Get("/api/rest/user?loginPattern=ulist3-%25&role=1&status=0&sortField=ID")),
      (std::vector<std::string>{"ulist3-carol", "ulist3-alice"}));
}

TEST_F(UserTest, ListSortsByIdOrLoginInEitherOrderAndPages) {
  CreateFamily("ulist4");
  const std::string base = "/api/rest/user?loginPattern=ulist4-%25";
  EXPECT_EQ(
      LoginsOf(Admin().Get(base + "&sortField=ID")),
      (std::vector<std::string>{"ulist4-carol", "ulist4-alice", "ulist4-bob", "ulist4-dave"}));
  EXPECT_EQ(
      LoginsOf(Admin().Get(base + "&sortField=id&sortOrder=DESC")),
      (std::vector<std::string>{"ulist4-dave", "ulist4-bob", "ulist4-alice", "ulist4-carol"}));
  EXPECT_EQ(
      LoginsOf(Admin().Get(base + "&sortField=Login&sortOrder=desc")),
      (std::vector<std::string>{"ulist4-dave", "ulist4-carol", "ulist4-bob", "ulist4-alice"}));
  EXPECT_EQ(LoginsOf(Admin().Get(base + "&sortField=LOGIN&take=2&skip=1")),
            (std::vector<std::string>{"ulist4-bob", "ulist4-carol"}));
}

TEST_F(UserTest, ListRejectsAnUnknownSortField) {
  for (const auto* field : {"role", "password", "name", "id;drop"}) {
    const auto result = Admin().Get(std::string("/api/rest/user?sortField=") + field);
    EXPECT_EQ(result.status, 400) << field << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Invalid request parameters") << field;
  }
}

TEST_F(UserTest, CountAppliesTheSameFilters) {
  CreateFamily("ucount");
  const auto count = [](const std::string& query) {
    const auto result = Admin().Get("/api/rest/user/count?loginPattern=ucount-%25" + query);
    EXPECT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(KeysOf(result.json()), std::set<std::string>{"count"});
    return result.json().at("count").as_int64();
  };
  EXPECT_EQ(count(""), 4);
  EXPECT_EQ(count("&role=1"), 3);
  EXPECT_EQ(count("&role=1&status=2"), 1);
  EXPECT_EQ(count("&login=ucount-alice"), 4);  // the pattern wins over login
  const auto exact = Admin().Get("/api/rest/user/count?login=ucount-alice");
  EXPECT_EQ(exact.json().at("count").as_int64(), 1);
}

TEST_F(UserTest, ListingNeedsManageUser) {
  CreateUser("ulist-client", "client_pass", 1);
  const std::string token = Login(port(), "ulist-client", "client_pass");
  for (const auto* target : {"/api/rest/user", "/api/rest/user/count"}) {
    const auto result = As(token).Get(target);
    EXPECT_EQ(result.status, 403) << target;
    EXPECT_EQ(MessageOf(result), "Access is denied");
    EXPECT_EQ(Anonymous().Get(target).status, 401) << target;
  }
}

// --- get ----------------------------------------------------------------------------------

TEST_F(UserTest, AdminGetsAnyUserWithItsNetworks) {
  const int64_t id = CreateUser("uget-linked", "client_pass", 1);
  const int64_t network = CreateNetwork("uget-linked-net");
  ASSERT_EQ(Admin().Put(UserPath(id) + "/network/" + std::to_string(network), {}).status, 204);
  const auto result = Admin().Get(UserPath(id));
  ASSERT_EQ(result.status, 200) << result.body;
  auto expected_keys = kListedFields;
  expected_keys.insert("networks");
  EXPECT_EQ(KeysOf(result.json()), expected_keys);
  EXPECT_EQ(result.json().at("id").as_int64(), id);
  EXPECT_EQ(result.json().at("login").as_string(), "uget-linked");
  EXPECT_EQ(result.json().at("role").as_int64(), 1);
  EXPECT_EQ(result.json().at("status").as_int64(), 0);
  EXPECT_TRUE(result.json().at("data").is_null());
  EXPECT_EQ(result.json().at("introReviewed").as_bool(), false);
  EXPECT_EQ(result.json().at("allDeviceTypesAvailable").as_bool(), true);
  EXPECT_EQ(serialize(result.json().at("networks")),
            serialize(array{
                object{{"id", network}, {"name", "uget-linked-net"}, {"description", nullptr}}}));
}

TEST_F(UserTest, AdminAskingForAMissingUserGets404) {
  const auto result = Admin().Get(UserPath(987654));
  EXPECT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(MessageOf(result), "User with id = 987654 not found");
}

TEST_F(UserTest, AClientAskingForAnotherUserGets403WithAnError404Body) {
  const int64_t self = CreateUser("uget-client", "client_pass", 1);
  const int64_t other = CreateUser("uget-other", "client_pass", 1);
  // Endpoint access needs ManageUser in the token; the role then limits the client to itself.
  const std::string token = MintToken(self, array{"ManageUser", "GetCurrentUser"});
  const auto result = As(token).Get(UserPath(other));
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(
      result.json(),
      boost::json::value(object{
          {"error", 404}, {"message", "User with id = " + std::to_string(other) + " not found"}}));
  const auto own = As(token).Get(UserPath(self));
  EXPECT_EQ(own.status, 200) << own.body;
  const auto plain = As(Login(port(), "uget-client", "client_pass")).Get(UserPath(self));
  EXPECT_EQ(plain.status, 403);
  EXPECT_EQ(MessageOf(plain), "Access is denied");
}

TEST_F(UserTest, CurrentUserIsTheCallerWithItsNetworks) {
  const int64_t id = CreateUser("ucurrent", "client_pass", 1);
  const auto result = As(Login(port(), "ucurrent", "client_pass")).Get("/api/rest/user/current");
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("id").as_int64(), id);
  EXPECT_EQ(result.json().at("login").as_string(), "ucurrent");
  EXPECT_EQ(result.json().at("role").as_int64(), 1);
  EXPECT_TRUE(result.json().at("networks").as_array().empty());
  EXPECT_TRUE(result.json().at("lastLogin").is_string());  // the login just set it
  EXPECT_FALSE(result.json().as_object().contains("password"));
}

// --- update of the current user -----------------------------------------------------------

TEST_F(UserTest, AClientMayChangeItsPasswordDataAndIntroReviewed) {
  CreateUser("uself-edit", "old_password", 1);
  const std::string token = Login(port(), "uself-edit", "old_password");
  const auto update = As(token).Put(
      "/api/rest/user/current",
      serialize(object{
          {"password", "new_password"}, {"data", object{{"k", 1}}}, {"introReviewed", true}}));
  ASSERT_EQ(update.status, 204) << update.body;
  const auto current = As(token).Get("/api/rest/user/current");
  ASSERT_EQ(current.status, 200);
  EXPECT_EQ(serialize(current.json().at("data")), R"({"k":1})");
  EXPECT_EQ(current.json().at("introReviewed").as_bool(), true);
  EXPECT_FALSE(Login(port(), "uself-edit", "new_password").empty());
  const auto old = Anonymous().Post(
      "/api/rest/token", serialize(object{{"login", "uself-edit"}, {"password", "old_password"}}));
  EXPECT_EQ(old.status, 401);
  EXPECT_EQ(MessageOf(old), "Invalid credentials");
}

TEST_F(UserTest, AnEmptyPasswordInAnUpdateIsIgnored) {
  CreateUser("uself-empty-pass", "old_password", 1);
  const std::string token = Login(port(), "uself-empty-pass", "old_password");
  ASSERT_EQ(As(token).Put("/api/rest/user/current", R"({"password":""})").status, 204);
  EXPECT_FALSE(Login(port(), "uself-empty-pass", "old_password").empty());
}

TEST_F(UserTest, AClientChangingLoginRoleOrStatusNeedsAdminPermissions) {
  const int64_t id = CreateUser("uself-escalate", "client_pass", 1);
  const std::string token = Login(port(), "uself-escalate", "client_pass");
  for (const auto& body : {object{{"login", "uself-renamed"}}, object{{"role", 0}},
                           object{{"role", 1}}, object{{"status", 0}}}) {
    const auto result = As(token).Put("/api/rest/user/current", serialize(body));
    EXPECT_EQ(result.status, 403) << serialize(body) << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Admin permissions required for this action");
  }
  // Nothing changed; not even a ManageUser token lets a client raise itself.
  const std::string manager = MintToken(id, array{"ManageUser"});
  const auto raised = As(manager).Put(UserPath(id), serialize(object{{"role", 0}}));
  EXPECT_EQ(raised.status, 403);
  EXPECT_EQ(MessageOf(raised), "Admin permissions required for this action");
  const auto stored = Admin().Get(UserPath(id));
  EXPECT_EQ(stored.json().at("login").as_string(), "uself-escalate");
  EXPECT_EQ(stored.json().at("role").as_int64(), 1);
}

TEST_F(UserTest, AClientsBadNewPasswordIsRejected) {
  CreateUser("uself-short", "client_pass", 1);
  const std::string token = Login(port(), "uself-short", "client_pass");
  const auto result = As(token).Put("/api/rest/user/current", R"({"password":"12345"})");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result), "Password can contain only from 6 to 128 symbols!");
}

// --- create -------------------------------------------------------------------------------

TEST_F(UserTest, CreateAnswersWithTheSubmittedViewOnly) {
  const auto result = PostUser(object{{"login", "ucreate-view"},
                                      {"password", "create_pass"},
                                      {"role", 1},
                                      {"data", object{{"team", "blue"}}},
                                      {"introReviewed", true},
                                      {"allDeviceTypesAvailable", false}});
  ASSERT_EQ(result.status, 201) << result.body;
  EXPECT_EQ(KeysOf(result.json()),
            (std::set<std::string>{"id", "lastLogin", "data", "introReviewed",
                                   "allDeviceTypesAvailable"}));
  EXPECT_GT(result.json().at("id").as_int64(), 1);
  EXPECT_TRUE(result.json().at("lastLogin").is_null());
  EXPECT_EQ(serialize(result.json().at("data")), R"({"team":"blue"})");
  EXPECT_EQ(result.json().at("introReviewed").as_bool(), true);
  EXPECT_EQ(result.json().at("allDeviceTypesAvailable").as_bool(), false);

  const auto stored = Admin().Get(UserPath(result.json().at("id").as_int64()));
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.json().at("login").as_string(), "ucreate-view");
  EXPECT_EQ(stored.json().at("status").as_int64(), 0);  // ACTIVE by default
}

TEST_F(UserTest, CreateDefaultsIntroReviewedAndAllDeviceTypes) {
  const auto result =
      PostUser(object{{"login", "ucreate-defaults"}, {"password", "create_pass"}, {"role", 0}});
  ASSERT_EQ(result.status, 201) << result.body;
  EXPECT_TRUE(result.json().at("data").is_null());
  EXPECT_EQ(result.json().at("introReviewed").as_bool(), false);
  EXPECT_EQ(result.json().at("allDeviceTypesAvailable").as_bool(), true);
}

TEST_F(UserTest, CreateWithADuplicateLoginIsForbidden) {
  CreateUser("ucreate-dup", "create_pass", 1);
  for (const auto* login : {"ucreate-dup", "  ucreate-dup  "}) {
    const auto result =
        PostUser(object{{"login", login}, {"password", "create_pass"}, {"role", 1}});
    EXPECT_EQ(result.status, 403) << login << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "User with such login already exists. Please, select another one");
  }
}

TEST_F(UserTest, CreateWithAShortOrMissingPasswordIsRejected) {
  for (const auto& body : {object{{"login", "ucreate-short"}, {"password", "12345"}, {"role", 1}},
                           object{{"login", "ucreate-short"}, {"password", ""}, {"role", 1}},
                           object{{"login", "ucreate-short"}, {"role", 1}}}) {
    const auto result = PostUser(body);
    EXPECT_EQ(result.status, 400) << serialize(body) << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Password can contain only from 6 to 128 symbols!");
  }
  const auto exact =
      PostUser(object{{"login", "ucreate-short"}, {"password", "123456"}, {"role", 1}});
  EXPECT_EQ(exact.status, 201) << exact.body;
}

TEST_F(UserTest, CreateWithoutARoleIsRejected) {
  const auto result = PostUser(object{{"login", "ucreate-norole"}, {"password", "create_pass"}});
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result), "User role is invalid or empty");
}

TEST_F(UserTest, CreateTrimsTheLogin) {
  const auto result =
      PostUser(object{{"login", "  ucreate-trim "}, {"password", "create_pass"}, {"role", 1}});
  ASSERT_EQ(result.status, 201) << result.body;
  EXPECT_EQ(Admin().Get(UserPath(result.json().at("id").as_int64())).json().at("login").as_string(),
            "ucreate-trim");
  EXPECT_FALSE(Login(port(), "ucreate-trim", "create_pass").empty());
}

TEST_F(UserTest, CreateNeedsManageUser) {
  CreateUser("ucreate-client", "client_pass", 1);
  const auto result = As(Login(port(), "ucreate-client", "client_pass"))
                          .Post("/api/rest/user", serialize(object{{"login", "ucreate-by-client"},
                                                                   {"password", "create_pass"},
                                                                   {"role", 0}}));
  EXPECT_EQ(result.status, 403);
  EXPECT_EQ(MessageOf(result), "Access is denied");
}

// --- update by id -------------------------------------------------------------------------

TEST_F(UserTest, UpdateReplacesDataAndClearsItWhenOmitted) {
  const auto created = PostUser(object{{"login", "uupdate-data"},
                                       {"password", "update_pass"},
                                       {"role", 1},
                                       {"data", object{{"a", 1}}},
                                       {"introReviewed", true}});
  ASSERT_EQ(created.status, 201);
  const int64_t id = created.json().at("id").as_int64();

  ASSERT_EQ(Admin().Put(UserPath(id), serialize(object{{"data", object{{"b", 2}}}})).status, 204);
  auto stored = Admin().Get(UserPath(id));
  EXPECT_EQ(serialize(stored.json().at("data")), R"({"b":2})");
  EXPECT_EQ(stored.json().at("introReviewed").as_bool(), true);  // kept when absent

  ASSERT_EQ(Admin().Put(UserPath(id), serialize(object{{"introReviewed", false}})).status, 204);
  stored = Admin().Get(UserPath(id));
  EXPECT_TRUE(stored.json().at("data").is_null());
  EXPECT_EQ(stored.json().at("introReviewed").as_bool(), false);
  EXPECT_EQ(stored.json().at("login").as_string(), "uupdate-data");
}

TEST_F(UserTest, AllDeviceTypesAvailableIsHonouredOnlyOnCreate) {
  const int64_t id = CreateUser("uupdate-alltypes", "update_pass", 1);
  ASSERT_EQ(Admin().Put(UserPath(id), R"({"allDeviceTypesAvailable":false})").status, 204);
  EXPECT_EQ(Admin().Get(UserPath(id)).json().at("allDeviceTypesAvailable").as_bool(), true);
}

TEST_F(UserTest, AdminMayChangeLoginRoleAndStatus) {
  const int64_t id = CreateUser("uupdate-admin", "update_pass", 1);
  ASSERT_EQ(Admin()
                .Put(UserPath(id),
                     serialize(object{{"login", "uupdate-admin2"}, {"role", 0}, {"status", 2}}))
                .status,
            204);
  const auto stored = Admin().Get(UserPath(id));
  EXPECT_EQ(stored.json().at("login").as_string(), "uupdate-admin2");
  EXPECT_EQ(stored.json().at("role").as_int64(), 0);
  EXPECT_EQ(stored.json().at("status").as_int64(), 2);
  const auto disabled =
      Anonymous().Post("/api/rest/token",
                       serialize(object{{"login", "uupdate-admin2"}, {"password", "update_pass"}}));
  EXPECT_EQ(disabled.status, 401);
  EXPECT_EQ(MessageOf(disabled), "User is locked or disabled");
}

TEST_F(UserTest, UpdateToAnotherUsersLoginIsForbidden) {
  CreateUser("uupdate-taken", "update_pass", 1);
  const int64_t id = CreateUser("uupdate-taker", "update_pass", 1);
  const auto result = Admin().Put(UserPath(id), serialize(object{{"login", "uupdate-taken"}}));
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(MessageOf(result), "User with such login already exists. Please, select another one");
  // Keeping one's own login is no conflict.
  EXPECT_EQ(Admin().Put(UserPath(id), serialize(object{{"login", "uupdate-taker"}})).status, 204);
}

TEST_F(UserTest, UpdateOfAMissingUserIs404) {
  const auto result = Admin().Put(UserPath(987655), serialize(object{{"introReviewed", true}}));
  EXPECT_EQ(result.status, 404) << result.body;
  EXPECT_EQ(MessageOf(result), "User with id = 987655 not found");
}

TEST_F(UserTest, PasswordChangedByTheAdminWorksForLogin) {
  const int64_t id = CreateUser("uupdate-pass", "first_password", 1);
  ASSERT_EQ(Admin().Put(UserPath(id), serialize(object{{"password", "second_password"}})).status,
            204);
  EXPECT_FALSE(Login(port(), "uupdate-pass", "second_password").empty());
  EXPECT_TRUE(Login(port(), "uupdate-pass", "first_password").empty());
  const auto too_long =
      Admin().Put(UserPath(id), serialize(object{{"password", std::string(129, 'p')}}));
  EXPECT_EQ(too_long.status, 400) << too_long.body;
}

// --- delete -------------------------------------------------------------------------------

TEST_F(UserTest, DeletingYourselfIsForbidden) {
  const auto result = Admin().Delete(UserPath(1));
  EXPECT_EQ(result.status, 403) << result.body;
  EXPECT_EQ(MessageOf(result),
            "You can not delete a user or access key that you use to authenticate this request");
  EXPECT_EQ(Admin().Get(UserPath(1)).status, 200);
}

TEST_F(UserTest, DeleteRemovesTheUserAndThenIs404) {
  const int64_t id = CreateUser("udelete", "delete_pass", 1);
  EXPECT_EQ(Admin().Delete(UserPath(id)).status, 204);
  EXPECT_EQ(Admin().Get(UserPath(id)).status, 404);
  const auto again = Admin().Delete(UserPath(id));
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(MessageOf(again), "User with id = " + std::to_string(id) + " not found");
  EXPECT_TRUE(Login(port(), "udelete", "delete_pass").empty());
}

}  // namespace
}  // namespace dh::test
