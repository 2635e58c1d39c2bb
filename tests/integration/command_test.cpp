// POST/PUT/GET /device/{id}/command (spec §2.7, §3.3): the insert answer, updates of status and
// result, getting one (also only once updated), and listing with filters, sorting and paging.
// Commands are stamped in 2021 where a test needs an order, so lastUpdated visibly moves when
// the server stamps an update with its clock.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "message_support.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

using Names = std::vector<std::string>;

class CommandTest : public ServerTest {
 protected:
  static std::string Commands(const std::string& device) { return DevicePath(device) + "/command"; }
  static std::string CommandPath(const std::string& device, int64_t id) {
    return Commands(device) + "/" + std::to_string(id);
  }
  // Registers a device in a network of its own, as the admin.
  static void RegisterDevice(const std::string& device) {
    const int64_t network = CreateNetwork("net-" + device);
    const auto result =
        Admin().Put(DevicePath(device),
                    json::serialize(json::object{{"name", device}, {"networkId", network}}));
    ASSERT_EQ(result.status, 204) << result.body;
  }
  static HttpResult Insert(const std::string& device, const json::object& body) {
    return Admin().Post(Commands(device), json::serialize(body));
  }
  // Inserts `body`, expecting 201; returns the command's id.
  static int64_t InsertOk(const std::string& device, const json::object& body) {
    const auto result = Insert(device, body);
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static HttpResult Update(const std::string& device, int64_t id, const json::object& body) {
    return Admin().Put(CommandPath(device, id), json::serialize(body));
  }
  static json::object Fetch(const std::string& device, int64_t id) {
    const auto result = Admin().Get(CommandPath(device, id));
    EXPECT_EQ(result.status, 200) << result.body;
    return result.status == 200 ? result.json().as_object() : json::object{};
  }
  static Names NamesListed(const std::string& device, const std::string& query) {
    return FieldOf(ArrayOf(Admin().Get(Commands(device) + "?" + query)), "command");
  }
  static std::string ServerTime() {
    return std::string(Anonymous().Get("/api/rest/info").json().at("serverTimestamp").as_string());
  }
};

// --- POST /device/{id}/command --------------------------------------------------------------

TEST_F(CommandTest, InsertAnswers201WithIdTimestampLastUpdatedAndUserId) {
  RegisterDevice("cmd-insert");
  const auto result =
      Insert("cmd-insert", {{"command", "reboot"}, {"parameters", {{"now", true}}}});
  ASSERT_EQ(result.status, 201) << result.body;
  const auto body = result.json().as_object();
  EXPECT_EQ(body.size(), 4u) << result.body;
  EXPECT_TRUE(body.at("id").is_int64()) << result.body;
  EXPECT_GT(body.at("id").as_int64(), 0);
  EXPECT_LT(body.at("id").as_int64(), int64_t{1} << 53) << "safe for JavaScript clients";
  EXPECT_EQ(body.at("timestamp").as_string().size(), 23u) << result.body;
  EXPECT_EQ(body.at("lastUpdated"), body.at("timestamp"));
  EXPECT_EQ(body.at("userId"), 1) << "dhadmin inserted it";
}

TEST_F(CommandTest, InsertKeepsTheClientTimestampAsTimestampAndLastUpdated) {
  RegisterDevice("cmd-client-time");
  const auto result =
      Insert("cmd-client-time", {{"command", "c"}, {"timestamp", "2021-06-01T12:00:09.900"}});
  ASSERT_EQ(result.status, 201) << result.body;
  EXPECT_EQ(result.json().at("timestamp"), "2021-06-01T12:00:09.900");
  EXPECT_EQ(result.json().at("lastUpdated"), "2021-06-01T12:00:09.900");
}

TEST_F(CommandTest, ACommandCarriesTheIdOfTheUserWhoInsertedIt) {
  RegisterDevice("cmd-client");
  const int64_t network = Admin().Get(DevicePath("cmd-client")).json().at("networkId").as_int64();
  const int64_t user = CreateUser("cmd-client", "cmd-client-password", 1);
  ASSERT_EQ(
      Admin()
          .Put("/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(network), "")
          .status,
      204);
  auto client = As(Login(port(), "cmd-client", "cmd-client-password"));
  const auto result = client.Post(Commands("cmd-client"), R"({"command":"from-client"})");
  ASSERT_EQ(result.status, 201) << result.body;
  EXPECT_EQ(result.json().at("userId"), user);
  EXPECT_EQ(Fetch("cmd-client", result.json().at("id").as_int64()).at("userId"), user);
}

TEST_F(CommandTest, InsertRejectsNonObjectParametersAndResult) {
  RegisterDevice("cmd-objects");
  for (const char* field : {"parameters", "result"}) {
    const auto result = Insert("cmd-objects", {{"command", "c"}, {field, json::array{1, 2}}});
    EXPECT_EQ(result.status, 400) << field;
    EXPECT_EQ(MessageOf(result), "'parameters' must be JSON Object!") << field;
  }
}

TEST_F(CommandTest, InsertRejectsAnUnparseableTimestamp) {
  RegisterDevice("cmd-bad-time");
  const auto result = Insert("cmd-bad-time", {{"command", "c"}, {"timestamp", "noon"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Unparseable timestamp");
}

TEST_F(CommandTest, InsertForAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Insert("cmd-no-such-device", {{"command", "c"}});
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = cmd-no-such-device not found");
}

// --- GET /device/{id}/command/{id} ----------------------------------------------------------

TEST_F(CommandTest, GetShowsEveryFieldOfTheDeviceView) {
  RegisterDevice("cmd-get");
  const int64_t id = InsertOk("cmd-get", {{"command", "set-level"},
                                          {"timestamp", "2021-06-01T12:00:01.000"},
                                          {"parameters", {{"level", 3}}},
                                          {"lifetime", 60},
                                          {"status", "queued"},
                                          {"result", {{"partial", true}}}});
  const auto device = Admin().Get(DevicePath("cmd-get")).json();
  EXPECT_EQ(json::value(Fetch("cmd-get", id)), json::value(json::object{
                                                   {"id", id},
                                                   {"command", "set-level"},
                                                   {"timestamp", "2021-06-01T12:00:01.000"},
                                                   {"lastUpdated", "2021-06-01T12:00:01.000"},
                                                   {"userId", 1},
                                                   {"deviceId", "cmd-get"},
                                                   {"networkId", device.at("networkId")},
                                                   {"deviceTypeId", device.at("deviceTypeId")},
                                                   {"parameters", {{"level", 3}}},
                                                   {"lifetime", 60},
                                                   {"status", "queued"},
                                                   {"result", {{"partial", true}}},
                                               }));
}

TEST_F(CommandTest, OmittedFieldsAreNull) {
  RegisterDevice("cmd-nulls");
  const auto command = Fetch("cmd-nulls", InsertOk("cmd-nulls", {{"command", "c"}}));
  for (const char* field : {"parameters", "lifetime", "status", "result"}) {
    EXPECT_TRUE(command.at(field).is_null()) << field << ": " << json::serialize(command);
  }
}

TEST_F(CommandTest, GetOfAnUnknownCommandIsNotFound) {
  RegisterDevice("cmd-get-unknown");
  const auto result = Admin().Get(CommandPath("cmd-get-unknown", 4242));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Command with id = 4242 not found");
}

TEST_F(CommandTest, ReturnUpdatedCommandsHidesACommandUntilItIsUpdated) {
  RegisterDevice("cmd-get-updated");
  const int64_t id = InsertOk("cmd-get-updated", {{"command", "c"}});
  const std::string only_updated =
      CommandPath("cmd-get-updated", id) + "?returnUpdatedCommands=true";

  const auto before = Admin().Get(only_updated);
  EXPECT_EQ(before.status, 404) << before.body;
  EXPECT_EQ(MessageOf(before), "Command with id = " + std::to_string(id) + " not found");
  EXPECT_EQ(Admin().Get(CommandPath("cmd-get-updated", id) + "?returnUpdatedCommands=false").status,
            200);

  ASSERT_EQ(Update("cmd-get-updated", id, {{"status", "done"}}).status, 204);
  const auto after = Admin().Get(only_updated);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.json().at("status"), "done");
}

// --- PUT /device/{id}/command/{id} ----------------------------------------------------------

TEST_F(CommandTest, UpdateAnswers204AndStoresStatusAndResult) {
  RegisterDevice("cmd-update");
  const int64_t id =
      InsertOk("cmd-update", {{"command", "c"}, {"timestamp", "2021-06-01T12:00:00.000"}});
  const std::string before = ServerTime();
  const auto result = Update("cmd-update", id, {{"status", "done"}, {"result", {{"ok", 1}}}});
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_TRUE(result.body.empty());

  const auto command = Fetch("cmd-update", id);
  EXPECT_EQ(command.at("status"), "done");
  EXPECT_EQ(command.at("result"), json::value(json::object{{"ok", 1}}));
  EXPECT_EQ(command.at("timestamp"), "2021-06-01T12:00:00.000") << "the timestamp stays";
  EXPECT_LE(before, std::string(command.at("lastUpdated").as_string()))
      << "lastUpdated is the server's time of the update";
}

TEST_F(CommandTest, UpdateChangesOnlyTheFieldsGiven) {
  RegisterDevice("cmd-update-partial");
  const int64_t id = InsertOk("cmd-update-partial",
                              {{"command", "c"}, {"status", "queued"}, {"result", {{"r", 1}}}});
  ASSERT_EQ(Update("cmd-update-partial", id, {{"status", "running"}}).status, 204);
  auto command = Fetch("cmd-update-partial", id);
  EXPECT_EQ(command.at("status"), "running");
  EXPECT_EQ(command.at("result"), json::value(json::object{{"r", 1}}));

  ASSERT_EQ(
      Update("cmd-update-partial", id, {{"result", {{"r", 2}}}, {"command", "ignored"}}).status,
      204);
  command = Fetch("cmd-update-partial", id);
  EXPECT_EQ(command.at("status"), "running");
  EXPECT_EQ(command.at("result"), json::value(json::object{{"r", 2}}));
  EXPECT_EQ(command.at("command"), "c") << "an update only takes status and result";
}

TEST_F(CommandTest, EveryUpdateMovesLastUpdated) {
  RegisterDevice("cmd-last-updated");
  const int64_t id = InsertOk("cmd-last-updated", {{"command", "c"}});
  ASSERT_EQ(Update("cmd-last-updated", id, {{"status", "1"}}).status, 204);
  const std::string first(Fetch("cmd-last-updated", id).at("lastUpdated").as_string());
  // Waits (with a deadline) for the server's clock to pass the first update's millisecond.
  const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
  while (ServerTime() <= first && SteadyClock::now() < deadline) {
  }
  ASSERT_EQ(Update("cmd-last-updated", id, {{"status", "2"}}).status, 204);
  const std::string second(Fetch("cmd-last-updated", id).at("lastUpdated").as_string());
  EXPECT_LT(first, second);
}

TEST_F(CommandTest, UpdateOfAnUnknownCommandIsNotFound) {
  RegisterDevice("cmd-update-unknown");
  const auto result = Update("cmd-update-unknown", 777, {{"status", "done"}});
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Command with id = 777 not found");
}

TEST_F(CommandTest, UpdateThroughAnotherDeviceIsNotFound) {
  RegisterDevice("cmd-update-owner");
  RegisterDevice("cmd-update-other");
  const int64_t id = InsertOk("cmd-update-owner", {{"command", "c"}});
  const auto result = Update("cmd-update-other", id, {{"status", "done"}});
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Command with id = " + std::to_string(id) + " not found");
  EXPECT_TRUE(Fetch("cmd-update-owner", id).at("status").is_null());
}

TEST_F(CommandTest, UpdateRejectsANonObjectResult) {
  RegisterDevice("cmd-update-result");
  const int64_t id = InsertOk("cmd-update-result", {{"command", "c"}});
  const auto result = Update("cmd-update-result", id, {{"result", "text"}});
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "'parameters' must be JSON Object!");
}

TEST_F(CommandTest, UpdateForAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Update("cmd-update-nobody", 1, {{"status", "done"}});
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = cmd-update-nobody not found");
}

// --- GET /device/{id}/command ---------------------------------------------------------------

TEST_F(CommandTest, ListIsNewestFirstByDefault) {
  RegisterDevice("cmd-list-order");
  InsertOk("cmd-list-order", {{"command", "second"}, {"timestamp", PastTime(2)}});
  InsertOk("cmd-list-order", {{"command", "first"}, {"timestamp", PastTime(1)}});
  InsertOk("cmd-list-order", {{"command", "third"}, {"timestamp", PastTime(3)}});
  EXPECT_EQ(NamesListed("cmd-list-order", ""), (Names{"third", "second", "first"}));
  EXPECT_EQ(NamesListed("cmd-list-order", "sortOrder=ASC"), (Names{"first", "second", "third"}));
}

TEST_F(CommandTest, ListShowsTheDeviceViewOfEachCommand) {
  RegisterDevice("cmd-list-view");
  const int64_t id =
      InsertOk("cmd-list-view", {{"command", "c"}, {"parameters", {{"p", 1}}}, {"lifetime", 5}});
  const auto listed = ArrayOf(Admin().Get(Commands("cmd-list-view")));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed.front(), json::value(Fetch("cmd-list-view", id)));
}

TEST_F(CommandTest, ListFiltersByNameStatusAndTimeBounds) {
  RegisterDevice("cmd-list-filter");
  InsertOk("cmd-list-filter", {{"command", "a1"}, {"timestamp", PastTime(1)}, {"status", "done"}});
  InsertOk("cmd-list-filter", {{"command", "a2"}, {"timestamp", PastTime(2)}, {"status", "Done"}});
  InsertOk("cmd-list-filter", {{"command", "b3"}, {"timestamp", PastTime(3)}, {"status", "new"}});
  InsertOk("cmd-list-filter", {{"command", "a4"}, {"timestamp", PastTime(4)}});
  EXPECT_EQ(NamesListed("cmd-list-filter", "command=a2"), Names{"a2"});
  EXPECT_EQ(NamesListed("cmd-list-filter", "status=done"), (Names{"a2", "a1"}))
      << "status matches ignoring case";
  EXPECT_EQ(NamesListed("cmd-list-filter", "status=DONE"), (Names{"a2", "a1"}));
  EXPECT_EQ(NamesListed("cmd-list-filter", "status=unknown"), Names{});
  EXPECT_EQ(NamesListed("cmd-list-filter", "start=" + PastTime(2) + "&end=" + PastTime(3)),
            (Names{"b3", "a2"}))
      << "the bounds are inclusive";
  EXPECT_EQ(NamesListed("cmd-list-filter", "start=" + PastTime(2) + "&status=done"), Names{"a2"});
}

TEST_F(CommandTest, ListFollowsTheStatusOfUpdates) {
  RegisterDevice("cmd-list-updated");
  const int64_t id = InsertOk("cmd-list-updated", {{"command", "c"}, {"status", "new"}});
  ASSERT_EQ(Update("cmd-list-updated", id, {{"status", "done"}}).status, 204);
  EXPECT_EQ(NamesListed("cmd-list-updated", "status=new"), Names{});
  EXPECT_EQ(NamesListed("cmd-list-updated", "status=done"), Names{"c"});
}

TEST_F(CommandTest, ListSortsByCommandName) {
  RegisterDevice("cmd-sort-name");
  InsertOk("cmd-sort-name", {{"command", "bravo"}, {"timestamp", PastTime(1)}});
  InsertOk("cmd-sort-name", {{"command", "charlie"}, {"timestamp", PastTime(2)}});
  InsertOk("cmd-sort-name", {{"command", "alpha"}, {"timestamp", PastTime(3)}});
  EXPECT_EQ(NamesListed("cmd-sort-name", "sortField=command"),
            (Names{"charlie", "bravo", "alpha"}));
  EXPECT_EQ(NamesListed("cmd-sort-name", "sortField=Command&sortOrder=ASC"),
            (Names{"alpha", "bravo", "charlie"}));
}

TEST_F(CommandTest, ListSortsByStatus) {
  RegisterDevice("cmd-sort-status");
  InsertOk("cmd-sort-status", {{"command", "is-b"}, {"status", "b"}, {"timestamp", PastTime(1)}});
  InsertOk("cmd-sort-status", {{"command", "is-c"}, {"status", "c"}, {"timestamp", PastTime(2)}});
  InsertOk("cmd-sort-status", {{"command", "is-a"}, {"status", "a"}, {"timestamp", PastTime(3)}});
  EXPECT_EQ(NamesListed("cmd-sort-status", "sortField=status"), (Names{"is-c", "is-b", "is-a"}));
  EXPECT_EQ(NamesListed("cmd-sort-status", "sortField=status&sortOrder=ASC"),
            (Names{"is-a", "is-b", "is-c"}));
}

TEST_F(CommandTest, TakeAndSkipPageThroughTheSortedList) {
  RegisterDevice("cmd-paging");
  for (int i = 1; i <= 5; ++i) {
    InsertOk("cmd-paging", {{"command", "c" + std::to_string(i)}, {"timestamp", PastTime(i)}});
  }
  EXPECT_EQ(NamesListed("cmd-paging", "take=2"), (Names{"c5", "c4"}));
  EXPECT_EQ(NamesListed("cmd-paging", "take=2&skip=2"), (Names{"c3", "c2"}));
  EXPECT_EQ(NamesListed("cmd-paging", "sortOrder=ASC&skip=3"), (Names{"c4", "c5"}));
  EXPECT_EQ(NamesListed("cmd-paging", "skip=9"), Names{});
}

TEST_F(CommandTest, ListTakesAHundredByDefault) {
  RegisterDevice("cmd-take-default");
  for (int i = 0; i < 101; ++i) {
    InsertOk("cmd-take-default", {{"command", "c"}, {"timestamp", PastTime(i)}});
  }
  const auto listed = ArrayOf(Admin().Get(Commands("cmd-take-default")));
  ASSERT_EQ(listed.size(), 100u);
  EXPECT_EQ(listed.front().at("timestamp").as_string(), PastTime(100));
  EXPECT_EQ(listed.back().at("timestamp").as_string(), PastTime(1));
}

TEST_F(CommandTest, ListOfAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Admin().Get(Commands("cmd-list-nobody"));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = cmd-list-nobody not found");
}

}  // namespace
}  // namespace dh::test
