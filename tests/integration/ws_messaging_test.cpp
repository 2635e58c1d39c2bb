// Notifications and commands over the WebSocket API (spec §4.2, §4.3, §6.2): inserts and
// their pushes to subscribers on other connections, history, the command round trip to a device
// and back (to a WebSocket subscriber and to a REST waiter), and get/list.
#include "ws_messaging.hpp"

#include <future>
#include <string>
#include <vector>

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;
using Keys = WsKeys;
using namespace std::chrono_literals;

class WsMessagingTest : public WsMessagingFixture {};

// --- notification/insert and its push ------------------------------------------------------

TEST_F(WsMessagingTest, NotificationInsertAnswersIdAndTimestamp) {
  const int64_t network = CreateNetwork("ws-msg-insert-net");
  RegisterDevice("ws-msg-insert-dev", network);
  auto ws = ConnectAdmin();
  const auto response = ws.Request(
      {{"action", "notification/insert"},
       {"deviceId", "ws-msg-insert-dev"},
       {"notification", {{"notification", "temperature"}, {"parameters", {{"t", 21}}}}}});
  ASSERT_TRUE(Succeeded(response));
  EXPECT_EQ(KeysOf(response), (Keys{"action", "requestId", "status", "notification"}));
  const auto& inserted = response.at("notification").as_object();
  EXPECT_EQ(KeysOf(inserted), (Keys{"id", "timestamp"}));
  EXPECT_EQ(inserted.at("timestamp").as_string().size(), 23u);

  const auto got = ws.Request({{"action", "notification/get"},
                               {"deviceId", "ws-msg-insert-dev"},
                               {"notificationId", inserted.at("id")}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(got.at("notification"), (object{{"id", inserted.at("id")},
                                            {"notification", "temperature"},
                                            {"deviceId", "ws-msg-insert-dev"},
                                            {"networkId", network},
                                            {"deviceTypeId", 1},
                                            {"timestamp", inserted.at("timestamp")},
                                            {"parameters", {{"t", 21}}}}));
}

TEST_F(WsMessagingTest, NotificationInsertReportsMissingFields) {
  const int64_t network = CreateNetwork("ws-msg-insert-errors-net");
  RegisterDevice("ws-msg-insert-errors", network);
  auto ws = ConnectAdmin();
  EXPECT_TRUE(FailedWith(
      ws.Request({{"action", "notification/insert"}, {"notification", {{"notification", "x"}}}}),
      400, "Device id is wrong or empty"));
  EXPECT_TRUE(FailedWith(
      ws.Request({{"action", "notification/insert"}, {"deviceId", "ws-msg-insert-errors"}}), 400,
      "Notification is required"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "notification/insert"},
                                     {"deviceId", "ws-msg-no-such-device"},
                                     {"notification", {{"notification", "x"}}}}),
                         404, "Device with such deviceId = ws-msg-no-such-device not found"));
}

TEST_F(WsMessagingTest, SpecialNotificationNamesAreNotBlockedOverWebSocket) {
  const int64_t network = CreateNetwork("ws-msg-special-net");
  RegisterDevice("ws-msg-special", network);
  auto ws = ConnectAdmin();
  EXPECT_GT(Notify(ws, "ws-msg-special", "$device-update"), 0);
}

TEST_F(WsMessagingTest, SubscriberOnAnotherConnectionReceivesTheInsertedNotification) {
  const int64_t network = CreateNetwork("ws-msg-push-net");
  RegisterDevice("ws-msg-push-dev", network);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  const int64_t subscription =
      Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-push-dev"}});
  const int64_t id = Notify(sender, "ws-msg-push-dev", "pushed", {{"parameters", {{"a", "b"}}}});

  const auto push = subscriber.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(KeysOf(*push), (Keys{"action", "notification", "subscriptionId"}));
  EXPECT_EQ(push->at("action"), "notification/insert");
  EXPECT_EQ(push->at("subscriptionId"), subscription);
  const auto& notification = push->at("notification").as_object();
  EXPECT_EQ(KeysOf(notification), kNotificationKeys);
  EXPECT_EQ(notification.at("id"), id);
  EXPECT_EQ(notification.at("notification"), "pushed");
  EXPECT_EQ(notification.at("deviceId"), "ws-msg-push-dev");
  EXPECT_EQ(notification.at("networkId"), network);
  EXPECT_EQ(notification.at("parameters"), (object{{"a", "b"}}));
  EXPECT_EQ(sender.kept_pushes(), 0u);
}

// --- history ------------------------------------------------------------------------------

TEST_F(WsMessagingTest, SubscribeWithTimestampPushesLaterItemsOldestFirstAfterTheResponse) {
  const int64_t network = CreateNetwork("ws-msg-history-net");
  RegisterDevice("ws-msg-history", network);
  auto sender = ConnectAdmin();
  // Inserted out of order; history comes sorted by timestamp.
  Notify(sender, "ws-msg-history", "third", {{"timestamp", TimeAt(300)}});
  Notify(sender, "ws-msg-history", "at-the-mark", {{"timestamp", TimeAt(100)}});
  Notify(sender, "ws-msg-history", "second", {{"timestamp", TimeAt(200)}});
  Notify(sender, "ws-msg-history", "before", {{"timestamp", TimeAt(50)}});

  auto subscriber = ConnectAdmin();
  subscriber.SendText(boost::json::serialize(object{{"action", "notification/subscribe"},
                                                    {"requestId", "history"},
                                                    {"deviceId", "ws-msg-history"},
                                                    {"timestamp", TimeAt(100)}}));
  const auto response = subscriber.ReadObject();
  ASSERT_TRUE(response);
  ASSERT_TRUE(Succeeded(*response));
  EXPECT_EQ(response->at("requestId"), "history");
  const int64_t subscription = response->at("subscriptionId").as_int64();
  for (const char* expected : {"second", "third"}) {
    const auto push = subscriber.NextPush();
    ASSERT_TRUE(push) << expected;
    EXPECT_EQ(push->at("subscriptionId"), subscription);
    EXPECT_EQ(push->at("notification").at("notification"), expected);
  }
  const int64_t live = Notify(sender, "ws-msg-history", "live");
  const auto next = NextNotification(subscriber);
  EXPECT_EQ(next.at("id"), live) << boost::json::serialize(next);
}

TEST_F(WsMessagingTest, SubscribeWithoutTimestampPushesNoHistory) {
  const int64_t network = CreateNetwork("ws-msg-no-history-net");
  RegisterDevice("ws-msg-no-history", network);
  auto sender = ConnectAdmin();
  Notify(sender, "ws-msg-no-history", "old");
  auto subscriber = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-no-history"}});
  const int64_t live = Notify(sender, "ws-msg-no-history", "live");
  EXPECT_EQ(NextNotification(subscriber).at("id"), live);
}

TEST_F(WsMessagingTest, NotificationHistoryIsCappedAtAHundred) {
  const int64_t network = CreateNetwork("ws-msg-history-cap-net");
  RegisterDevice("ws-msg-history-cap", network);
  auto sender = ConnectAdmin();
  for (int i = 1; i <= 105; ++i) {
    Notify(sender, "ws-msg-history-cap", "n" + std::to_string(i), {{"timestamp", TimeAt(i)}});
  }
  auto subscriber = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe",
            {{"deviceId", "ws-msg-history-cap"}, {"timestamp", TimeAt(0)}});
  for (int i = 1; i <= 100; ++i) {
    const auto notification = NextNotification(subscriber);
    ASSERT_EQ(notification.at("notification").as_string(), "n" + std::to_string(i));
  }
  const int64_t live = Notify(sender, "ws-msg-history-cap", "live");
  EXPECT_EQ(NextNotification(subscriber).at("id"), live);
}

TEST_F(WsMessagingTest, CommandSubscribeHistoryHonoursTheLimit) {
  const int64_t network = CreateNetwork("ws-msg-command-limit-net");
  RegisterDevice("ws-msg-command-limit", network);
  auto client = ConnectAdmin();
  for (int i = 1; i <= 5; ++i) {
    Command(client, "ws-msg-command-limit", "c" + std::to_string(i), {{"timestamp", TimeAt(i)}});
  }
  auto device = ConnectAdmin();
  const int64_t subscription =
      Subscribe(device, "command/subscribe",
                {{"deviceId", "ws-msg-command-limit"}, {"timestamp", TimeAt(0)}, {"limit", 2}});
  for (const char* expected : {"c1", "c2"}) {
    const auto push = device.NextPush();
    ASSERT_TRUE(push) << expected;
    EXPECT_EQ(push->at("action"), "command/insert");
    EXPECT_EQ(push->at("subscriptionId"), subscription);
    EXPECT_EQ(push->at("command").at("command"), expected);
  }
  const int64_t live = Command(client, "ws-msg-command-limit", "live");
  const auto push = device.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("command").at("id"), live);
}

TEST_F(WsMessagingTest, CommandSubscribeHistoryDefaultsToTwentyItems) {
  const int64_t network = CreateNetwork("ws-msg-command-default-net");
  RegisterDevice("ws-msg-command-default", network);
  auto client = ConnectAdmin();
  for (int i = 1; i <= 22; ++i) {
    Command(client, "ws-msg-command-default", "c" + std::to_string(i), {{"timestamp", TimeAt(i)}});
  }
  auto device = ConnectAdmin();
  Subscribe(device, "command/subscribe",
            {{"deviceId", "ws-msg-command-default"}, {"timestamp", TimeAt(0)}});
  for (int i = 1; i <= 20; ++i) {
    const auto push = device.NextPush();
    ASSERT_TRUE(push) << i;
    EXPECT_EQ(push->at("command").at("command").as_string(), "c" + std::to_string(i));
  }
  const int64_t live = Command(client, "ws-msg-command-default", "live");
  const auto push = device.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("command").at("id"), live);
}

// --- the command round trip -----------------------------------------------------------------

TEST_F(WsMessagingTest, CommandTravelsToTheDeviceAndItsResultBackToEveryWaiter) {
  const int64_t network = CreateNetwork("ws-msg-roundtrip-net");
  const std::string device_id = "ws-msg-roundtrip";
  RegisterDevice(device_id, network);
  auto device = ConnectAdmin();
  auto watcher = ConnectAdmin();
  auto client = ConnectAdmin();
  const int64_t device_subscription =
      Subscribe(device, "command/subscribe", {{"deviceId", device_id}});
  const int64_t watcher_subscription = Subscribe(
      watcher, "command/subscribe", {{"deviceId", device_id}, {"returnUpdatedCommands", true}});

  const auto inserted = client.Request(
      {{"action", "command/insert"},
       {"deviceId", device_id},
       {"command", {{"command", "reboot"}, {"parameters", {{"delay", 5}}}, {"lifetime", 60}}}});
  ASSERT_TRUE(Succeeded(inserted));
  const auto& summary = inserted.at("command").as_object();
  EXPECT_EQ(KeysOf(summary), (Keys{"id", "timestamp", "lastUpdated", "userId"}));
  EXPECT_EQ(summary.at("userId"), 1);
  const int64_t command_id = summary.at("id").as_int64();

  const auto delivered = device.NextPush();
  ASSERT_TRUE(delivered);
  EXPECT_EQ(KeysOf(*delivered), (Keys{"action", "command", "subscriptionId"}));
  EXPECT_EQ(delivered->at("action"), "command/insert");
  EXPECT_EQ(delivered->at("subscriptionId"), device_subscription);
  const auto& command = delivered->at("command").as_object();
  EXPECT_EQ(KeysOf(command), kCommandKeys);
  EXPECT_EQ(command.at("id"), command_id);
  EXPECT_EQ(command.at("command"), "reboot");
  EXPECT_EQ(command.at("parameters"), (object{{"delay", 5}}));
  EXPECT_EQ(command.at("lifetime"), 60);

  // A REST client waits for the result meanwhile.
  const std::string poll = "/api/rest/device/" + device_id + "/command/" +
                           std::to_string(command_id) + "/poll?waitTimeout=30";
  auto waiter = std::async(std::launch::async, [poll] { return Admin().Get(poll); });

  const auto updated =
      device.Request({{"action", "command/update"},
                      {"deviceId", device_id},
                      {"commandId", command_id},
                      {"command", {{"status", "done"}, {"result", {{"ok", true}}}}}});
  ASSERT_TRUE(Succeeded(updated));
  EXPECT_EQ(KeysOf(updated), (Keys{"action", "requestId", "status"}));

  // The returnUpdatedCommands subscriber sees the update, not the insert.
  const auto update_push = watcher.NextPush();
  ASSERT_TRUE(update_push);
  EXPECT_EQ(update_push->at("action"), "command/update");
  EXPECT_EQ(update_push->at("subscriptionId"), watcher_subscription);
  EXPECT_EQ(update_push->at("command").at("id"), command_id);
  EXPECT_EQ(update_push->at("command").at("status"), "done");
  EXPECT_EQ(update_push->at("command").at("result"), (object{{"ok", true}}));

  ASSERT_EQ(waiter.wait_for(20s), std::future_status::ready) << "the REST waiter never returned";
  const auto result = waiter.get();
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json().at("id"), command_id);
  EXPECT_EQ(result.json().at("status"), "done");
  EXPECT_EQ(result.json().at("result"), (object{{"ok", true}}));

  const auto got = client.Request(
      {{"action", "command/get"}, {"deviceId", device_id}, {"commandId", command_id}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(got.at("command").at("status"), "done");
}

TEST_F(WsMessagingTest, CommandActionsReportMissingAndUnknownCommands) {
  const int64_t network = CreateNetwork("ws-msg-command-errors-net");
  RegisterDevice("ws-msg-command-errors", network);
  auto ws = ConnectAdmin();
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "command/insert"}, {"deviceId", "ws-msg-command-errors"}}),
                 400, "Command is required"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "command/update"},
                                     {"deviceId", "ws-msg-command-errors"},
                                     {"command", {{"status", "x"}}}}),
                         400, "Command id is wrong or empty"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "command/update"},
                                     {"deviceId", "ws-msg-command-errors"},
                                     {"commandId", 123456789},
                                     {"command", {{"status", "x"}}}}),
                         404, "Command with id = 123456789 not found"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "command/get"},
                                     {"deviceId", "ws-msg-command-errors"},
                                     {"commandId", 123456789}}),
                         404, "Command with id = 123456789 not found"));
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "command/get"}, {"deviceId", "ws-msg-command-errors"}}),
                 400, "Command id is wrong or empty"));
}

// --- get and list -------------------------------------------------------------------------

TEST_F(WsMessagingTest, NotificationGetAndListFindStoredNotifications) {
  const int64_t network = CreateNetwork("ws-msg-list-net");
  RegisterDevice("ws-msg-list", network);
  auto ws = ConnectAdmin();
  for (int i = 1; i <= 22; ++i) {
    Notify(ws, "ws-msg-list", i % 2 == 0 ? "even" : "odd",
           {{"timestamp", TimeAt(1000 + i)}, {"parameters", {{"i", i}}}});
  }
  const auto page = ws.Request({{"action", "notification/list"}, {"deviceId", "ws-msg-list"}});
  ASSERT_TRUE(Succeeded(page));
  const auto& items = page.at("notifications").as_array();
  ASSERT_EQ(items.size(), 20u);  // take defaults to 20, newest first
  EXPECT_EQ(items.at(0).at("parameters").at("i"), 22);
  EXPECT_EQ(items.at(19).at("parameters").at("i"), 3);
  EXPECT_EQ(KeysOf(items.at(0).as_object()), kNotificationKeys);

  const auto even = ws.Request({{"action", "notification/list"},
                                {"deviceId", "ws-msg-list"},
                                {"notification", "even"},
                                {"sortOrder", "ASC"},
                                {"take", 3}});
  ASSERT_TRUE(Succeeded(even));
  ASSERT_EQ(even.at("notifications").as_array().size(), 3u);
  EXPECT_EQ(even.at("notifications").at(0).at("parameters").at("i"), 2);
  EXPECT_EQ(even.at("notifications").at(2).at("parameters").at("i"), 6);

  const auto window = ws.Request({{"action", "notification/list"},
                                  {"deviceId", "ws-msg-list"},
                                  {"start", TimeAt(1005)},
                                  {"end", TimeAt(1007)},
                                  {"take", 100}});
  ASSERT_TRUE(Succeeded(window));
  for (const auto& item : window.at("notifications").as_array()) {
    const int64_t i = item.at("parameters").at("i").as_int64();
    EXPECT_GE(i, 5);
    EXPECT_LE(i, 7);
  }
  EXPECT_FALSE(window.at("notifications").as_array().empty());

  const auto first_id = items.at(0).at("id");
  const auto got = ws.Request(
      {{"action", "notification/get"}, {"deviceId", "ws-msg-list"}, {"notificationId", first_id}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(got.at("notification"), items.at(0));
  EXPECT_TRUE(FailedWith(
      ws.Request(
          {{"action", "notification/get"}, {"deviceId", "ws-msg-list"}, {"notificationId", 1}}),
      404, "Requested notification not found"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "notification/get"}, {"deviceId", "ws-msg-list"}}),
                         400, "Notification id is wrong or empty"));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "notification/list"}}), 400,
                         "Device id is wrong or empty"));
}

TEST_F(WsMessagingTest, CommandGetAndListFindStoredCommands) {
  const int64_t network = CreateNetwork("ws-msg-command-list-net");
  RegisterDevice("ws-msg-command-list", network);
  auto ws = ConnectAdmin();
  const int64_t first = Command(ws, "ws-msg-command-list", "alpha", {{"timestamp", TimeAt(2001)}});
  const int64_t second = Command(ws, "ws-msg-command-list", "beta", {{"timestamp", TimeAt(2002)}});
  Command(ws, "ws-msg-command-list", "alpha", {{"timestamp", TimeAt(2003)}});
  ASSERT_TRUE(Succeeded(ws.Request({{"action", "command/update"},
                                    {"deviceId", "ws-msg-command-list"},
                                    {"commandId", second},
                                    {"command", {{"status", "ok"}}}})));

  const auto all = ws.Request({{"action", "command/list"}, {"deviceId", "ws-msg-command-list"}});
  ASSERT_TRUE(Succeeded(all));
  ASSERT_EQ(all.at("commands").as_array().size(), 3u);
  EXPECT_EQ(KeysOf(all.at("commands").at(0).as_object()), kCommandKeys);
  EXPECT_EQ(all.at("commands").at(2).at("id"), first);  // newest first by default

  const auto alpha = ws.Request(
      {{"action", "command/list"}, {"deviceId", "ws-msg-command-list"}, {"command", "alpha"}});
  EXPECT_EQ(Names(alpha, "commands", "command"), (std::vector<std::string>{"alpha", "alpha"}));
  const auto updated = ws.Request(
      {{"action", "command/list"}, {"deviceId", "ws-msg-command-list"}, {"returnUpdated", true}});
  ASSERT_TRUE(Succeeded(updated));
  ASSERT_EQ(updated.at("commands").as_array().size(), 1u);
  EXPECT_EQ(updated.at("commands").at(0).at("id"), second);
  const auto by_status = ws.Request(
      {{"action", "command/list"}, {"deviceId", "ws-msg-command-list"}, {"status", "ok"}});
  ASSERT_EQ(by_status.at("commands").as_array().size(), 1u);

  const auto got = ws.Request(
      {{"action", "command/get"}, {"deviceId", "ws-msg-command-list"}, {"commandId", first}});
  ASSERT_TRUE(Succeeded(got));
  EXPECT_EQ(KeysOf(got.at("command").as_object()), kCommandKeys);
  EXPECT_EQ(got.at("command").at("command"), "alpha");
}

}  // namespace
}  // namespace dh::test
