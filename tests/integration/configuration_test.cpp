// The /configuration resource (spec §3.7, §8.2): put, get and delete of named settings, their
// validation messages, and the settings the server itself reads.
#include <set>

#include "server_test.hpp"

namespace dh::test {
namespace {

using boost::json::object;
using boost::json::serialize;

constexpr const char* kValidationPrefix =
    "Error! Make sure, that the passed object is correct and properly structured. Validation "
    "failed: \n";

class ConfigurationTest : public ServerTest {
 protected:
  static std::string Path(const std::string& name) { return "/api/rest/configuration/" + name; }
  static HttpResult PutValue(const std::string& name, const std::string& value) {
    return Admin().Put(Path(name), serialize(object{{"value", value}}));
  }
};

TEST_F(ConfigurationTest, PutCreatesASettingAndAnswersWithIt) {
  const auto result = PutValue("cfg.create", "first");
  ASSERT_EQ(result.status, 200) << result.body;
  const auto json = result.json();
  const auto& body = json.as_object();
  std::set<std::string> keys;
  for (const auto& [key, unused] : body) keys.emplace(key);
  EXPECT_EQ(keys, (std::set<std::string>{"id", "name", "value", "entityVersion"}));
  EXPECT_GT(body.at("id").as_int64(), 0);
  EXPECT_EQ(body.at("name").as_string(), "cfg.create");
  EXPECT_EQ(body.at("value").as_string(), "first");
  EXPECT_TRUE(body.at("entityVersion").is_int64());

  const auto stored = Admin().Get(Path("cfg.create"));
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.json(), result.json());
}

TEST_F(ConfigurationTest, EachPutIncrementsTheEntityVersionAndKeepsTheId) {
  const auto first = PutValue("cfg.version", "one");
  ASSERT_EQ(first.status, 200) << first.body;
  const int64_t id = first.json().at("id").as_int64();
  int64_t version = first.json().at("entityVersion").as_int64();
  for (const auto* value : {"two", "three", "four"}) {
    const auto next = PutValue("cfg.version", value);
    ASSERT_EQ(next.status, 200) << next.body;
    EXPECT_EQ(next.json().at("id").as_int64(), id);
    EXPECT_EQ(next.json().at("value").as_string(), value);
    EXPECT_EQ(next.json().at("entityVersion").as_int64(), version + 1) << value;
    version = next.json().at("entityVersion").as_int64();
  }
  EXPECT_EQ(Admin().Get(Path("cfg.version")).json().at("entityVersion").as_int64(), version);
}

TEST_F(ConfigurationTest, NamesUpTo32CharactersAreAccepted) {
  const std::string name(32, 'n');
  const auto result = PutValue(name, "v");
  EXPECT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(Admin().Get(Path(name)).json().at("name").as_string(), name);
}

TEST_F(ConfigurationTest, ANameLongerThan32CharactersIsRejected) {
  const std::string name(33, 'n');
  const auto result = PutValue(name, "v");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result),
            "Name cannot be empty. The name's length should not be more than 32 symbols.");
  EXPECT_EQ(Admin().Get(Path(name)).status, 404);
}

TEST_F(ConfigurationTest, AMissingValueIsRejected) {
  for (const auto* body : {"{}", R"({"value":null})", R"({"other":"x"})"}) {
    const auto result = Admin().Put(Path("cfg.missing"), body);
    EXPECT_EQ(result.status, 400) << body << ": " << result.body;
    EXPECT_EQ(MessageOf(result), std::string(kValidationPrefix) +
                                     "On property value (value: null): value field cannot be "
                                     "null. ; ")
        << body;
  }
  EXPECT_EQ(Admin().Put(Path("cfg.missing"), {}).status, 400);  // no body at all
  EXPECT_EQ(Admin().Get(Path("cfg.missing")).status, 404);
}

TEST_F(ConfigurationTest, AnEmptyValueIsRejected) {
  const auto result = PutValue("cfg.empty", "");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result),
            std::string(kValidationPrefix) +
                "On property value (value: ): Field cannot be empty. The length of value should "
                "not be more than 128 symbols. ; ");
}

TEST_F(ConfigurationTest, AValueLongerThan128CharactersIsRejected) {
  const std::string too_long(129, 'v');
  const auto result = PutValue("cfg.long", too_long);
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result),
            std::string(kValidationPrefix) + "On property value (value: " + too_long +
                "): Field cannot be empty. The length of value should not be more than 128 "
                "symbols. ; ");
  EXPECT_EQ(PutValue("cfg.long", std::string(128, 'v')).status, 200);
}

TEST_F(ConfigurationTest, AValueOfTheWrongTypeIsRejected) {
  const auto result = Admin().Put(Path("cfg.type"), R"({"value":["a"]})");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(MessageOf(result), "Invalid request parameters");
}

TEST_F(ConfigurationTest, GettingAnUnknownSettingIs404) {
  EXPECT_EQ(Admin().Get(Path("cfg.never-set")).status, 404);
}

TEST_F(ConfigurationTest, DeleteRemovesASettingAndThenIs404) {
  ASSERT_EQ(PutValue("cfg.delete", "doomed").status, 200);
  const auto deleted = Admin().Delete(Path("cfg.delete"));
  EXPECT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_TRUE(deleted.body.empty());
  EXPECT_EQ(Admin().Get(Path("cfg.delete")).status, 404);
  const auto again = Admin().Delete(Path("cfg.delete"));
  EXPECT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(MessageOf(again), "Requested config with name = cfg.delete not found in the database");
}

TEST_F(ConfigurationTest, ARecreatedSettingStartsOver) {
  ASSERT_EQ(PutValue("cfg.recreate", "a").status, 200);
  ASSERT_EQ(PutValue("cfg.recreate", "b").status, 200);
  ASSERT_EQ(Admin().Delete(Path("cfg.recreate")).status, 204);
  const auto recreated = PutValue("cfg.recreate", "c");
  ASSERT_EQ(recreated.status, 200);
  EXPECT_EQ(recreated.json().at("value").as_string(), "c");
  EXPECT_EQ(recreated.json().at("entityVersion").as_int64(),
            PutValue("cfg.fresh", "x").json().at("entityVersion").as_int64());
}

TEST_F(ConfigurationTest, TheJwtSecretIsReadableByAdmins) {
  const auto result = Admin().Get(Path("jwt.secret"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("name").as_string(), "jwt.secret");
  EXPECT_EQ(result.json().at("value").as_string(), ServerProcess::kSecret);
}

TEST_F(ConfigurationTest, TheSeededLoginTimeoutIsThere) {
  const auto result = Admin().Get(Path("user.login.lastTimeout"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("value").as_string(), "1000");
}

TEST_F(ConfigurationTest, NamesMayContainDotsAndEncodedCharacters) {
  ASSERT_EQ(Admin().Put(Path("cfg%20spaced"), R"({"value":"v"})").status, 200);
  const auto result = Admin().Get(Path("cfg%20spaced"));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("name").as_string(), "cfg spaced");
}

TEST_F(ConfigurationTest, AClientIsForbiddenEveryOperation) {
  CreateUser("cfg-client", "client_pass", 1);
  const std::string token = Login(port(), "cfg-client", "client_pass");
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(PutValue("cfg.guarded", "admin-only").status, 200);
  for (const auto& [method, body] : std::vector<std::pair<std::string, std::string>>{
           {"GET", ""}, {"PUT", R"({"value":"client"})"}, {"DELETE", ""}}) {
    const auto result = As(token).Send(method, Path("cfg.guarded"), body);
    EXPECT_EQ(result.status, 403) << method << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Access is denied") << method;
    EXPECT_EQ(Anonymous().Send(method, Path("cfg.guarded"), body).status, 401) << method;
  }
  EXPECT_EQ(As(token).Get(Path("jwt.secret")).status, 403);
  EXPECT_EQ(Admin().Get(Path("cfg.guarded")).json().at("value").as_string(), "admin-only");
}

TEST_F(ConfigurationTest, TheMaxAttemptsSettingControlsTheLockout) {
  ASSERT_EQ(PutValue("user.login.maxAttempts", "3").status, 200);
  CreateUser("cfg-lockout", "right_pass", 1);
  const auto attempt = [](const std::string& password) {
    return Anonymous().Post("/api/rest/token",
                            serialize(object{{"login", "cfg-lockout"}, {"password", password}}));
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(MessageOf(attempt("wrong_pass")), "Invalid credentials");
  const auto locked = attempt("right_pass");
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(MessageOf(locked), "User is locked or disabled");
  ASSERT_EQ(Admin().Delete(Path("user.login.maxAttempts")).status, 204);
}

}  // namespace
}  // namespace dh::test
