// The plugin proxy's message protocol at /plugin/proxy (proxy-plugin-mqtt §1.2-1.4, §1.7, §3.5):
// health, what passes before authentication, plugin/authenticate and activation, the plugin's
// confinement to its own topic, error replies, publishing, and deactivation on disconnect.
#include <string>

#include "plugin_test.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;

constexpr const char* kNotAuthorized = "Plugin not authorized";
constexpr const char* kNoPermission = "Plugin has no permissions for this operation";

class PluginProxyTest : public PluginTest {
 protected:
  // A proxy connection authenticated as `plugin` (not subscribed).
  static ProxyClient Authenticated(const Registered& plugin) {
    ProxyClient proxy(port());
    const auto reply = proxy.Authenticate(plugin.access_token);
    EXPECT_EQ(reply.at("s"), 0) << boost::json::serialize(reply);
    return proxy;
  }
  // A failure reply {"id","t",["a"],"s":1,"p":{"m":message}}.
  static ::testing::AssertionResult FailedWith(const object& reply, const std::string& message) {
    const auto* payload = reply.if_contains("p");
    if (reply.contains("s") && reply.at("s") == 1 && payload != nullptr && payload->is_object() &&
        KeysOf(payload->as_object()) == std::set<std::string>{"m"} &&
        PayloadMessage(reply) == message) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "expected failure \"" << message << "\", got " << boost::json::serialize(reply);
  }
};

// --- before authentication ------------------------------------------------------------------

TEST_F(PluginProxyTest, HealthIsAnsweredBeforeAuthentication) {
  ProxyClient proxy(port());
  auto reply = proxy.Request({{"id", "h1"}, {"t", "health"}});
  // mbfp: how full the connection's outbound queue is, in percent with two decimals (what was
  // written just before, such as the handshake, may still count).
  const std::string fill = StringOf(reply.at("p").as_object(), "mbfp");
  EXPECT_TRUE(fill.size() >= 4 && fill[fill.size() - 3] == '.' && std::stod(fill) < 1.0) << fill;
  reply.at("p").as_object().erase("mbfp");
  EXPECT_EQ(reply,
            (object{{"id", "h1"},
                    {"t", "health"},
                    {"s", 0},
                    {"p", {{"prx", "Available"}, {"mb", "Available"}, {"comm", "Available"}}}}))
      << boost::json::serialize(reply);
  // A numeric id is echoed as it came.
  EXPECT_EQ(proxy.Request({{"id", 42}, {"t", "health"}}).at("id"), 42);
}

TEST_F(PluginProxyTest, MessagesBeforeAuthenticationAreRefusedAndEndTheFrame) {
  ProxyClient proxy(port());
  proxy.SendText(R"([{"id":"b1","t":"health"},)"
                 R"({"id":"b2","t":"topic","a":"subscribe","p":{"t":["plugin_topic_x"]}},)"
                 R"({"id":"b3","t":"health"}])");
  EXPECT_EQ(proxy.NextReply()->at("id"), "b1");
  const auto refused = proxy.NextReply();
  ASSERT_TRUE(refused);
  EXPECT_EQ(*refused, (object{{"id", "b2"},
                              {"t", "topic"},
                              {"a", "subscribe"},
                              {"s", 1},
                              {"p", {{"m", kNotAuthorized}}}}));
  // b3 was dropped with the rest of the frame: the next reply answers a later frame.
  EXPECT_EQ(proxy.Request({{"id", "b4"}, {"t", "health"}}).at("id"), "b4");
  EXPECT_FALSE(proxy.NextReply(std::chrono::milliseconds(0)).has_value());

  for (const auto& message :
       {object{{"t", "topic"}, {"a", "list"}},
        object{{"t", "topic"}, {"a", "create"}, {"p", {{"t", array{"plugin_topic_x"}}}}},
        object{{"t", "notif"}, {"a", "create"}, {"p", {{"t", "plugin_topic_x"}, {"m", "hi"}}}},
        object{{"t", "plugin"}, {"a", "bogus"}}, object{{"t", "bogus"}}}) {
    EXPECT_TRUE(FailedWith(proxy.Request(message), kNotAuthorized))
        << boost::json::serialize(message);
  }
}

TEST_F(PluginProxyTest, AuthenticationWithABadTokenFails) {
  const auto plugin = Register("proxy-bad-token");
  ProxyClient proxy(port());
  const auto garbage = proxy.Authenticate("garbage");
  EXPECT_EQ(StringOf(garbage, "t"), "plugin");
  EXPECT_EQ(StringOf(garbage, "a"), "authenticate");
  EXPECT_TRUE(FailedWith(garbage, "Token is not valid"));
  EXPECT_TRUE(FailedWith(proxy.Authenticate(plugin.refresh_token), "Invalid token type"));
  EXPECT_TRUE(FailedWith(proxy.Authenticate(admin_token_), "Token is not valid"));
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "plugin"}, {"a", "authenticate"}, {"p", object{}}}),
                         "Payload should consist property \"token\" to authenticate plugin"));
  EXPECT_TRUE(FailedWith(proxy.Subscribe(plugin.topic), kNotAuthorized));
  EXPECT_EQ(StatusOf(plugin.topic), "CREATED");
}

// --- authentication and confinement ---------------------------------------------------------

TEST_F(PluginProxyTest, AuthenticationRepliesWithThePayloadAndActivatesThePlugin) {
  const auto plugin = Register("proxy-activate");
  ASSERT_EQ(StatusOf(plugin.topic), "CREATED");
  ProxyClient proxy(port());
  const auto reply = proxy.Request({{"id", "auth-1"},
                                    {"t", "plugin"},
                                    {"a", "authenticate"},
                                    {"p", {{"token", plugin.access_token}}}});
  EXPECT_EQ(KeysOf(reply), (std::set<std::string>{"id", "t", "a", "s", "p"}));
  EXPECT_EQ(reply.at("id"), "auth-1");
  EXPECT_EQ(StringOf(reply, "t"), "plugin");
  EXPECT_EQ(StringOf(reply, "a"), "authenticate");
  EXPECT_EQ(reply.at("s"), 0);
  const auto& payload = reply.at("p").as_object();
  EXPECT_EQ(KeysOf(payload), (std::set<std::string>{"e", "t", "tpc"}));
  EXPECT_TRUE(payload.at("e").is_int64()) << boost::json::serialize(reply);
  EXPECT_EQ(payload.at("t"), 1);
  EXPECT_EQ(StringOf(payload, "tpc"), plugin.topic);

  const auto listed = FindPlugin(plugin.topic);
  ASSERT_TRUE(listed);
  EXPECT_EQ(StringOf(*listed, "status"), "ACTIVE");
  EXPECT_TRUE(listed->at("subscriptionId").is_int64());

  // Authenticating again on the same connection is harmless.
  EXPECT_EQ(proxy.Authenticate(plugin.access_token).at("s"), 0);
  EXPECT_EQ(StatusOf(plugin.topic), "ACTIVE");
}

TEST_F(PluginProxyTest, AuthenticatedPluginIsConfinedToItsOwnTopic) {
  const auto plugin = Register("proxy-confined");
  const auto other = Register("proxy-confined-other");
  auto proxy = Authenticated(plugin);
  EXPECT_TRUE(FailedWith(proxy.Subscribe(other.topic), kNoPermission));
  EXPECT_TRUE(FailedWith(
      proxy.Request(
          {{"t", "topic"}, {"a", "subscribe"}, {"p", {{"t", array{plugin.topic.c_str(), "x"}}}}}),
      kNoPermission));
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "topic"}, {"a", "list"}}), kNoPermission));
  EXPECT_TRUE(FailedWith(
      proxy.Request({{"t", "notif"}, {"a", "create"}, {"p", {{"t", other.topic}, {"m", "x"}}}}),
      kNoPermission));
  // Another plugin's token cannot be added to this connection.
  EXPECT_TRUE(FailedWith(proxy.Authenticate(other.access_token), kNoPermission));
  EXPECT_EQ(StatusOf(other.topic), "CREATED");

  // A refused message ends its frame.
  proxy.SendText(R"([{"id":"l1","t":"topic","a":"list"},{"id":"l2","t":"health"}])");
  EXPECT_TRUE(FailedWith(proxy.ReplyTo(R"("l1")"), kNoPermission));
  EXPECT_EQ(proxy.Request({{"id", "l3"}, {"t", "health"}}).at("id"), "l3");
  EXPECT_FALSE(proxy.NextReply(std::chrono::milliseconds(0)).has_value());

  // Its own topic is fine.
  const object own{{"t", array{plugin.topic.c_str()}}};
  for (const char* action : {"create", "subscribe", "unsubscribe"}) {
    const auto reply = proxy.Request({{"id", action}, {"t", "topic"}, {"a", action}, {"p", own}});
    EXPECT_EQ(reply, (object{{"id", action}, {"t", "topic"}, {"a", action}, {"s", 0}, {"p", own}}));
  }
  const auto grouped = proxy.Subscribe(plugin.topic, "grp");
  EXPECT_EQ(grouped.at("p"), (object{{"sg", "grp"}, {"t", array{plugin.topic.c_str()}}}));
}

TEST_F(PluginProxyTest, UnknownTypesAndActionsAreUnsupported) {
  const auto plugin = Register("proxy-unsupported");
  auto proxy = Authenticated(plugin);
  EXPECT_EQ(proxy.Request({{"id", "u1"}, {"t", "bogus"}}),
            (object{{"id", "u1"},
                    {"t", "bogus"},
                    {"s", 1},
                    {"p", {{"m", "Unsupported message type: bogus"}}}}));
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "ack"}}), "Unsupported message type: ack"));
  const auto untyped = proxy.Request({{"id", "u2"}});
  EXPECT_EQ(StringOf(untyped, "t"), "ack");
  EXPECT_EQ(untyped.at("s"), 1);
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "topic"}, {"a", "frobnicate"}}),
                         "Unsupported topic message action: frobnicate"));
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "notif"}, {"a", "list"}}),
                         "Unsupported notification message action: list"));
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "plugin"}, {"a", "bogus"}}),
                         "Unsupported plugin message action: bogus"));
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "topic"}, {"a", "subscribe"}, {"p", object{}}}),
                         "Payload should consist property \"t\" with list of topics to subscribe"));
  EXPECT_TRUE(FailedWith(proxy.Request({{"t", "topic"}, {"a", "create"}, {"p", {{"t", "x"}}}}),
                         "Payload should consist an array with topics to create"));

  // Unsupported messages do not end their frame.
  proxy.SendText(R"([{"id":"v1","t":"bogus"},{"id":"v2","t":"health"}])");
  EXPECT_EQ(proxy.ReplyTo(R"("v1")").at("s"), 1);
  EXPECT_EQ(proxy.ReplyTo(R"("v2")").at("s"), 0);
}

TEST_F(PluginProxyTest, MalformedFrameIsAnsweredWithAnAckFailure) {
  ProxyClient proxy(port());
  for (const char* frame : {"{not json", "[1,2]", "\"text\"", "42"}) {
    proxy.SendText(frame);
    const auto reply = proxy.NextReply();
    ASSERT_TRUE(reply) << frame;
    EXPECT_EQ(KeysOf(*reply), (std::set<std::string>{"t", "s", "p"})) << frame;
    EXPECT_EQ(StringOf(*reply, "t"), "ack") << frame;
    EXPECT_EQ(reply->at("s"), 1) << frame;
    EXPECT_FALSE(PayloadMessage(*reply).empty()) << frame;
  }
  // An empty batch is answered with nothing, and the connection goes on.
  proxy.SendText("[]");
  EXPECT_EQ(proxy.Request({{"id", "after"}, {"t", "health"}}).at("id"), "after");
}

TEST_F(PluginProxyTest, FailedActivationLeavesTheConnectionUnauthenticated) {
  const int64_t network = CreateNetwork("proxy-failed-activation-net");
  RegisterDevice("proxy-failed-activation", network);
  const auto plugin = Register("proxy-failed-activation",
                               "deviceId=proxy-failed-activation&returnNotifications=true");
  // The filter's device goes away, so activation cannot subscribe.
  ASSERT_EQ(Admin().Delete("/api/rest/device/proxy-failed-activation").status, 204);
  const std::string not_found = "Device with such deviceId = proxy-failed-activation not found";

  ProxyClient first(port());
  EXPECT_TRUE(FailedWith(first.Authenticate(plugin.access_token), not_found));
  EXPECT_TRUE(FailedWith(first.Subscribe(plugin.topic), kNotAuthorized));
  // Neither a retry on the same connection nor another connection passes without activation.
  EXPECT_TRUE(FailedWith(first.Authenticate(plugin.access_token), not_found));
  ProxyClient second(port());
  EXPECT_TRUE(FailedWith(second.Authenticate(plugin.access_token), not_found));
  EXPECT_EQ(StatusOf(plugin.topic), "CREATED");

  // Once the device is back, authentication activates the plugin and events flow.
  RegisterDevice("proxy-failed-activation", network);
  EXPECT_EQ(second.Authenticate(plugin.access_token).at("s"), 0);
  EXPECT_EQ(StatusOf(plugin.topic), "ACTIVE");
  EXPECT_EQ(second.Subscribe(plugin.topic).at("s"), 0);
  const int64_t id = InsertNotification("proxy-failed-activation", "after");
  const auto delivered = second.NextDelivery();
  ASSERT_TRUE(delivered);
  EXPECT_EQ(NotificationIdOf(EnvelopeOf(*delivered).at("b").as_object()), id);
  first.Close();
  second.Close();
  EXPECT_TRUE(ReachesStatus(plugin.topic, "INACTIVE"));
}

// --- publishing -----------------------------------------------------------------------------

TEST_F(PluginProxyTest, PublishedMessageReachesTheTopicsSubscribers) {
  const auto plugin = Register("proxy-publish");
  auto subscriber = ConnectPlugin(plugin);
  auto publisher = Authenticated(plugin);
  const auto reply = publisher.Request({{"id", "n1"},
                                        {"t", "notif"},
                                        {"a", "create"},
                                        {"p", {{"t", plugin.topic}, {"m", "hello"}}}});
  EXPECT_EQ(reply, (object{{"id", "n1"}, {"t", "notif"}, {"a", "create"}, {"s", 0}}));
  const auto delivered = subscriber.NextDelivery();
  ASSERT_TRUE(delivered);
  EXPECT_EQ(*delivered,
            (object{{"t", "notif"}, {"s", 0}, {"st", plugin.topic}, {"p", {{"m", "hello"}}}}));
  // The publisher did not subscribe, so it gets nothing.
  publisher.Sync();
  EXPECT_EQ(publisher.kept_deliveries(), 0u);

  // After unsubscribing, nothing more arrives.
  const auto unsubscribed = subscriber.Request(
      {{"t", "topic"}, {"a", "unsubscribe"}, {"p", {{"t", array{plugin.topic.c_str()}}}}});
  EXPECT_EQ(unsubscribed.at("s"), 0);
  EXPECT_EQ(
      publisher.Request({{"t", "notif"}, {"a", "create"}, {"p", {{"t", plugin.topic}, {"m", "2"}}}})
          .at("s"),
      0);
  subscriber.Sync();
  EXPECT_EQ(subscriber.kept_deliveries(), 0u);
}

// --- deactivation ---------------------------------------------------------------------------

TEST_F(PluginProxyTest, ClosingTheLastConnectionDeactivatesThePlugin) {
  const auto plugin = Register("proxy-deactivate");
  {
    auto proxy = ConnectPlugin(plugin);
    ASSERT_EQ(StatusOf(plugin.topic), "ACTIVE");
    proxy.Close();
  }
  EXPECT_TRUE(ReachesStatus(plugin.topic, "INACTIVE")) << StatusOf(plugin.topic);
  EXPECT_TRUE(FindPlugin(plugin.topic)->at("subscriptionId").is_null());

  // A reconnection activates it again; dropping TCP without a close frame deactivates it too.
  auto again = ConnectPlugin(plugin);
  EXPECT_EQ(StatusOf(plugin.topic), "ACTIVE");
  again.ws().Abort();
  EXPECT_TRUE(ReachesStatus(plugin.topic, "INACTIVE")) << StatusOf(plugin.topic);
}

}  // namespace
}  // namespace dh::test
