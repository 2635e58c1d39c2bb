// DeviceHive's topics on the broker (spec/proxy-plugin-mqtt.md §4): CONNECT as a DeviceHive login
// or with an access token, dh/request answered on dh/response/<action>@<client id>, event
// subscriptions with the client's permissions, and notifications and commands inserted by
// publishing to their topics, reaching WebSocket clients, and REST commands reaching MQTT.
#include <boost/json.hpp>
#include <chrono>
#include <string>

#include "mqtt/codec/codec.hpp"
#include "support/mqtt_client.hpp"
#include "ws_test.hpp"

namespace dh::test {
namespace {

using namespace std::chrono_literals;
using mqtt::PacketType;

class MqttDhTest : public WsTest {
 protected:
  static uint16_t mqtt_port() { return server_->mqtt_port(); }

  static mqtt::Connect WithCredentials(const std::string& client_id, std::string username,
                                       std::string password) {
    auto connect = ConnectFor(client_id);
    connect.username = std::move(username);
    connect.password = std::move(password);
    return connect;
  }
  // A client connected with the admin's access token as its password.
  static std::unique_ptr<MqttClient> AdminClient(const std::string& client_id) {
    return ClientWithToken(client_id, admin_token_);
  }
  static std::unique_ptr<MqttClient> ClientWithToken(const std::string& client_id,
                                                     const std::string& token) {
    auto client = std::make_unique<MqttClient>(mqtt_port());
    const auto connack = client->Connect(WithCredentials(client_id, "token", token));
    EXPECT_EQ(connack.return_code, mqtt::kConnAckAccepted) << client_id;
    return client;
  }
  // The next packet is a PUBLISH on `topic`; its payload as a JSON object.
  static boost::json::object NextPublishOn(MqttClient& client, const std::string& topic) {
    const auto got = client.Read();
    const auto* publish = got ? std::get_if<mqtt::Publish>(&*got) : nullptr;
    if (publish == nullptr) {
      ADD_FAILURE() << "expected a PUBLISH on " << topic << ", got "
                    << (got ? Describe(*got) : "nothing");
      return {};
    }
    EXPECT_EQ(publish->topic, topic);
    EXPECT_EQ(publish->qos, 0) << "DeviceHive events and responses go out at QoS 0";
    EXPECT_FALSE(publish->retain);
    boost::system::error_code ec;
    auto parsed = boost::json::parse(publish->payload, ec);
    EXPECT_FALSE(ec) << publish->payload;
    return !ec && parsed.is_object() ? parsed.as_object() : boost::json::object{};
  }
};

TEST_F(MqttDhTest, LoginAndPasswordConnect) {
  MqttClient client(mqtt_port());
  EXPECT_EQ(client.Connect(WithCredentials("dh-login", kAdminLogin, kAdminPassword)).return_code,
            mqtt::kConnAckAccepted);
  client.Disconnect();
}

// The password check runs off the I/O thread; what the client sends right behind CONNECT waits
// for it and is handled in order.
TEST_F(MqttDhTest, PacketsPipelinedBehindALoginAreHandledAfterIt) {
  MqttClient client(mqtt_port());
  std::string bytes;
  mqtt::EncodePacket(WithCredentials("dh-pipelined", kAdminLogin, kAdminPassword), bytes);
  mqtt::EncodePacket(mqtt::Subscribe{1, {{"pipelined/topic", 1}}}, bytes);
  mqtt::EncodePacket(mqtt::Publish{"pipelined/topic", "behind connect", 1, false, false, 2}, bytes);
  mqtt::EncodePacket(mqtt::PingReq{}, bytes);
  ASSERT_TRUE(client.SendRaw(bytes));
  const auto connack = client.Read();
  ASSERT_TRUE(connack && std::holds_alternative<mqtt::ConnAck>(*connack))
      << (connack ? Describe(*connack) : "nothing");
  EXPECT_EQ(std::get<mqtt::ConnAck>(*connack).return_code, mqtt::kConnAckAccepted);
  std::vector<std::string> rest;
  for (int i = 0; i < 4; ++i) {
    const auto packet = client.Read();
    rest.push_back(packet ? Describe(*packet) : "nothing");
  }
  // SUBACK first; the PUBACK and the delivery of the message to ourselves may come in either
  // order, then PINGRESP.
  ASSERT_EQ(rest.size(), 4u);
  EXPECT_EQ(rest[0], Describe(mqtt::SubAck{1, {1}}));
  EXPECT_EQ(rest[3], Describe(mqtt::PingResp{}));
}

TEST_F(MqttDhTest, WrongPasswordIsRefusedWithReturnCode5) {
  MqttClient client(mqtt_port());
  EXPECT_EQ(
      client.Connect(WithCredentials("dh-wrong", kAdminLogin, "not-the-password")).return_code,
      mqtt::kConnAckNotAuthorized);
  EXPECT_TRUE(client.ReadsEndOfStream());
}

TEST_F(MqttDhTest, AccessTokenAsPasswordConnectsAndARefreshTokenDoesNot) {
  AdminClient("dh-token")->Disconnect();
  const auto pair =
      Anonymous().Post("/api/rest/token", R"({"login":"dhadmin","password":"dhadmin_#911"})");
  ASSERT_EQ(pair.status, 201) << pair.body;
  const std::string refresh(pair.json().at("refreshToken").as_string());
  MqttClient client(mqtt_port());
  EXPECT_EQ(client.Connect(WithCredentials("dh-refresh", "token", refresh)).return_code,
            mqtt::kConnAckNotAuthorized);
}

TEST_F(MqttDhTest, RequestIsAnsweredOnTheClientsResponseTopic) {
  auto client = AdminClient("dh-req");
  ASSERT_EQ(client->Subscribe("dh/response/device/get@dh-req", 0), std::vector<uint8_t>{0});
  client->Publish("dh/request",
                  R"({"action":"device/get","deviceId":")" + std::string(kSampleDevice) +
                      R"(","requestId":"r1"})",
                  1);
  const auto response = NextPublishOn(*client, "dh/response/device/get@dh-req");
  EXPECT_TRUE(Succeeded(response)) << boost::json::serialize(response);
  EXPECT_EQ(StringOf(response, "requestId"), "r1");
  EXPECT_EQ(StringOf(response.at("device").as_object(), "id"), kSampleDevice);
}

TEST_F(MqttDhTest, ResponseTopicsOfOtherClientsAndTheRequestTopicAreRefused) {
  auto client = AdminClient("dh-mine");
  EXPECT_EQ(client->Subscribe(
                {{"dh/response/device/get@someone-else", 0}, {"dh/request", 0}, {"dh/#", 0}}),
            (std::vector<uint8_t>{0x80, 0x80, 0x80}));
}

TEST_F(MqttDhTest, AnonymousClientMayOnlyWaitForAuthenticationAnswers) {
  MqttClient client(mqtt_port());
  ASSERT_EQ(client.Connect(ConnectFor("dh-anon")).return_code, mqtt::kConnAckAccepted);
  EXPECT_EQ(client.Subscribe({{"dh/notification/#", 0},
                              {"dh/response/device/list@dh-anon", 0},
                              {"dh/response/authenticate@dh-anon", 0}}),
            (std::vector<uint8_t>{0x80, 0x80, 0}));
  // ... and then authenticate through dh/request, after which event topics are open to it.
  client.Publish("dh/request",
                 R"({"action":"authenticate","token":")" + admin_token_ + R"(","requestId":7})");
  EXPECT_TRUE(Succeeded(NextPublishOn(client, "dh/response/authenticate@dh-anon")));
  EXPECT_EQ(client.Subscribe("dh/notification/#", 0), std::vector<uint8_t>{0});
}

TEST_F(MqttDhTest, PublishedNotificationReachesAWebSocketSubscriber) {
  RegisterDevice("mqtt-dh-n", 1);
  auto ws = ConnectAdmin();
  ASSERT_TRUE(
      Succeeded(ws.Request({{"action", "notification/subscribe"}, {"deviceId", "mqtt-dh-n"}})));
  auto device = AdminClient("dh-device-n");
  device->Publish("dh/notification/1/1/mqtt-dh-n/temperature", R"({"celsius":21.5})", 1);
  const auto push = ws.NextPush();
  ASSERT_TRUE(push);
  EXPECT_EQ(StringOf(*push, "action"), "notification/insert");
  const auto& notification = push->at("notification").as_object();
  EXPECT_EQ(StringOf(notification, "deviceId"), "mqtt-dh-n");
  EXPECT_EQ(StringOf(notification, "notification"), "temperature");
  EXPECT_EQ(notification.at("parameters").at("celsius").as_double(), 21.5);
}

TEST_F(MqttDhTest, RestCommandReachesAnMqttSubscriber) {
  RegisterDevice("mqtt-dh-c", 1);
  auto device = AdminClient("dh-device-c");
  ASSERT_EQ(device->Subscribe("dh/command/1/+/mqtt-dh-c/#", 0), std::vector<uint8_t>{0});
  const auto inserted = Admin().Post("/api/rest/device/mqtt-dh-c/command",
                                     R"({"command":"reboot","parameters":{"in":5}})");
  ASSERT_EQ(inserted.status, 201) << inserted.body;
  const auto push = NextPublishOn(*device, "dh/command/1/1/mqtt-dh-c/reboot");
  EXPECT_EQ(StringOf(push, "action"), "command/insert");
  ASSERT_TRUE(push.contains("command"));
  EXPECT_EQ(StringOf(push.at("command").as_object(), "command"), "reboot");
  EXPECT_EQ(push.at("command").at("id"), inserted.json().at("id"));
}

// A device with a persistent session (clean session 0, as DeviceHive's docs recommend) keeps its
// DeviceHive subscriptions across reconnects, like its plain ones.
TEST_F(MqttDhTest, PersistentSessionKeepsItsEventSubscriptionsAcrossReconnects) {
  RegisterDevice("mqtt-dh-persist", 1);
  auto connect = WithCredentials("dh-persist", "token", admin_token_);
  connect.clean_session = false;
  {
    MqttClient first(mqtt_port());
    ASSERT_EQ(first.Connect(connect).return_code, mqtt::kConnAckAccepted);
    ASSERT_EQ(first.Subscribe("dh/command/1/+/mqtt-dh-persist/#", 0), std::vector<uint8_t>{0});
    ASSERT_EQ(first.Subscribe("dh/response/device/get@dh-persist", 0), std::vector<uint8_t>{0});
    first.Drop();
  }
  MqttClient again(mqtt_port());
  const auto connack = again.Connect(connect);
  ASSERT_EQ(connack.return_code, mqtt::kConnAckAccepted);
  EXPECT_TRUE(connack.session_present);
  const auto inserted =
      Admin().Post("/api/rest/device/mqtt-dh-persist/command", R"({"command":"wake"})");
  ASSERT_EQ(inserted.status, 201) << inserted.body;
  const auto push = NextPublishOn(again, "dh/command/1/1/mqtt-dh-persist/wake");
  EXPECT_EQ(StringOf(push, "action"), "command/insert");
  again.Publish("dh/request",
                R"({"action":"device/get","deviceId":"mqtt-dh-persist","requestId":2})");
  EXPECT_TRUE(Succeeded(NextPublishOn(again, "dh/response/device/get@dh-persist")));
}

TEST_F(MqttDhTest, PublishedCommandIsStoredForItsDevice) {
  RegisterDevice("mqtt-dh-pc", 1);
  AdminClient("dh-client-pc")->Publish("dh/command/1/1/mqtt-dh-pc/open", R"({"valve":2})", 2);
  const auto listed = Admin().Get("/api/rest/device/mqtt-dh-pc/command");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto body = listed.json();
  const auto& commands = body.as_array();
  ASSERT_EQ(commands.size(), 1u) << listed.body;
  EXPECT_EQ(StringOf(commands[0].as_object(), "command"), "open");
  EXPECT_EQ(commands[0].at("parameters").at("valve").as_int64(), 2);
}

TEST_F(MqttDhTest, ClientUserSeesAndWritesOnlyItsOwnNetworks) {
  const int64_t mine = CreateNetwork("mqtt-dh-client-net");
  RegisterDevice("mqtt-dh-theirs", 1);
  auto client = ClientWithToken("dh-client-user", ClientToken("mqtt-dh-client", {mine}));
  EXPECT_EQ(client->Subscribe({{"dh/notification/" + std::to_string(mine) + "/#", 0},
                               {"dh/notification/1/#", 0}}),
            (std::vector<uint8_t>{0, 0x80}));
  // A notification for a device of a network it may not see: refused, so no PUBACK; the
  // connection closes (3.1.1 has no negative acknowledgement).
  client->Send(mqtt::Publish{"dh/notification/1/1/mqtt-dh-theirs/x", "{}", 1, false, false, 9});
  EXPECT_TRUE(client->ReadsEndOfStream());
  EXPECT_EQ(Admin().Get("/api/rest/device/mqtt-dh-theirs/notification?notification=x").body, "[]");
}

TEST_F(MqttDhTest, PayloadThatIsNotAJsonObjectClosesTheConnection) {
  RegisterDevice("mqtt-dh-bad", 1);
  auto client = AdminClient("dh-bad-json");
  client->Send(mqtt::Publish{"dh/notification/1/1/mqtt-dh-bad/x", "[1,2", 1, false, false, 3});
  EXPECT_TRUE(client->ReadsEndOfStream());
  AdminClient("dh-after-bad")->Disconnect();  // the broker carries on
}

}  // namespace
}  // namespace dh::test
