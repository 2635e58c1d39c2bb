// REST long polling of commands (spec §3.3, §6.3): /device/{id}/command/poll,
// /device/command/poll (pollMany), returnUpdatedCommands, and waiting for one command's result at
// /device/{id}/command/{id}/poll.
#include <set>
#include <string>
#include <vector>

#include "poll_test.hpp"

namespace dh::test {
namespace {

using namespace polling;

class CommandPollTest : public PollTest {};

// --- /device/{id}/command/poll and /device/command/poll -------------------------------------

TEST_F(CommandPollTest, CommandHistoryAfterTheTimestampIsAnsweredAtOnce) {
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

TEST_F(CommandPollTest, CommandHistoryIsCutToTheOldestLimit) {
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

TEST_F(CommandPollTest, WithoutHistoryANewCommandWakesThePollAlone) {
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

TEST_F(CommandPollTest, CommandPollTimesOutWithAnEmptyArray) {
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

TEST_F(CommandPollTest, ReturnUpdatedCommandsHistoryHoldsOnlyUpdatedCommands) {
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

TEST_F(CommandPollTest, ReturnUpdatedCommandsIsWokenByAnUpdateNotAnInsert) {
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

TEST_F(CommandPollTest, CommandPollManyByNetworkIds) {
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

TEST_F(CommandPollTest, CommandPollManyByDeviceIdAndNamesWithLimit) {
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

TEST_F(CommandPollTest, CommandPollManyWithAnEmptyDeviceIdIsRejected) {
  const auto result = Admin().Get(CommandPollMany("deviceId=&waitTimeout=0"));
  EXPECT_EQ(result.status, 400);
  EXPECT_EQ(MessageOf(result), "Device id is wrong or empty");
}

// --- /device/{id}/command/{id}/poll ---------------------------------------------------------

TEST_F(CommandPollTest, CommandWaitAnswersTheCommandOnceUpdated) {
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

TEST_F(CommandPollTest, CommandWaitAnswersAnAlreadyUpdatedCommandAtOnce) {
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

TEST_F(CommandPollTest, CommandWaitAnswers204WhenTheWaitEnds) {
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

TEST_F(CommandPollTest, CommandWaitForAnUnknownCommandAnswers204AtOnce) {
  const int64_t network = CreateNetwork("poll-wait-unknown");
  RegisterDevice("poll-wait-unknown", network);
  const auto start = SteadyClock::now();
  const auto result = Admin().Get(CommandWait("poll-wait-unknown", 123456, "waitTimeout=30"));
  EXPECT_LT(SecondsSince(start), kAtOnce);
  EXPECT_EQ(result.status, 204) << result.body;
  EXPECT_TRUE(result.body.empty());
}

TEST_F(CommandPollTest, EveryWaiterOfACommandIsWoken) {
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

TEST_F(CommandPollTest, CommandWaitIsNotWokenByAnotherCommand) {
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

TEST_F(CommandPollTest, CommandWaitOfAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Admin().Get(CommandWait("poll-wait-nobody", 1, "waitTimeout=0"));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = poll-wait-nobody not found");
}

}  // namespace
}  // namespace dh::test
