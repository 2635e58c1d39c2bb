// Hostile text in names, patterns and sort parameters: SQL metacharacters are data, stored and
// returned verbatim, and never change what a query does. namePattern is a case-sensitive LIKE.
#include <boost/json.hpp>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "server_test.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

constexpr const char* kNetworks = "/api/rest/network";
constexpr const char* kDevices = "/api/rest/device";

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string Encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

// Names that would break a query built by concatenation.
const std::vector<std::string>& HostileNames() {
  static const std::vector<std::string> names = {
      "O'Brien's",
      "\"double\" quoted",
      "semi; colon;",
      "x'); DROP TABLE network; --",
      "' OR 1=1 --",
      "\" OR \"\"=\"",
      "back\\slash\\",
      "\\'; escaped quote",
      "50% off_sale",
      "/* comment */ name",
      "line\nbreak\ttab",
      "ユニコード ネットワーク",
      "emoji \xF0\x9F\x98\x80 \xE2\x9C\x93",
      "Ωmega ß ü",
  };
  return names;
}

class SqlInputTest : public ServerTest {
 protected:
  static json::array List(const std::string& path, const std::string& query) {
    const auto result = Admin().Get(path + "?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    return result.status == 200 ? result.json().as_array() : json::array{};
  }
  static int64_t Count(const std::string& path, const std::string& query) {
    const auto result = Admin().Get(path + "/count?" + query);
    EXPECT_EQ(result.status, 200) << query << ": " << result.body;
    return result.status == 200 ? result.json().at("count").as_int64() : -1;
  }
  static void RegisterDevice(const std::string& id, const std::string& name,
                             const json::value& data = nullptr) {
    const auto result = Admin().Put(std::string(kDevices) + "/" + id,
                                    json::serialize(json::object{{"name", name}, {"data", data}}));
    ASSERT_EQ(result.status, 204) << id << ": " << result.body;
  }
  static std::vector<std::string> DeviceNames(const std::string& query) {
    std::vector<std::string> names;
    for (const auto& device : List(kDevices, query)) {
      names.emplace_back(device.at("name").as_string());
    }
    return names;
  }
};

using Names = std::vector<std::string>;

TEST_F(SqlInputTest, NetworkNamesAreStoredAndReturnedVerbatim) {
  const int64_t before = Count(kNetworks, "");
  for (const auto& base : HostileNames()) {
    const std::string name = "net " + base;
    const auto created = Admin().Post(
        kNetworks, json::serialize(json::object{{"name", name}, {"description", base}}));
    ASSERT_EQ(created.status, 201) << name << ": " << created.body;
    const int64_t id = created.json().at("id").as_int64();

    const auto fetched = Admin().Get(std::string(kNetworks) + "/" + std::to_string(id));
    ASSERT_EQ(fetched.status, 200) << fetched.body;
    EXPECT_EQ(fetched.json().at("name"), json::value(name));
    EXPECT_EQ(fetched.json().at("description"), json::value(base));

    const auto listed = List(kNetworks, "name=" + Encode(name));
    ASSERT_EQ(listed.size(), 1u) << name;
    EXPECT_EQ(listed[0].at("id"), id);
    EXPECT_EQ(Count(kNetworks, "name=" + Encode(name)), 1) << name;
  }
  EXPECT_EQ(Count(kNetworks, ""), before + static_cast<int64_t>(HostileNames().size()));
}

TEST_F(SqlInputTest, DuplicateHostileNamesAreStillDetected) {
  const std::string name = "dup ' OR ''='";
  const auto body = json::serialize(json::object{{"name", name}});
  ASSERT_EQ(Admin().Post(kNetworks, body).status, 201);
  const auto again = Admin().Post(kNetworks, body);
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(MessageOf(again), "Network cannot be created. Network with such name already exists");
}

TEST_F(SqlInputTest, DeviceNamesAndDataAreStoredAndReturnedVerbatim) {
  int n = 0;
  for (const auto& base : HostileNames()) {
    const std::string id = "sql-dev-" + std::to_string(n++);
    const std::string name = "dev " + base;
    const json::object data{{"text", base}, {base, json::array{base, 1}}};
    RegisterDevice(id, name, data);
    const auto fetched = Admin().Get(std::string(kDevices) + "/" + id);
    ASSERT_EQ(fetched.status, 200) << fetched.body;
    EXPECT_EQ(fetched.json().at("name"), json::value(name));
    EXPECT_EQ(fetched.json().at("data"), json::value(data));
    EXPECT_EQ(DeviceNames("name=" + Encode(name)), Names{name});
    EXPECT_EQ(Count(kDevices, "name=" + Encode(name)), 1) << name;
  }
}

TEST_F(SqlInputTest, InjectionInAFilterMatchesNothing) {
  RegisterDevice("sql-filter-victim", "sql filter victim");
  for (const char* attack :
       {"' OR 1=1 --", "' OR '1'='1", "x\" OR \"1\"=\"1", "'; DELETE FROM device; --"}) {
    EXPECT_EQ(List(kDevices, std::string("name=") + Encode(attack)).size(), 0u) << attack;
    EXPECT_EQ(List(kDevices, std::string("namePattern=") + Encode(attack)).size(), 0u) << attack;
    EXPECT_EQ(List(kDevices, std::string("networkName=") + Encode(attack)).size(), 0u) << attack;
    EXPECT_EQ(Count(kDevices, std::string("name=") + Encode(attack)), 0) << attack;
    EXPECT_EQ(List(kNetworks, std::string("name=") + Encode(attack)).size(), 0u) << attack;
    EXPECT_EQ(List("/api/rest/devicetype", std::string("namePattern=") + Encode(attack)).size(), 0u)
        << attack;
    EXPECT_EQ(List("/api/rest/user", std::string("loginPattern=") + Encode(attack)).size(), 0u)
        << attack;
  }
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/sql-filter-victim").status, 200);
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/" + kSampleDevice).status, 200);
}

TEST_F(SqlInputTest, PatternsWithQuotesMatchLiterally) {
  RegisterDevice("sql-quote-1", "Pat O'Neil");
  RegisterDevice("sql-quote-2", "Pat O\"Neil");
  RegisterDevice("sql-quote-3", "Pat ONeil");
  EXPECT_EQ(DeviceNames("namePattern=" + Encode("Pat O'%")), Names{"Pat O'Neil"});
  EXPECT_EQ(DeviceNames("namePattern=" + Encode("Pat O\"%")), Names{"Pat O\"Neil"});
  EXPECT_EQ(DeviceNames("namePattern=" + Encode("Pat O_Neil") + "&sortField=Name"),
            (Names{"Pat O\"Neil", "Pat O'Neil"}));
}

TEST_F(SqlInputTest, NamePatternIsCaseSensitive) {
  RegisterDevice("sql-case-1", "CaseCheck Alpha");
  RegisterDevice("sql-case-2", "casecheck beta");
  EXPECT_EQ(DeviceNames("namePattern=CaseCheck%25"), Names{"CaseCheck Alpha"});
  EXPECT_EQ(DeviceNames("namePattern=casecheck%25"), Names{"casecheck beta"});
  EXPECT_EQ(DeviceNames("namePattern=CASECHECK%25"), Names{});
  EXPECT_EQ(Count(kDevices, "namePattern=%25ALPHA"), 0);

  ASSERT_EQ(Admin().Post(kNetworks, R"({"name":"CaseNet Upper"})").status, 201);
  EXPECT_EQ(List(kNetworks, "namePattern=CaseNet%25").size(), 1u);
  EXPECT_EQ(List(kNetworks, "namePattern=casenet%25").size(), 0u);
  EXPECT_EQ(Count(kNetworks, "namePattern=CASENET%25"), 0);
}

TEST_F(SqlInputTest, ExactNameFilterIsCaseSensitiveAndTakesWildcardsLiterally) {
  RegisterDevice("sql-literal-1", "100% real_name");
  RegisterDevice("sql-literal-2", "1000 realXname");
  EXPECT_EQ(DeviceNames("name=" + Encode("100% real_name")), Names{"100% real_name"});
  EXPECT_EQ(DeviceNames("name=" + Encode("100% REAL_NAME")), Names{});
  EXPECT_EQ(DeviceNames("name=" + Encode("100%")), Names{});
  EXPECT_EQ(DeviceNames("namePattern=" + Encode("100% real_name") + "&sortField=Name"),
            (Names{"100% real_name", "1000 realXname"}))
      << "in a pattern % and _ are wildcards";
}

TEST_F(SqlInputTest, InjectionInSortParametersIsRejected) {
  const auto field =
      Admin().Get(std::string(kDevices) + "?sortField=" + Encode("name; DROP TABLE device; --"));
  EXPECT_EQ(field.status, 400);
  EXPECT_EQ(MessageOf(field), "Invalid request parameters");
  const auto column = Admin().Get(std::string(kNetworks) + "?sortField=" + Encode("(SELECT 1)"));
  EXPECT_EQ(column.status, 400);
  EXPECT_EQ(MessageOf(column), "Invalid request parameters");
  const std::string order = "ASC; DROP TABLE network";
  const auto sort_order =
      Admin().Get(std::string(kNetworks) + "?sortField=Name&sortOrder=" + Encode(order));
  EXPECT_EQ(sort_order.status, 400);
  EXPECT_EQ(MessageOf(sort_order), "Unparseable sort order : " + order);
  const auto take = Admin().Get(std::string(kDevices) + "?take=" + Encode("1 OR 1=1"));
  EXPECT_EQ(take.status, 400);
  EXPECT_EQ(MessageOf(take), "Invalid request parameters");
  EXPECT_EQ(Admin().Get(std::string(kNetworks) + "/1").status, 200);
}

TEST_F(SqlInputTest, InjectionInADeviceIdIsRejectedOrEchoedVerbatim) {
  const std::string attack = "x' OR '1'='1";
  const auto put = Admin().Put(std::string(kDevices) + "/" + Encode(attack), R"({"name":"x"})");
  EXPECT_EQ(put.status, 400);
  EXPECT_EQ(MessageOf(put), "Device Id can only contain letters, digits and dashes.");
  const auto get = Admin().Get(std::string(kDevices) + "/" + Encode(attack));
  EXPECT_EQ(get.status, 404);
  EXPECT_EQ(MessageOf(get), "Device with such deviceId = " + attack + " not found");
  const auto del = Admin().Delete(std::string(kDevices) + "/" + Encode("' OR 1=1 --"));
  EXPECT_EQ(del.status, 404);
  EXPECT_EQ(MessageOf(del), "Device with such deviceId = ' OR 1=1 -- not found");
  EXPECT_EQ(Admin().Get(std::string(kDevices) + "/" + kSampleDevice).status, 200);
}

TEST_F(SqlInputTest, HostileNamesSurviveAnUpdate) {
  const auto created = Admin().Post(kNetworks, R"({"name":"sql-update-target"})");
  ASSERT_EQ(created.status, 201);
  const std::string path =
      std::string(kNetworks) + "/" + std::to_string(created.json().at("id").as_int64());
  const std::string name = "upd'; UPDATE network SET name='pwned'; --";
  const auto updated = Admin().Put(path, json::serialize(json::object{{"name", name}}));
  EXPECT_EQ(updated.status, 204) << updated.body;
  EXPECT_EQ(Admin().Get(path).json().at("name"), json::value(name));
  EXPECT_EQ(List(kNetworks, "name=pwned").size(), 0u);
  EXPECT_EQ(Admin().Get(std::string(kNetworks) + "/1").json().at("name"), "Sample Network");
}

}  // namespace
}  // namespace dh::test
