// Events a connected plugin receives (proxy-plugin-mqtt §3.3, §3.5, §1.5): the filter's device,
// kinds and owner's networks, the bus Response envelope, overlapping plugins, subscription
// groups, several connections of one plugin, and the flow stopping and resuming (also when the
// plugin or its owner is deleted).
//
// REST inserts publish into plugin topics before they answer, and a proxy connection answers its
// messages in order after what was queued for it, so a ProxyClient::Sync after an insert shows
// whether the insert reached that connection: no waiting for things that should not happen.
#include <set>
#include <string>
#include <vector>

#include "plugin_test.hpp"

namespace dh::test {
namespace {

using boost::json::object;

class PluginEventsTest : public PluginTest {
 protected:
  // The notification ids of the deliveries a connection has been sent so far.
  static std::vector<int64_t> DeliveredNotifications(ProxyClient& proxy, const std::string& topic) {
    proxy.Sync();
    std::vector<int64_t> ids;
    while (proxy.kept_deliveries() > 0)
      ids.push_back(NotificationIdOf(NextEventBody(proxy, topic)));
    return ids;
  }

  // A CLIENT user `name` linked to a new network holding device `name`, and the user's plugin
  // for that device's notifications.
  struct ClientPlugin {
    Registered plugin;
    std::string user_path;  // /api/rest/user/{id}
  };
  static ClientPlugin RegisterClientPlugin(const std::string& name) {
    const int64_t network = CreateNetwork(name + "-net");
    RegisterDevice(name, network);
    const std::string client = ClientToken(name, {network});
    const auto me = As(client).Get("/api/rest/user/current");
    EXPECT_EQ(me.status, 200) << me.body;
    const int64_t id = me.status == 200 ? me.json().at("id").as_int64() : -1;
    return {Register(name, "deviceId=" + name + "&returnNotifications=true", client),
            "/api/rest/user/" + std::to_string(id)};
  }
};

TEST_F(PluginEventsTest, PluginFilteredToOneDeviceReceivesOnlyItsNotifications) {
  const int64_t network = CreateNetwork("events-device-net");
  RegisterDevice("events-device-in", network);
  RegisterDevice("events-device-out", network);
  const auto plugin =
      Register("events-device", "deviceId=events-device-in&returnNotifications=true");
  auto proxy = ConnectPlugin(plugin);

  InsertNotification("events-device-out", "skipped");
  InsertCommand("events-device-in", "not-a-notification");
  const int64_t wanted = InsertNotification("events-device-in", "wanted");

  const auto delivery = proxy.NextDelivery();
  ASSERT_TRUE(delivery);
  EXPECT_EQ(KeysOf(*delivery), (std::set<std::string>{"t", "s", "st", "p"}));
  EXPECT_EQ(StringOf(*delivery, "t"), "notif");
  EXPECT_EQ(delivery->at("s"), 0);
  EXPECT_EQ(StringOf(*delivery, "st"), plugin.topic);
  EXPECT_TRUE(delivery->at("p").at("m").is_string());

  const auto envelope = EnvelopeOf(*delivery);
  ASSERT_TRUE(envelope.is_object());
  EXPECT_EQ(KeysOf(envelope.as_object()), (std::set<std::string>{"b", "cId", "l", "err", "fld"}));
  EXPECT_EQ(envelope.at("l"), false);
  EXPECT_EQ(envelope.at("err"), 0);
  EXPECT_EQ(envelope.at("fld"), false);
  EXPECT_TRUE(envelope.at("cId").is_string());
  const auto& body = envelope.at("b").as_object();
  EXPECT_EQ(body.at("a"), 10);
  const auto& notification = body.at("notification").as_object();
  EXPECT_EQ(KeysOf(notification),
            (std::set<std::string>{"id", "notification", "deviceId", "networkId", "deviceTypeId",
                                   "timestamp", "parameters"}));
  EXPECT_EQ(StringOf(notification, "notification"), "wanted");
  EXPECT_EQ(notification.at("id"), wanted);
  EXPECT_EQ(StringOf(notification, "deviceId"), "events-device-in");
  EXPECT_EQ(notification.at("networkId"), network);

  EXPECT_TRUE(DeliveredNotifications(proxy, plugin.topic).empty());
}

TEST_F(PluginEventsTest, CommandsAndTheirUpdatesArriveAsCommandEvents) {
  const int64_t network = CreateNetwork("events-command-net");
  RegisterDevice("events-command", network);
  const auto plugin = Register(
      "events-command", "deviceId=events-command&returnCommands=true&returnUpdatedCommands=true");
  auto proxy = ConnectPlugin(plugin);

  InsertNotification("events-command", "not-a-command");
  const int64_t command = InsertCommand("events-command", "switch-on");
  UpdateCommand("events-command", command, {{"status", "done"}, {"result", {{"ok", true}}}});

  const auto inserted = NextEventBody(proxy, plugin.topic);
  EXPECT_EQ(inserted.at("a"), 21) << boost::json::serialize(inserted);
  const auto& created = inserted.at("command").as_object();
  EXPECT_EQ(created.at("id"), command);
  EXPECT_EQ(StringOf(created, "command"), "switch-on");
  EXPECT_EQ(StringOf(created, "deviceId"), "events-command");
  EXPECT_EQ(created.at("isUpdated"), false);

  const auto updated = NextEventBody(proxy, plugin.topic);
  EXPECT_EQ(updated.at("a"), 23) << boost::json::serialize(updated);
  const auto& changed = updated.at("command").as_object();
  EXPECT_EQ(changed.at("id"), command);
  EXPECT_EQ(StringOf(changed, "status"), "done");
  EXPECT_EQ(changed.at("result"), (object{{"ok", true}}));
  EXPECT_EQ(changed.at("isUpdated"), true);

  proxy.Sync();
  EXPECT_EQ(proxy.kept_deliveries(), 0u);
}

TEST_F(PluginEventsTest, NamesNarrowTheEvents) {
  const int64_t network = CreateNetwork("events-names-net");
  RegisterDevice("events-names", network);
  const auto plugin = Register("events-names", "networkIds=" + std::to_string(network) +
                                                   "&names=door,alarm&returnNotifications=true");
  auto proxy = ConnectPlugin(plugin);
  InsertNotification("events-names", "temperature");
  const int64_t door = InsertNotification("events-names", "door");
  const int64_t alarm = InsertNotification("events-names", "alarm");
  EXPECT_EQ(DeliveredNotifications(proxy, plugin.topic), (std::vector<int64_t>{door, alarm}));
}

TEST_F(PluginEventsTest, OverlappingPluginsEachGetTheirCopy) {
  const int64_t network = CreateNetwork("events-overlap-net");
  RegisterDevice("events-overlap", network);
  const auto by_network =
      Register("events-overlap-network",
               "networkIds=" + std::to_string(network) + "&returnNotifications=true");
  const auto by_device =
      Register("events-overlap-device", "deviceId=events-overlap&returnNotifications=true");
  auto first = ConnectPlugin(by_network);
  auto second = ConnectPlugin(by_device);

  const int64_t id = InsertNotification("events-overlap", "shared");
  EXPECT_EQ(DeliveredNotifications(first, by_network.topic), std::vector<int64_t>{id});
  EXPECT_EQ(DeliveredNotifications(second, by_device.topic), std::vector<int64_t>{id});
}

TEST_F(PluginEventsTest, SubscriptionGroupGetsEachEventOnceAlternatingBetweenMembers) {
  const int64_t network = CreateNetwork("events-group-net");
  RegisterDevice("events-group", network);
  const auto plugin = Register("events-group", "deviceId=events-group&returnNotifications=true");
  auto first = ConnectPlugin(plugin, "workers");
  auto second = ConnectPlugin(plugin, "workers");

  std::vector<int64_t> inserted;
  for (int i = 0; i < 6; ++i) {
    inserted.push_back(InsertNotification("events-group", "work-" + std::to_string(i)));
  }
  const auto to_first = DeliveredNotifications(first, plugin.topic);
  const auto to_second = DeliveredNotifications(second, plugin.topic);
  ASSERT_EQ(to_first.size(), 3u);
  ASSERT_EQ(to_second.size(), 3u);
  // Round-robin: one member takes the even-numbered inserts, the other the odd-numbered ones.
  const bool first_takes_even = to_first.front() == inserted[0];
  const auto& even = first_takes_even ? to_first : to_second;
  const auto& odd = first_takes_even ? to_second : to_first;
  EXPECT_EQ(even, (std::vector<int64_t>{inserted[0], inserted[2], inserted[4]}));
  EXPECT_EQ(odd, (std::vector<int64_t>{inserted[1], inserted[3], inserted[5]}));
}

TEST_F(PluginEventsTest, ConnectionsWithoutAGroupEachGetEveryEvent) {
  const int64_t network = CreateNetwork("events-fanout-net");
  RegisterDevice("events-fanout", network);
  const auto plugin = Register("events-fanout", "deviceId=events-fanout&returnNotifications=true");
  auto first = ConnectPlugin(plugin);
  auto second = ConnectPlugin(plugin);
  const int64_t a = InsertNotification("events-fanout", "a");
  const int64_t b = InsertNotification("events-fanout", "b");
  EXPECT_EQ(DeliveredNotifications(first, plugin.topic), (std::vector<int64_t>{a, b}));
  EXPECT_EQ(DeliveredNotifications(second, plugin.topic), (std::vector<int64_t>{a, b}));
}

TEST_F(PluginEventsTest, PluginStaysActiveWhileAnotherConnectionRemains) {
  const int64_t network = CreateNetwork("events-remaining-net");
  RegisterDevice("events-remaining", network);
  const auto plugin =
      Register("events-remaining", "deviceId=events-remaining&returnNotifications=true");
  auto leaving = ConnectPlugin(plugin, "pair");
  auto staying = ConnectPlugin(plugin, "pair");
  leaving.Close();

  // While the leaving member is still in the group, round-robin gives it every other event;
  // once two inserts in a row reach the other member, the server has handled the close.
  bool previous_reached = false;
  const bool left = PollUntil([&] {
    const int64_t id = InsertNotification("events-remaining", "probe");
    const auto delivered = DeliveredNotifications(staying, plugin.topic);
    const bool reached = delivered == std::vector<int64_t>{id};
    const bool twice = previous_reached && reached;
    previous_reached = reached;
    return twice;
  });
  ASSERT_TRUE(left) << "the closed connection stayed in the group";
  EXPECT_EQ(StatusOf(plugin.topic), "ACTIVE");
  const int64_t after = InsertNotification("events-remaining", "after");
  EXPECT_EQ(DeliveredNotifications(staying, plugin.topic), std::vector<int64_t>{after});

  staying.Close();
  EXPECT_TRUE(ReachesStatus(plugin.topic, "INACTIVE"));
}

TEST_F(PluginEventsTest, ClientOwnedPluginReceivesOnlyTheClientsNetworks) {
  const int64_t mine = CreateNetwork("events-client-mine");
  const int64_t theirs = CreateNetwork("events-client-theirs");
  RegisterDevice("events-client-in", mine);
  RegisterDevice("events-client-out", theirs);
  const std::string client = ClientToken("events-client", {mine});
  const auto plugin = Register("events-client", "", client);
  ASSERT_EQ(StringOf(*FindPlugin(plugin.topic), "filter"), "*/*/*/*/*");
  auto proxy = ConnectPlugin(plugin);

  InsertNotification("events-client-out", "theirs");
  const int64_t own = InsertNotification("events-client-in", "mine");
  EXPECT_EQ(DeliveredNotifications(proxy, plugin.topic), std::vector<int64_t>{own});
}

TEST_F(PluginEventsTest, ClientCannotRegisterAPluginForAnotherNetwork) {
  const int64_t mine = CreateNetwork("events-client-own-net");
  const int64_t theirs = CreateNetwork("events-client-foreign-net");
  const std::string client = ClientToken("events-client-foreign", {mine});
  const auto result =
      RegisterRequest(client, "events-client-foreign", "networkIds=" + std::to_string(theirs));
  EXPECT_EQ(result.status, 403) << result.body;
}

TEST_F(PluginEventsTest, DeactivatedPluginGetsNothingUntilItReconnects) {
  const int64_t network = CreateNetwork("events-resume-net");
  RegisterDevice("events-resume", network);
  const auto plugin = Register("events-resume", "deviceId=events-resume&returnNotifications=true");
  {
    auto proxy = ConnectPlugin(plugin);
    proxy.Close();
  }
  ASSERT_TRUE(ReachesStatus(plugin.topic, "INACTIVE"));
  InsertNotification("events-resume", "while-away");

  auto proxy = ConnectPlugin(plugin);
  EXPECT_TRUE(DeliveredNotifications(proxy, plugin.topic).empty());
  const int64_t back = InsertNotification("events-resume", "back");
  EXPECT_EQ(DeliveredNotifications(proxy, plugin.topic), std::vector<int64_t>{back});

  // Switched off through REST while connected: the flow stops.
  const std::string put = std::string(kPluginPath) + "?topicName=" + plugin.topic;
  ASSERT_EQ(Admin().Put(put + "&status=INACTIVE", "").status, 204);
  InsertNotification("events-resume", "switched-off");
  EXPECT_TRUE(DeliveredNotifications(proxy, plugin.topic).empty());
  ASSERT_EQ(Admin().Put(put + "&status=ACTIVE", "").status, 204);
  const int64_t on = InsertNotification("events-resume", "switched-on");
  EXPECT_EQ(DeliveredNotifications(proxy, plugin.topic), std::vector<int64_t>{on});
}

TEST_F(PluginEventsTest, DeletingAConnectedPluginStopsItsEvents) {
  const int64_t network = CreateNetwork("events-delete-net");
  RegisterDevice("events-delete", network);
  const auto plugin = Register("events-delete", "deviceId=events-delete&returnNotifications=true");
  auto proxy = ConnectPlugin(plugin);
  ASSERT_EQ(Admin().Delete(std::string(kPluginPath) + "?topicName=" + plugin.topic).status, 204);
  InsertNotification("events-delete", "after-delete");
  EXPECT_TRUE(DeliveredNotifications(proxy, plugin.topic).empty());
  // The connection closing afterwards finds no plugin to deactivate, and that is fine.
  proxy.Close();
  EXPECT_FALSE(FindPlugin(plugin.topic));
}

TEST_F(PluginEventsTest, DeletingAConnectedPluginsOwnerStopsItsEvents) {
  const auto [plugin, owner] = RegisterClientPlugin("events-owner");
  auto proxy = ConnectPlugin(plugin);
  const int64_t before = InsertNotification("events-owner", "before");
  ASSERT_EQ(DeliveredNotifications(proxy, plugin.topic), std::vector<int64_t>{before});

  ASSERT_EQ(Admin().Delete(owner).status, 204);
  EXPECT_FALSE(FindPlugin(plugin.topic));  // the plugin went with its owner
  InsertNotification("events-owner", "after-owner-deleted");
  EXPECT_TRUE(DeliveredNotifications(proxy, plugin.topic).empty());
  proxy.Close();
}

TEST_F(PluginEventsTest, LockingAConnectedPluginsOwnerStopsItsEvents) {
  const auto [plugin, owner] = RegisterClientPlugin("events-locked");
  auto proxy = ConnectPlugin(plugin);
  ASSERT_TRUE(ReachesStatus(plugin.topic, "ACTIVE"));

  ASSERT_EQ(Admin().Put(owner, R"({"status":1})").status, 204);  // LOCKED
  EXPECT_EQ(StatusOf(plugin.topic), "INACTIVE");
  InsertNotification("events-locked", "after-owner-locked");
  EXPECT_TRUE(DeliveredNotifications(proxy, plugin.topic).empty());
  // While the owner is locked the plugin cannot be switched back on.
  const std::string put = std::string(kPluginPath) + "?topicName=" + plugin.topic;
  const auto switched_on = Admin().Put(put + "&status=ACTIVE", "");
  EXPECT_EQ(switched_on.status, 403) << switched_on.body;
  EXPECT_EQ(MessageOf(switched_on), "The plugin's owner is not active");
  EXPECT_EQ(StatusOf(plugin.topic), "INACTIVE");
  proxy.Close();
}

}  // namespace
}  // namespace dh::test
