// REST long polling (spec §3.2, §3.3, §6.3): /device/{id}/notification/poll and
// /device/notification/poll, their command twins, and /device/{id}/command/{id}/poll. History is
// what was stored strictly after `timestamp`, answered at once and oldest first; without history
// a poll waits for the first matching event and answers it alone, or [] when the wait ends.
//
// A poll is sent in the background while the test acts; since the server does not show when a
// poll is registered, the test repeats its act until the poll answers (RepeatUntilAnswered).
// Time bounds are generous: the suite also runs under ASan on a loaded two-core machine.
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "message_support.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

using Names = std::vector<std::string>;

constexpr const char* kClientPassword = "poll-client-password";
constexpr double kAtOnce = 5.0;  // seconds: an answer that did not wait for its waitTimeout

class PollTest : public ServerTest {
 protected:
  static void RegisterDevice(const std::string& device, int64_t network, int64_t type = 1) {
    const auto result = Admin().Put(
        DevicePath(device), json::serialize(json::object{
                                {"name", device}, {"networkId", network}, {"deviceTypeId", type}}));
    ASSERT_EQ(result.status, 204) << result.body;
  }
  // Inserts a notification (stamped `timestamp` unless empty), expecting 201; returns its id.
  static int64_t Notify(const std::string& device, const std::string& name,
                        const std::string& timestamp = "") {
    json::object body{{"notification", name}};
    if (!timestamp.empty()) body["timestamp"] = timestamp;
    const auto result = Admin().Post(DevicePath(device) + "/notification", json::serialize(body));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static int64_t Command(const std::string& device, const std::string& name,
                         const std::string& timestamp = "") {
    json::object body{{"command", name}};
    if (!timestamp.empty()) body["timestamp"] = timestamp;
    const auto result = Admin().Post(DevicePath(device) + "/command", json::serialize(body));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static void UpdateCommand(const std::string& device, int64_t id, const std::string& status) {
    const auto result = Admin().Put(DevicePath(device) + "/command/" + std::to_string(id),
                                    json::serialize(json::object{{"status", status}}));
    EXPECT_EQ(result.status, 204) << result.body;
  }
  static std::future<HttpResult> PollAsync(const std::string& target,
                                           const std::string& token = admin_token_) {
    return GetAsync(port(), token, target);
  }
  // A CLIENT user linked to `networks`, logged in after the links exist; returns its token.
  static std::string ClientOf(const std::string& login, const std::vector<int64_t>& networks) {
    const int64_t user = CreateUser(login, kClientPassword, 1);
    for (const int64_t network : networks) {
      const auto linked = Admin().Put(
          "/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(network), "");
      EXPECT_EQ(linked.status, 204) << linked.body;
    }
    const std::string token = Login(port(), login, kClientPassword);
    EXPECT_FALSE(token.empty()) << login;
    return token;
  }
};

std::string NotificationPoll(const std::string& device, const std::string& query) {
  return DevicePath(device) + "/notification/poll?" + query;
}
std::string NotificationPollMany(const std::string& query) {
  return "/api/rest/device/notification/poll?" + query;
}
std::string CommandPoll(const std::string& device, const std::string& query) {
  return DevicePath(device) + "/command/poll?" + query;
}
std::string CommandPollMany(const std::string& query) {
  return "/api/rest/device/command/poll?" + query;
}
std::string CommandWait(const std::string& device, int64_t id, const std::string& query) {
  return DevicePath(device) + "/command/" + std::to_string(id) + "/poll?" + query;
}
std::string Since(int second) { return "timestamp=" + PastTime(second); }

// --- /device/{id}/notification/poll: history ------------------------------------------------

TEST_F(PollTest, HistoryAfterTheTimestampIsAnsweredAtOnceOldestFirst) {
  const int64_t network = CreateNetwork("poll-history");
  RegisterDevice("poll-history", network);
  Notify("poll-history", "t2", PastTime(2));
  Notify("poll-history", "t1", PastTime(1));
  Notify("poll-history", "t3", PastTime(3));
  const auto start = SteadyClock::now();
  const auto answer = ArrayOf(Admin().Get(NotificationPoll("poll-history", Since(1))));
  EXPECT_LT(SecondsSince(start), kAtOnce);
  // The device's own $device-add (stamped now) is stored under it, so its history holds it too.
  EXPECT_EQ(FieldOf(answer, "notification"), (Names{"t2", "t3", "$device-add"}));
  EXPECT_EQ(FieldOf(answer, "deviceId"), (Names(3, "poll-history")));
}

TEST_F(PollTest, RepollingWithTheLastTimestampReturnsNoDuplicates) {
  const int64_t network = CreateNetwork("poll-repoll");
  RegisterDevice("poll-repoll", network);
  Notify("poll-repoll", "t1", PastTime(1));
  Notify("poll-repoll", "t2", PastTime(2));
  const auto first = ArrayOf(
      Admin().Get(NotificationPoll("poll-repoll", Since(0) + "&names=t1,t2&waitTimeout=0")));
  ASSERT_EQ(FieldOf(first, "notification"), (Names{"t1", "t2"}));
  const std::string last(first.back().at("timestamp").as_string());
  const auto again = ArrayOf(Admin().Get(
      NotificationPoll("poll-repoll", "timestamp=" + last + "&names=t1,t2&waitTimeout=0")));
  EXPECT_EQ(again.size(), 0u) << json::serialize(again);
}

TEST_F(PollTest, HistoryShowsTheClientViewOfEachNotification) {
  const int64_t network = CreateNetwork("poll-view");
  RegisterDevice("poll-view", network);
  const int64_t id = Notify("poll-view", "n", PastTime(1));
  const auto answer = ArrayOf(Admin().Get(NotificationPoll("poll-view", Since(0) + "&names=n")));
  ASSERT_EQ(answer.size(), 1u);
  const auto single = Admin().Get(DevicePath("poll-view") + "/notification/" + std::to_string(id));
  EXPECT_EQ(answer.front(), single.json());
}

TEST_F(PollTest, NamesFilterTheHistory) {
  const int64_t network = CreateNetwork("poll-names");
  RegisterDevice("poll-names", network);
  Notify("poll-names", "a", PastTime(1));
  Notify("poll-names", "b", PastTime(2));
  Notify("poll-names", "c", PastTime(3));
  const auto answer =
      ArrayOf(Admin().Get(NotificationPoll("poll-names", Since(0) + "&names=a,c&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "notification"), (Names{"a", "c"}));
}

TEST_F(PollTest, NotificationHistoryHoldsTheOldestHundred) {
  const int64_t network = CreateNetwork("poll-history-cap");
  RegisterDevice("poll-history-cap", network);
  for (int i = 0; i < 101; ++i) Notify("poll-history-cap", "n", PastTime(i));
  const auto answer = ArrayOf(
      Admin().Get(NotificationPoll("poll-history-cap", "timestamp=2021-01-01T00:00:00.000")));
  ASSERT_EQ(answer.size(), 100u);
  EXPECT_EQ(answer.front().at("timestamp").as_string(), PastTime(0));
  EXPECT_EQ(answer.back().at("timestamp").as_string(), PastTime(99));
}

// --- /device/{id}/notification/poll: waiting ------------------------------------------------

TEST_F(PollTest, WithoutHistoryANewNotificationWakesThePollAlone) {
  const int64_t network = CreateNetwork("poll-wake");
  RegisterDevice("poll-wake", network);
  auto pending = PollAsync(NotificationPoll("poll-wake", "waitTimeout=30"));
  std::set<int64_t> inserted;
  const auto start = SteadyClock::now();
  const auto answer =
      ArrayOf(RepeatUntilAnswered(pending, [&] { inserted.insert(Notify("poll-wake", "wake")); }));
  EXPECT_LT(SecondsSince(start), 25.0) << "woken, not timed out";
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  EXPECT_EQ(answer.front().at("notification"), "wake");
  EXPECT_EQ(answer.front().at("deviceId"), "poll-wake");
  EXPECT_EQ(answer.front().at("networkId"), network);
  EXPECT_TRUE(inserted.contains(answer.front().at("id").as_int64()));
}

TEST_F(PollTest, OnlyANotificationOfTheNamesWakesThePoll) {
  const int64_t network = CreateNetwork("poll-wake-names");
  RegisterDevice("poll-wake-names", network);
  auto pending = PollAsync(NotificationPoll("poll-wake-names", "names=wanted&waitTimeout=30"));
  const auto answer = ArrayOf(RepeatUntilAnswered(pending, [] {
    Notify("poll-wake-names", "unwanted");
    Notify("poll-wake-names", "wanted");
  }));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  EXPECT_EQ(answer.front().at("notification"), "wanted");
}

TEST_F(PollTest, ANotificationOfAnotherDeviceDoesNotWakeThePoll) {
  const int64_t network = CreateNetwork("poll-wake-device");
  RegisterDevice("poll-wake-mine", network);
  RegisterDevice("poll-wake-other", network);
  auto pending = PollAsync(NotificationPoll("poll-wake-mine", "waitTimeout=30"));
  const auto answer = ArrayOf(RepeatUntilAnswered(pending, [] {
    Notify("poll-wake-other", "n");
    Notify("poll-wake-mine", "n");
  }));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  EXPECT_EQ(answer.front().at("deviceId"), "poll-wake-mine");
}

TEST_F(PollTest, EveryPendingPollIsWokenByTheSameNotification) {
  const int64_t network = CreateNetwork("poll-wake-all");
  RegisterDevice("poll-wake-all", network);
  std::vector<std::future<HttpResult>> polls;
  for (int i = 0; i < 5; ++i) {
    polls.push_back(PollAsync(NotificationPoll("poll-wake-all", "waitTimeout=30")));
  }
  // Acts until the last poll answers; each poll answers the first notification it saw.
  std::set<int64_t> inserted;
  std::vector<HttpResult> answers;
  for (auto& poll : polls) {
    answers.push_back(
        RepeatUntilAnswered(poll, [&] { inserted.insert(Notify("poll-wake-all", "n")); }));
  }
  for (const auto& answer : answers) {
    const auto events = ArrayOf(answer);
    ASSERT_EQ(events.size(), 1u) << answer.body;
    EXPECT_TRUE(inserted.contains(events.front().at("id").as_int64())) << answer.body;
  }
}

TEST_F(PollTest, NothingToAnswerGivesAnEmptyArrayAfterTheWaitTimeout) {
  const int64_t network = CreateNetwork("poll-timeout");
  RegisterDevice("poll-timeout", network);
  const auto start = SteadyClock::now();
  const auto result = Admin().Get(NotificationPoll("poll-timeout", "waitTimeout=1"));
  const double elapsed = SecondsSince(start);
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "[]");
  EXPECT_GE(elapsed, 0.9);
  EXPECT_LT(elapsed, 5.0);
}

TEST_F(PollTest, WaitTimeoutZeroAnswersAtOnce) {
  const int64_t network = CreateNetwork("poll-zero");
  RegisterDevice("poll-zero", network);
  const auto start = SteadyClock::now();
  const auto empty = Admin().Get(NotificationPoll("poll-zero", "waitTimeout=0"));
  EXPECT_LT(SecondsSince(start), kAtOnce);
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body, "[]");

  Notify("poll-zero", "n", PastTime(1));
  const auto history =
      ArrayOf(Admin().Get(NotificationPoll("poll-zero", Since(0) + "&names=n&waitTimeout=0")));
  EXPECT_EQ(FieldOf(history, "notification"), Names{"n"});
}

TEST_F(PollTest, WaitTimeoutOutsideZeroToSixtyIsRejected) {
  const int64_t network = CreateNetwork("poll-bad-timeout");
  RegisterDevice("poll-bad-timeout", network);
  const std::vector<std::string> polls = {
      NotificationPoll("poll-bad-timeout", ""), NotificationPollMany(""),
      CommandPoll("poll-bad-timeout", ""),      CommandPollMany(""),
      CommandWait("poll-bad-timeout", 1, ""),
  };
  for (const auto& poll : polls) {
    const auto above = Admin().Get(poll + "waitTimeout=61");
    EXPECT_EQ(above.status, 400) << poll;
    EXPECT_EQ(MessageOf(above), "Timeout can't be more than 60 seconds. ") << poll;
    const auto below = Admin().Get(poll + "waitTimeout=-1");
    EXPECT_EQ(below.status, 400) << poll;
    EXPECT_EQ(MessageOf(below), "Timeout can't be less than 0 seconds. ") << poll;
  }
}

TEST_F(PollTest, UnparseableTimestampIsRejected) {
  const int64_t network = CreateNetwork("poll-bad-time");
  RegisterDevice("poll-bad-time", network);
  const auto result = Admin().Get(NotificationPoll("poll-bad-time", "timestamp=later"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Unparseable timestamp");
}

TEST_F(PollTest, PollOfAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Admin().Get(NotificationPoll("poll-nobody", "waitTimeout=0"));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = poll-nobody not found");
}

// --- /device/notification/poll (pollMany) ---------------------------------------------------

TEST_F(PollTest, PollManyByNetworkIdsReturnsTheirDevicesHistory) {
  const int64_t first = CreateNetwork("poll-many-net-1");
  const int64_t second = CreateNetwork("poll-many-net-2");
  const int64_t third = CreateNetwork("poll-many-net-3");
  RegisterDevice("poll-many-net-1", first);
  RegisterDevice("poll-many-net-2", second);
  RegisterDevice("poll-many-net-3", third);
  Notify("poll-many-net-1", "one", PastTime(1));
  Notify("poll-many-net-2", "two", PastTime(2));
  Notify("poll-many-net-3", "three", PastTime(3));
  const auto nets = [](std::initializer_list<int64_t> ids) {
    std::string text = "networkIds=";
    for (const int64_t id : ids) text += std::to_string(id) + ",";
    text.pop_back();
    return text + "&" + Since(0) + "&waitTimeout=0";
  };
  EXPECT_EQ(FieldOf(ArrayOf(Admin().Get(NotificationPollMany(nets({first})))), "notification"),
            Names{"one"})
      << "the $device-add notifications have no network, so they are not in a network's history";
  EXPECT_EQ(
      FieldOf(ArrayOf(Admin().Get(NotificationPollMany(nets({third, first})))), "notification"),
      (Names{"one", "three"}));
}

TEST_F(PollTest, PollManyByDeviceTypeIdsReturnsTheirDevicesHistory) {
  // Device types 7 and 8 are used by no other test of this suite.
  const int64_t network = CreateNetwork("poll-many-types");
  RegisterDevice("poll-many-type-7", network, 7);
  RegisterDevice("poll-many-type-8", network, 8);
  Notify("poll-many-type-7", "cars", PastTime(1));
  Notify("poll-many-type-8", "cooking", PastTime(2));
  const auto answer =
      ArrayOf(Admin().Get(NotificationPollMany("deviceTypeIds=8&" + Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "notification"), Names{"cooking"});
  EXPECT_EQ(FieldOf(answer, "deviceTypeId"), Names{"8"});
  const auto both = ArrayOf(
      Admin().Get(NotificationPollMany("networkIds=" + std::to_string(network) +
                                       "&deviceTypeIds=7,8&" + Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(both, "notification"), (Names{"cars", "cooking"}));
}

TEST_F(PollTest, PollManyByDeviceIdReturnsThatDevicesHistory) {
  const int64_t network = CreateNetwork("poll-many-device");
  RegisterDevice("poll-many-device-a", network);
  RegisterDevice("poll-many-device-b", network);
  Notify("poll-many-device-a", "a", PastTime(1));
  Notify("poll-many-device-b", "b", PastTime(2));
  const auto answer = ArrayOf(Admin().Get(NotificationPollMany(
      "deviceId=poll-many-device-b&names=a,b&" + Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "notification"), Names{"b"});
}

TEST_F(PollTest, PollManyNamesFilterTheHistory) {
  const int64_t network = CreateNetwork("poll-many-names");
  RegisterDevice("poll-many-names-a", network);
  RegisterDevice("poll-many-names-b", network);
  Notify("poll-many-names-a", "keep", PastTime(1));
  Notify("poll-many-names-b", "drop", PastTime(2));
  Notify("poll-many-names-b", "keep", PastTime(3));
  const auto answer = ArrayOf(Admin().Get(NotificationPollMany(
      "networkIds=" + std::to_string(network) + "&names=keep&" + Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "deviceId"), (Names{"poll-many-names-a", "poll-many-names-b"}));
  EXPECT_EQ(FieldOf(answer, "notification"), (Names{"keep", "keep"}));
}

TEST_F(PollTest, PollManyIsWokenOnlyByItsNetworks) {
  const int64_t mine = CreateNetwork("poll-many-wake-mine");
  const int64_t other = CreateNetwork("poll-many-wake-other");
  RegisterDevice("poll-many-wake-mine", mine);
  RegisterDevice("poll-many-wake-other", other);
  auto pending =
      PollAsync(NotificationPollMany("networkIds=" + std::to_string(mine) + "&waitTimeout=30"));
  const auto answer = ArrayOf(RepeatUntilAnswered(pending, [] {
    Notify("poll-many-wake-other", "n");
    Notify("poll-many-wake-mine", "n");
  }));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  EXPECT_EQ(answer.front().at("deviceId"), "poll-many-wake-mine");
}

TEST_F(PollTest, PollManyWithAnEmptyDeviceIdIsRejected) {
  const auto result = Admin().Get(NotificationPollMany("deviceId=&waitTimeout=0"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Device id is wrong or empty");
}

TEST_F(PollTest, PollManyOfUnknownNetworksOrTypesIsNotFoundForTheAdmin) {
  const auto networks = Admin().Get(NotificationPollMany("networkIds=999999&waitTimeout=0"));
  EXPECT_EQ(networks.status, 404);
  EXPECT_EQ(MessageOf(networks), "Networks with such networkIds wasn't found: {[999999]}");
  const auto types = Admin().Get(NotificationPollMany("deviceTypeIds=99999&waitTimeout=0"));
  EXPECT_EQ(types.status, 404);
  EXPECT_EQ(MessageOf(types), "Device types with such deviceTypeIds wasn't found: {[99999]}");
  const auto device = Admin().Get(NotificationPollMany("deviceId=poll-many-nobody&waitTimeout=0"));
  EXPECT_EQ(device.status, 404);
  EXPECT_EQ(MessageOf(device), "Device with such deviceId = poll-many-nobody not found");
}

TEST_F(PollTest, PollManyRejectsNonNumericNetworkIds) {
  const auto result = Admin().Get(NotificationPollMany("networkIds=1,x&waitTimeout=0"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Invalid request parameters");
}

TEST_F(PollTest, AClientIsDeniedAnotherNetwork) {
  const int64_t mine = CreateNetwork("poll-client-deny-mine");
  const int64_t theirs = CreateNetwork("poll-client-deny-theirs");
  RegisterDevice("poll-client-deny-theirs", theirs);
  const std::string token = ClientOf("poll-client-deny", {mine});
  for (const auto& target :
       {NotificationPollMany("networkIds=" + std::to_string(theirs) + "&waitTimeout=0"),
        NotificationPollMany("networkIds=" + std::to_string(mine) + "," + std::to_string(theirs) +
                             "&waitTimeout=0"),
        NotificationPollMany("networkIds=999999&waitTimeout=0"),
        CommandPollMany("networkIds=" + std::to_string(theirs) + "&waitTimeout=0"),
        NotificationPollMany("deviceId=poll-client-deny-theirs&waitTimeout=0"),
        NotificationPoll("poll-client-deny-theirs", "waitTimeout=0"),
        CommandPoll("poll-client-deny-theirs", "waitTimeout=0")}) {
    const auto result = As(token).Get(target);
    EXPECT_EQ(result.status, 403) << target;
    EXPECT_EQ(MessageOf(result), "Access is denied") << target;
  }
}

TEST_F(PollTest, AClientsPollManySeesOnlyItsNetworks) {
  const int64_t mine = CreateNetwork("poll-client-scope-mine");
  const int64_t theirs = CreateNetwork("poll-client-scope-theirs");
  RegisterDevice("poll-client-scope-mine", mine);
  RegisterDevice("poll-client-scope-theirs", theirs);
  Notify("poll-client-scope-mine", "mine", PastTime(1));
  Notify("poll-client-scope-theirs", "theirs", PastTime(2));
  const std::string token = ClientOf("poll-client-scope", {mine});

  const auto history = ArrayOf(As(token).Get(NotificationPollMany(Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(history, "notification"), Names{"mine"});

  auto pending = PollAsync(NotificationPollMany("waitTimeout=30"), token);
  const auto live = ArrayOf(RepeatUntilAnswered(pending, [] {
    Notify("poll-client-scope-theirs", "theirs");
    Notify("poll-client-scope-mine", "mine");
  }));
  ASSERT_EQ(live.size(), 1u) << json::serialize(live);
  EXPECT_EQ(live.front().at("deviceId"), "poll-client-scope-mine");
}

TEST_F(PollTest, AClientWithoutNetworksIsAnsweredAtOnceWithNothing) {
  const std::string token = ClientOf("poll-client-no-networks", {});
  const auto start = SteadyClock::now();
  const auto notifications = As(token).Get(NotificationPollMany("waitTimeout=30"));
  const auto commands = As(token).Get(CommandPollMany("waitTimeout=30"));
  EXPECT_LT(SecondsSince(start), kAtOnce);
  EXPECT_EQ(notifications.status, 200);
  EXPECT_EQ(notifications.body, "[]");
  EXPECT_EQ(commands.status, 200);
  EXPECT_EQ(commands.body, "[]");
}

TEST_F(PollTest, AnAdminTokenNarrowedToNetworksPollsOnlyThem) {
  const int64_t kept = CreateNetwork("poll-narrow-kept");
  const int64_t other = CreateNetwork("poll-narrow-other");
  RegisterDevice("poll-narrow-kept", kept);
  RegisterDevice("poll-narrow-other", other);
  Notify("poll-narrow-kept", "kept", PastTime(1));
  Notify("poll-narrow-other", "other", PastTime(2));
  const auto minted = Admin().Post(
      "/api/rest/token/create",
      json::serialize(json::object{{"userId", 1},
                                   {"actions", json::array{"*"}},
                                   {"networkIds", json::array{std::to_string(kept)}}}));
  ASSERT_EQ(minted.status, 201) << minted.body;
  auto narrowed = As(std::string(minted.json().at("accessToken").as_string()));
  const auto answer = ArrayOf(narrowed.Get(NotificationPollMany(Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "notification"), Names{"kept"});
  const auto denied =
      narrowed.Get(NotificationPollMany("networkIds=" + std::to_string(other) + "&waitTimeout=0"));
  EXPECT_EQ(denied.status, 404);
  EXPECT_EQ(MessageOf(denied),
            "Networks with such networkIds wasn't found: {[" + std::to_string(other) + "]}");
}

// --- /device/{id}/command/poll and /device/command/poll -------------------------------------

TEST_F(PollTest, CommandHistoryAfterTheTimestampIsAnsweredAtOnce) {
  const int64_t network = CreateNetwork("poll-cmd-history");
  RegisterDevice("poll-cmd-history", network);
  Command("poll-cmd-history", "c2", PastTime(2));
  Command("poll-cmd-history", "c1", PastTime(1));
  Command("poll-cmd-history", "c3", PastTime(3));
  const auto start = SteadyClock::now();
  const auto answer = ArrayOf(Admin().Get(CommandPoll("poll-cmd-history", Since(1))));
  EXPECT_LT(SecondsSince(start), kAtOnce);
  EXPECT_EQ(FieldOf(answer, "command"), (Names{"c2", "c3"}));
  ASSERT_EQ(answer.size(), 2u);
  EXPECT_EQ(answer.front().as_object().size(), 12u)
      << "the listed view: " << json::serialize(answer);
}

TEST_F(PollTest, CommandHistoryIsCutToTheOldestLimit) {
  const int64_t network = CreateNetwork("poll-cmd-limit");
  RegisterDevice("poll-cmd-limit", network);
  for (int i = 1; i <= 4; ++i) Command("poll-cmd-limit", "c" + std::to_string(i), PastTime(i));
  EXPECT_EQ(FieldOf(ArrayOf(Admin().Get(CommandPoll("poll-cmd-limit", Since(0) + "&limit=2"))),
                    "command"),
            (Names{"c1", "c2"}));
  EXPECT_EQ(FieldOf(ArrayOf(Admin().Get(CommandPoll("poll-cmd-limit", Since(0) + "&limit=100"))),
                    "command"),
            (Names{"c1", "c2", "c3", "c4"}));
  const auto negative = Admin().Get(CommandPoll("poll-cmd-limit", Since(0) + "&limit=-1"));
  EXPECT_EQ(negative.status, 400);
}

TEST_F(PollTest, WithoutHistoryANewCommandWakesThePollAlone) {
  const int64_t network = CreateNetwork("poll-cmd-wake");
  RegisterDevice("poll-cmd-wake", network);
  auto pending = PollAsync(CommandPoll("poll-cmd-wake", "names=go&waitTimeout=30"));
  std::set<int64_t> inserted;
  const auto answer = ArrayOf(RepeatUntilAnswered(pending, [&] {
    Command("poll-cmd-wake", "stop");
    inserted.insert(Command("poll-cmd-wake", "go"));
  }));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  EXPECT_EQ(answer.front().at("command"), "go");
  EXPECT_TRUE(inserted.contains(answer.front().at("id").as_int64()));
}

TEST_F(PollTest, CommandPollTimesOutWithAnEmptyArray) {
  const int64_t network = CreateNetwork("poll-cmd-timeout");
  RegisterDevice("poll-cmd-timeout", network);
  const auto start = SteadyClock::now();
  const auto result = Admin().Get(CommandPoll("poll-cmd-timeout", "waitTimeout=1"));
  const double elapsed = SecondsSince(start);
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(result.body, "[]");
  EXPECT_GE(elapsed, 0.9);
  EXPECT_LT(elapsed, 5.0);
}

TEST_F(PollTest, ReturnUpdatedCommandsHistoryHoldsOnlyUpdatedCommands) {
  const int64_t network = CreateNetwork("poll-cmd-updated-history");
  RegisterDevice("poll-cmd-updated", network);
  Command("poll-cmd-updated", "untouched", PastTime(1));
  const int64_t id = Command("poll-cmd-updated", "touched", PastTime(2));
  UpdateCommand("poll-cmd-updated", id, "done");
  const auto answer = ArrayOf(Admin().Get(
      CommandPoll("poll-cmd-updated", Since(0) + "&returnUpdatedCommands=true&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "command"), Names{"touched"});
  EXPECT_EQ(FieldOf(answer, "status"), Names{"done"});
  const auto all =
      ArrayOf(Admin().Get(CommandPoll("poll-cmd-updated", Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(all, "command"), (Names{"untouched", "touched"}));
}

TEST_F(PollTest, ReturnUpdatedCommandsIsWokenByAnUpdateNotAnInsert) {
  const int64_t network = CreateNetwork("poll-cmd-updated-wake");
  RegisterDevice("poll-cmd-updated-wake", network);
  const int64_t id = Command("poll-cmd-updated-wake", "c");
  auto pending =
      PollAsync(CommandPoll("poll-cmd-updated-wake", "returnUpdatedCommands=true&waitTimeout=30"));
  std::set<std::string> statuses;
  int round = 0;
  const auto answer = ArrayOf(RepeatUntilAnswered(pending, [&] {
    Command("poll-cmd-updated-wake", "new");
    const std::string status = "status-" + std::to_string(++round);
    UpdateCommand("poll-cmd-updated-wake", id, status);
    statuses.insert(status);
  }));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  EXPECT_EQ(answer.front().at("id"), id);
  EXPECT_TRUE(statuses.contains(std::string(answer.front().at("status").as_string())))
      << json::serialize(answer);
}

TEST_F(PollTest, CommandPollManyByNetworkIds) {
  const int64_t mine = CreateNetwork("poll-cmd-many-mine");
  const int64_t other = CreateNetwork("poll-cmd-many-other");
  RegisterDevice("poll-cmd-many-mine", mine);
  RegisterDevice("poll-cmd-many-other", other);
  Command("poll-cmd-many-mine", "mine", PastTime(1));
  Command("poll-cmd-many-other", "other", PastTime(2));
  const std::string scope = "networkIds=" + std::to_string(mine);
  const auto history =
      ArrayOf(Admin().Get(CommandPollMany(scope + "&" + Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(history, "command"), Names{"mine"});

  auto pending = PollAsync(CommandPollMany(scope + "&waitTimeout=30"));
  const auto live = ArrayOf(RepeatUntilAnswered(pending, [] {
    Command("poll-cmd-many-other", "other");
    Command("poll-cmd-many-mine", "mine");
  }));
  ASSERT_EQ(live.size(), 1u) << json::serialize(live);
  EXPECT_EQ(live.front().at("deviceId"), "poll-cmd-many-mine");
}

TEST_F(PollTest, CommandPollManyByDeviceIdAndNamesWithLimit) {
  const int64_t network = CreateNetwork("poll-cmd-many-device");
  RegisterDevice("poll-cmd-many-device-a", network);
  RegisterDevice("poll-cmd-many-device-b", network);
  Command("poll-cmd-many-device-a", "x", PastTime(1));
  Command("poll-cmd-many-device-b", "x", PastTime(2));
  Command("poll-cmd-many-device-b", "y", PastTime(3));
  Command("poll-cmd-many-device-b", "x", PastTime(4));
  const auto answer = ArrayOf(Admin().Get(CommandPollMany(
      "deviceId=poll-cmd-many-device-b&names=x&limit=1&" + Since(0) + "&waitTimeout=0")));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  EXPECT_EQ(answer.front().at("timestamp").as_string(), PastTime(2));
}

TEST_F(PollTest, CommandPollManyWithAnEmptyDeviceIdIsRejected) {
  const auto result = Admin().Get(CommandPollMany("deviceId=&waitTimeout=0"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Device id is wrong or empty");
}

// --- /device/{id}/command/{id}/poll ---------------------------------------------------------

TEST_F(PollTest, CommandWaitAnswersTheCommandOnceUpdated) {
  const int64_t network = CreateNetwork("poll-wait-update");
  RegisterDevice("poll-wait-update", network);
  const int64_t id = Command("poll-wait-update", "c");
  auto pending = PollAsync(CommandWait("poll-wait-update", id, "waitTimeout=30"));
  std::set<std::string> statuses;
  int round = 0;
  const auto start = SteadyClock::now();
  const auto result = RepeatUntilAnswered(pending, [&] {
    const std::string status = "done-" + std::to_string(++round);
    UpdateCommand("poll-wait-update", id, status);
    statuses.insert(status);
  });
  EXPECT_LT(SecondsSince(start), 25.0) << "woken, not timed out";
  ASSERT_EQ(result.status, 200) << result.body;
  const auto command = result.json().as_object();
  EXPECT_EQ(command.size(), 12u) << result.body;
  EXPECT_EQ(command.at("id"), id);
  EXPECT_EQ(command.at("command"), "c");
  EXPECT_TRUE(statuses.contains(std::string(command.at("status").as_string()))) << result.body;
}

TEST_F(PollTest, CommandWaitAnswersAnAlreadyUpdatedCommandAtOnce) {
  const int64_t network = CreateNetwork("poll-wait-done");
  RegisterDevice("poll-wait-done", network);
  const int64_t id = Command("poll-wait-done", "c");
  UpdateCommand("poll-wait-done", id, "finished");
  const auto start = SteadyClock::now();
  const auto result = Admin().Get(CommandWait("poll-wait-done", id, "waitTimeout=30"));
  EXPECT_LT(SecondsSince(start), kAtOnce);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("status"), "finished");
  EXPECT_EQ(result.json().at("id"), id);
}

TEST_F(PollTest, CommandWaitAnswers204WhenTheWaitEnds) {
  const int64_t network = CreateNetwork("poll-wait-timeout");
  RegisterDevice("poll-wait-timeout", network);
  const int64_t id = Command("poll-wait-timeout", "c");
  const auto start = SteadyClock::now();
  const auto result = Admin().Get(CommandWait("poll-wait-timeout", id, "waitTimeout=1"));
  const double elapsed = SecondsSince(start);
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_TRUE(result.body.empty());
  EXPECT_GE(elapsed, 0.9);
  EXPECT_LT(elapsed, 5.0);
}

TEST_F(PollTest, CommandWaitForAnUnknownCommandAnswers204AtOnce) {
  const int64_t network = CreateNetwork("poll-wait-unknown");
  RegisterDevice("poll-wait-unknown", network);
  const auto start = SteadyClock::now();
  const auto result = Admin().Get(CommandWait("poll-wait-unknown", 123456, "waitTimeout=30"));
  EXPECT_LT(SecondsSince(start), kAtOnce);
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_TRUE(result.body.empty());
}

TEST_F(PollTest, EveryWaiterOfACommandIsWoken) {
  const int64_t network = CreateNetwork("poll-wait-all");
  RegisterDevice("poll-wait-all", network);
  const int64_t id = Command("poll-wait-all", "c");
  std::vector<std::future<HttpResult>> waits;
  for (int i = 0; i < 3; ++i) {
    waits.push_back(PollAsync(CommandWait("poll-wait-all", id, "waitTimeout=30")));
  }
  int round = 0;
  for (auto& wait : waits) {
    const auto result = RepeatUntilAnswered(
        wait, [&] { UpdateCommand("poll-wait-all", id, "round-" + std::to_string(++round)); });
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.json().at("id"), id);
  }
}

TEST_F(PollTest, CommandWaitIsNotWokenByAnotherCommand) {
  const int64_t network = CreateNetwork("poll-wait-other");
  RegisterDevice("poll-wait-other", network);
  const int64_t mine = Command("poll-wait-other", "mine");
  const int64_t other = Command("poll-wait-other", "other");
  auto pending = PollAsync(CommandWait("poll-wait-other", mine, "waitTimeout=30"));
  const auto result = RepeatUntilAnswered(pending, [&] {
    UpdateCommand("poll-wait-other", other, "other-done");
    UpdateCommand("poll-wait-other", mine, "mine-done");
  });
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("id"), mine);
  EXPECT_EQ(result.json().at("status"), "mine-done");
}

TEST_F(PollTest, CommandWaitOfAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Admin().Get(CommandWait("poll-wait-nobody", 1, "waitTimeout=0"));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = poll-wait-nobody not found");
}

}  // namespace
}  // namespace dh::test
