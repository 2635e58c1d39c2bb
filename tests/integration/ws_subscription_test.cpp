// Subscriptions over the WebSocket API (spec §4.3, §6.3): filters by device, networks, device
// types and names, who may subscribe to what, unsubscribing, subscription/list, and the end of
// subscriptions with their connection or device.
#include <map>
#include <string>

#include "ws_messaging.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;
using Keys = WsKeys;

class WsSubscriptionTest : public WsMessagingFixture {};

// --- subscription filters -------------------------------------------------------------------
// Each test inserts an event the filter must skip, then one it must pass: pushes reach a
// connection in insertion order, so the first push arriving shows the skipped one was dropped.

TEST_F(WsSubscriptionTest, SubscriptionByDeviceIdSkipsOtherDevices) {
  const int64_t network = CreateNetwork("ws-msg-by-device-net");
  RegisterDevice("ws-msg-by-device-a", network);
  RegisterDevice("ws-msg-by-device-b", network);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-by-device-a"}});
  Notify(sender, "ws-msg-by-device-b", "skipped");
  const int64_t wanted = Notify(sender, "ws-msg-by-device-a", "wanted");
  const auto notification = NextNotification(subscriber);
  EXPECT_EQ(notification.at("id"), wanted);
  EXPECT_EQ(notification.at("deviceId"), "ws-msg-by-device-a");
}

TEST_F(WsSubscriptionTest, SubscriptionByNetworkIdsSkipsOtherNetworks) {
  const int64_t wanted_network = CreateNetwork("ws-msg-by-net-wanted");
  const int64_t other_network = CreateNetwork("ws-msg-by-net-other");
  RegisterDevice("ws-msg-by-net-in", wanted_network);
  RegisterDevice("ws-msg-by-net-out", other_network);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe", {{"networkIds", array{wanted_network}}});
  Notify(sender, "ws-msg-by-net-out", "skipped");
  const int64_t wanted = Notify(sender, "ws-msg-by-net-in", "wanted");
  const auto notification = NextNotification(subscriber);
  EXPECT_EQ(notification.at("id"), wanted);
  EXPECT_EQ(notification.at("networkId"), wanted_network);
}

TEST_F(WsSubscriptionTest, SubscriptionByDeviceTypeIdsSkipsOtherTypes) {
  const int64_t network = CreateNetwork("ws-msg-by-type-net");
  const auto type = Admin().Post("/api/rest/devicetype",
                                 boost::json::serialize(object{{"name", "ws-msg-by-type"}}));
  ASSERT_EQ(type.status, 201) << type.body;
  const int64_t type_id = type.json().at("id").as_int64();
  RegisterDevice("ws-msg-by-type-in", network, type_id);
  RegisterDevice("ws-msg-by-type-out", network, 1);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe", {{"deviceTypeIds", array{type_id}}});
  Notify(sender, "ws-msg-by-type-out", "skipped");
  const int64_t wanted = Notify(sender, "ws-msg-by-type-in", "wanted");
  const auto notification = NextNotification(subscriber);
  EXPECT_EQ(notification.at("id"), wanted);
  EXPECT_EQ(notification.at("deviceTypeId"), type_id);
}

TEST_F(WsSubscriptionTest, SubscriptionByNamesSkipsOtherNames) {
  const int64_t network = CreateNetwork("ws-msg-by-name-net");
  RegisterDevice("ws-msg-by-name", network);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe",
            {{"deviceId", "ws-msg-by-name"}, {"names", array{"alarm", "door"}}});
  Notify(sender, "ws-msg-by-name", "temperature");
  const int64_t door = Notify(sender, "ws-msg-by-name", "door");
  const int64_t alarm = Notify(sender, "ws-msg-by-name", "alarm");
  EXPECT_EQ(NextNotification(subscriber).at("id"), door);
  EXPECT_EQ(NextNotification(subscriber).at("id"), alarm);
}

TEST_F(WsSubscriptionTest, GlobalSubscriptionReceivesEveryDevice) {
  const int64_t first = CreateNetwork("ws-msg-global-1");
  const int64_t second = CreateNetwork("ws-msg-global-2");
  RegisterDevice("ws-msg-global-a", first);
  RegisterDevice("ws-msg-global-b", second);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe", {{"names", array{"ws-msg-global"}}});
  const int64_t a = Notify(sender, "ws-msg-global-a", "ws-msg-global");
  const int64_t b = Notify(sender, "ws-msg-global-b", "ws-msg-global");
  EXPECT_EQ(NextNotification(subscriber).at("id"), a);
  EXPECT_EQ(NextNotification(subscriber).at("id"), b);
}

TEST_F(WsSubscriptionTest, ClientSubscribingToAnotherNetworkIsDenied) {
  const int64_t mine = CreateNetwork("ws-msg-client-mine");
  const int64_t theirs = CreateNetwork("ws-msg-client-theirs");
  RegisterDevice("ws-msg-client-theirs-dev", theirs);
  auto ws = ConnectAs(ClientToken("ws-msg-client", {mine}));
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "notification/subscribe"}, {"networkIds", array{theirs}}}),
                 403, "Access is denied"));
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "command/subscribe"}, {"networkIds", array{mine, theirs}}}),
                 403, "Access is denied"));
  EXPECT_TRUE(FailedWith(
      ws.Request({{"action", "notification/subscribe"}, {"deviceId", "ws-msg-client-theirs-dev"}}),
      403, "Access is denied"));
  EXPECT_TRUE(
      Succeeded(ws.Request({{"action", "notification/subscribe"}, {"networkIds", array{mine}}})));
}

TEST_F(WsSubscriptionTest, ClientWithoutNetworksHasNothingToSubscribeTo) {
  auto ws = ConnectAs(ClientToken("ws-msg-client-no-networks", {}));
  EXPECT_TRUE(FailedWith(ws.Request({{"action", "notification/subscribe"}}), 403,
                         "No access to any device type or network"));
}

TEST_F(WsSubscriptionTest, ClientSubscriptionSeesOnlyItsNetworks) {
  const int64_t mine = CreateNetwork("ws-msg-client-scope-mine");
  const int64_t theirs = CreateNetwork("ws-msg-client-scope-theirs");
  RegisterDevice("ws-msg-client-scope-in", mine);
  RegisterDevice("ws-msg-client-scope-out", theirs);
  auto client = ConnectAs(ClientToken("ws-msg-client-scope", {mine}));
  auto sender = ConnectAdmin();
  Subscribe(client, "notification/subscribe", {});
  Notify(sender, "ws-msg-client-scope-out", "theirs");
  const int64_t own = Notify(sender, "ws-msg-client-scope-in", "mine");
  EXPECT_EQ(NextNotification(client).at("id"), own);
}

TEST_F(WsSubscriptionTest, AdminSubscribingToUnknownNetworksTypesOrDevicesIsNotFound) {
  auto ws = ConnectAdmin();
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "notification/subscribe"}, {"networkIds", array{987654}}}),
                 404, "Networks with such networkIds wasn't found: {[987654]}"));
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "command/subscribe"}, {"deviceTypeIds", array{987655}}}),
                 404, "Device types with such deviceTypeIds wasn't found: {[987655]}"));
  EXPECT_TRUE(FailedWith(
      ws.Request({{"action", "notification/subscribe"}, {"deviceId", "ws-msg-no-such-device"}}),
      404, "Device with such deviceId = ws-msg-no-such-device not found"));
}

// --- unsubscribing and subscription/list ----------------------------------------------------

TEST_F(WsSubscriptionTest, UnsubscribeOneStopsOnlyThatSubscription) {
  const int64_t network = CreateNetwork("ws-msg-unsub-one-net");
  RegisterDevice("ws-msg-unsub-one", network);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  const int64_t dropped =
      Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-unsub-one"}});
  const int64_t kept =
      Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-unsub-one"}});
  const auto response =
      subscriber.Request({{"action", "notification/unsubscribe"}, {"subscriptionId", dropped}});
  EXPECT_TRUE(Succeeded(response));
  EXPECT_EQ(KeysOf(response), (Keys{"action", "requestId", "status"}));
  const int64_t id = Notify(sender, "ws-msg-unsub-one", "after");
  const auto push = subscriber.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("subscriptionId"), kept);
  EXPECT_EQ(push->at("notification").at("id"), id);
  const int64_t marker = Notify(sender, "ws-msg-unsub-one", "marker");
  const auto next = subscriber.NextPush();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->at("notification").at("id"), marker) << "a second push for the first insert";
}

TEST_F(WsSubscriptionTest, UnsubscribeWithoutAnIdStopsEverySubscriptionOfItsKind) {
  const int64_t network = CreateNetwork("ws-msg-unsub-all-net");
  RegisterDevice("ws-msg-unsub-all", network);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-unsub-all"}});
  Subscribe(subscriber, "notification/subscribe", {{"names", array{"ws-msg-unsub-all"}}});
  const int64_t commands =
      Subscribe(subscriber, "command/subscribe", {{"deviceId", "ws-msg-unsub-all"}});
  EXPECT_TRUE(Succeeded(subscriber.Request({{"action", "notification/unsubscribe"}})));

  Notify(sender, "ws-msg-unsub-all", "ws-msg-unsub-all");
  const int64_t command = Command(sender, "ws-msg-unsub-all", "still-delivered");
  const auto push = subscriber.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("action"), "command/insert") << boost::json::serialize(*push);
  EXPECT_EQ(push->at("subscriptionId"), commands);
  EXPECT_EQ(push->at("command").at("id"), command);

  EXPECT_TRUE(Succeeded(subscriber.Request({{"action", "command/unsubscribe"}})));
  const auto listed = subscriber.Request({{"action", "subscription/list"}});
  ASSERT_TRUE(Succeeded(listed));
  EXPECT_EQ(listed.at("subscriptions"), array{});
}

TEST_F(WsSubscriptionTest, UnsubscribeFromAnUnknownIdIsNotFound) {
  auto ws = ConnectAdmin();
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "notification/unsubscribe"}, {"subscriptionId", 42}}), 404,
                 "Subscription with id 42 was not found"));
  const int64_t network = CreateNetwork("ws-msg-unsub-kind-net");
  RegisterDevice("ws-msg-unsub-kind", network);
  const int64_t notifications =
      Subscribe(ws, "notification/subscribe", {{"deviceId", "ws-msg-unsub-kind"}});
  // A notification subscription is not a command subscription.
  EXPECT_TRUE(
      FailedWith(ws.Request({{"action", "command/unsubscribe"}, {"subscriptionId", notifications}}),
                 404, "Subscription with id " + std::to_string(notifications) + " was not found"));
  EXPECT_TRUE(Succeeded(
      ws.Request({{"action", "notification/unsubscribe"}, {"subscriptionId", notifications}})));
  EXPECT_TRUE(FailedWith(
      ws.Request({{"action", "notification/unsubscribe"}, {"subscriptionId", notifications}}), 404,
      "Subscription with id " + std::to_string(notifications) + " was not found"));
}

TEST_F(WsSubscriptionTest, SubscriptionListShowsThisConnectionsSubscriptions) {
  const int64_t network = CreateNetwork("ws-msg-sub-list-net");
  RegisterDevice("ws-msg-sub-list", network);
  auto ws = ConnectAdmin();
  auto other = ConnectAdmin();
  Subscribe(other, "notification/subscribe", {{"deviceId", "ws-msg-sub-list"}});
  const int64_t notifications = Subscribe(ws, "notification/subscribe",
                                          {{"deviceId", "ws-msg-sub-list"}, {"names", array{"a"}}});
  const int64_t commands = Subscribe(ws, "command/subscribe", {{"networkIds", array{network}}});

  const auto all = ws.Request({{"action", "subscription/list"}});
  ASSERT_TRUE(Succeeded(all));
  EXPECT_EQ(KeysOf(all), (Keys{"action", "requestId", "status", "subscriptions"}));
  std::map<int64_t, std::string> types;
  for (const auto& item : all.at("subscriptions").as_array()) {
    types[item.at("subscriptionId").as_int64()] = std::string(item.at("type").as_string());
  }
  EXPECT_EQ(types, (std::map<int64_t, std::string>{{notifications, "notification"},
                                                   {commands, "command"}}));

  const auto only_commands = ws.Request({{"action", "subscription/list"}, {"type", "command"}});
  ASSERT_TRUE(Succeeded(only_commands));
  ASSERT_EQ(only_commands.at("subscriptions").as_array().size(), 1u);
  EXPECT_EQ(only_commands.at("subscriptions").at(0).at("subscriptionId"), commands);
  const auto only_notifications =
      ws.Request({{"action", "subscription/list"}, {"type", "notification"}});
  ASSERT_EQ(only_notifications.at("subscriptions").as_array().size(), 1u);
  EXPECT_EQ(only_notifications.at("subscriptions").at(0).at("deviceId"), "ws-msg-sub-list");
  EXPECT_EQ(only_notifications.at("subscriptions").at(0).at("names"), array{"a"});
}

// --- the end of a subscription ----------------------------------------------------------------

TEST_F(WsSubscriptionTest, ClosingAConnectionEndsItsSubscriptions) {
  const int64_t network = CreateNetwork("ws-msg-close-net");
  RegisterDevice("ws-msg-close", network);
  auto sender = ConnectAdmin();
  // Connections that subscribe and go away, some closing cleanly and some just dropping.
  for (int i = 0; i < 20; ++i) {
    auto gone = ConnectAdmin();
    Subscribe(gone, "notification/subscribe", {{"deviceId", "ws-msg-close"}});
    Subscribe(gone, "command/subscribe", {{"networkIds", array{network}}});
    i % 2 == 0 ? gone.Close() : gone.Abort();
  }
  for (int i = 0; i < 10; ++i) Notify(sender, "ws-msg-close", "into-the-void");
  Command(sender, "ws-msg-close", "into-the-void");

  auto fresh = ConnectAdmin();
  const int64_t subscription =
      Subscribe(fresh, "notification/subscribe", {{"deviceId", "ws-msg-close"}});
  const int64_t id = Notify(sender, "ws-msg-close", "received");
  const auto push = fresh.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("subscriptionId"), subscription);
  EXPECT_EQ(push->at("notification").at("id"), id);
  EXPECT_EQ(sender.kept_pushes(), 0u);
}

TEST_F(WsSubscriptionTest, DeletingADeviceDropsItsDeviceSubscriptions) {
  const int64_t network = CreateNetwork("ws-msg-deleted-net");
  RegisterDevice("ws-msg-deleted", network);
  RegisterDevice("ws-msg-deleted-marker", network);
  auto subscriber = ConnectAdmin();
  auto sender = ConnectAdmin();
  Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-deleted"}});
  const int64_t marker_subscription =
      Subscribe(subscriber, "notification/subscribe", {{"deviceId", "ws-msg-deleted-marker"}});
  ASSERT_EQ(Admin().Delete("/api/rest/device/ws-msg-deleted").status, 204);
  RegisterDevice("ws-msg-deleted", network);
  Notify(sender, "ws-msg-deleted", "after-recreation");
  const int64_t marker = Notify(sender, "ws-msg-deleted-marker", "marker");
  const auto push = subscriber.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(push->at("subscriptionId"), marker_subscription);
  EXPECT_EQ(push->at("notification").at("id"), marker);
}

}  // namespace
}  // namespace dh::test
