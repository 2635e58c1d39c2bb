// REST long polling of notifications (spec §3.2, §6.3): /device/{id}/notification/poll and
// /device/notification/poll (pollMany): history, waiting, filters, and what a CLIENT may poll.
#include <set>
#include <string>
#include <vector>

#include "poll_test.hpp"

namespace dh::test {
namespace {

using namespace polling;

class NotificationPollTest : public PollTest {};

// --- /device/{id}/notification/poll: history ------------------------------------------------

TEST_F(NotificationPollTest, HistoryAfterTheTimestampIsAnsweredAtOnceOldestFirst) {
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

TEST_F(NotificationPollTest, RepollingWithTheLastTimestampReturnsNoDuplicates) {
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

TEST_F(NotificationPollTest, HistoryShowsTheClientViewOfEachNotification) {
  const int64_t network = CreateNetwork("poll-view");
  RegisterDevice("poll-view", network);
  const int64_t id = Notify("poll-view", "n", PastTime(1));
  const auto answer = ArrayOf(Admin().Get(NotificationPoll("poll-view", Since(0) + "&names=n")));
  ASSERT_EQ(answer.size(), 1u);
  const auto single = Admin().Get(DevicePath("poll-view") + "/notification/" + std::to_string(id));
  EXPECT_EQ(answer.front(), single.json());
}

TEST_F(NotificationPollTest, NamesFilterTheHistory) {
  const int64_t network = CreateNetwork("poll-names");
  RegisterDevice("poll-names", network);
  Notify("poll-names", "a", PastTime(1));
  Notify("poll-names", "b", PastTime(2));
  Notify("poll-names", "c", PastTime(3));
  const auto answer =
      ArrayOf(Admin().Get(NotificationPoll("poll-names", Since(0) + "&names=a,c&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "notification"), (Names{"a", "c"}));
}

TEST_F(NotificationPollTest, NotificationHistoryHoldsTheOldestHundred) {
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

TEST_F(NotificationPollTest, WithoutHistoryANewNotificationWakesThePollAlone) {
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

TEST_F(NotificationPollTest, OnlyANotificationOfTheNamesWakesThePoll) {
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

TEST_F(NotificationPollTest, ANotificationOfAnotherDeviceDoesNotWakeThePoll) {
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

TEST_F(NotificationPollTest, EveryPendingPollIsWokenByTheSameNotification) {
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

TEST_F(NotificationPollTest, NothingToAnswerGivesAnEmptyArrayAfterTheWaitTimeout) {
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

TEST_F(NotificationPollTest, WaitTimeoutZeroAnswersAtOnce) {
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

TEST_F(NotificationPollTest, WaitTimeoutOutsideZeroToSixtyIsRejected) {
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

TEST_F(NotificationPollTest, UnparseableTimestampIsRejected) {
  const int64_t network = CreateNetwork("poll-bad-time");
  RegisterDevice("poll-bad-time", network);
  const auto result = Admin().Get(NotificationPoll("poll-bad-time", "timestamp=later"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Unparseable timestamp");
}

TEST_F(NotificationPollTest, PollOfAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Admin().Get(NotificationPoll("poll-nobody", "waitTimeout=0"));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = poll-nobody not found");
}

// --- /device/notification/poll (pollMany) ---------------------------------------------------

TEST_F(NotificationPollTest, PollManyByNetworkIdsReturnsTheirDevicesHistory) {
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

TEST_F(NotificationPollTest, PollManyByDeviceTypeIdsReturnsTheirDevicesHistory) {
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

TEST_F(NotificationPollTest, PollManyByDeviceIdReturnsThatDevicesHistory) {
  const int64_t network = CreateNetwork("poll-many-device");
  RegisterDevice("poll-many-device-a", network);
  RegisterDevice("poll-many-device-b", network);
  Notify("poll-many-device-a", "a", PastTime(1));
  Notify("poll-many-device-b", "b", PastTime(2));
  const auto answer = ArrayOf(Admin().Get(NotificationPollMany(
      "deviceId=poll-many-device-b&names=a,b&" + Since(0) + "&waitTimeout=0")));
  EXPECT_EQ(FieldOf(answer, "notification"), Names{"b"});
}

TEST_F(NotificationPollTest, PollManyNamesFilterTheHistory) {
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

TEST_F(NotificationPollTest, PollManyIsWokenOnlyByItsNetworks) {
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

TEST_F(NotificationPollTest, PollManyWithAnEmptyDeviceIdIsRejected) {
  const auto result = Admin().Get(NotificationPollMany("deviceId=&waitTimeout=0"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Device id is wrong or empty");
}

TEST_F(NotificationPollTest, PollManyOfUnknownNetworksOrTypesIsNotFoundForTheAdmin) {
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

TEST_F(NotificationPollTest, PollManyRejectsNonNumericNetworkIds) {
  const auto result = Admin().Get(NotificationPollMany("networkIds=1,x&waitTimeout=0"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Invalid request parameters");
}

TEST_F(NotificationPollTest, AClientIsDeniedAnotherNetwork) {
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

TEST_F(NotificationPollTest, AClientsPollManySeesOnlyItsNetworks) {
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

TEST_F(NotificationPollTest, AClientWithoutNetworksIsAnsweredAtOnceWithNothing) {
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

TEST_F(NotificationPollTest, AnAdminTokenNarrowedToNetworksPollsOnlyThem) {
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

}  // namespace
}  // namespace dh::test
