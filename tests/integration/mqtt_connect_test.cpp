// CONNECT and CONNACK over real sockets (§3.1, §3.2): return codes byte by byte, the first
// packet rule, a second CONNECT, client-id takeover, MQTT 3.1, PINGREQ and DISCONNECT. After
// each misbehaving client the broker must still route for others.
#include <string>

#include "mqtt_test.hpp"

namespace dh::test {
namespace {

using mqtt::PacketType;

class MqttConnectTest : public MqttTest {};

// CONNACK bytes: type 0x20, remaining length 2, session present, return code.
std::string ConnAckBytes(bool session_present, uint8_t code) {
  return std::string{'\x20', '\x02', static_cast<char>(session_present ? 1 : 0),
                     static_cast<char>(code)};
}

TEST_F(MqttConnectTest, NewCleanSessionIsAcceptedWithCode0) {
  MqttClient client(mqtt_port());
  const auto connack = client.Connect(ConnectFor(IdFor("c")));
  EXPECT_EQ(connack, (mqtt::ConnAck{false, mqtt::kConnAckAccepted}));
  EXPECT_EQ(client.last_raw(), ConnAckBytes(false, 0));
  client.Disconnect();
}

TEST_F(MqttConnectTest, UnsupportedProtocolLevelIsRefusedWithCode1ThenClosed) {
  MqttClient client(mqtt_port());
  auto connect = ConnectFor(IdFor("c"));
  connect.level = 5;  // an MQTT 5 client
  client.Send(connect);
  ASSERT_TRUE(IsPacket(client.Read(), mqtt::ConnAck{false, 0x01}));
  EXPECT_EQ(client.last_raw(), ConnAckBytes(false, 0x01));
  EXPECT_TRUE(client.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttConnectTest, EmptyClientIdWithoutCleanSessionIsRefusedWithCode2ThenClosed) {
  MqttClient client(mqtt_port());
  client.Send(ConnectFor("", false));
  ASSERT_TRUE(IsPacket(client.Read(), mqtt::ConnAck{false, 0x02}));
  EXPECT_EQ(client.last_raw(), ConnAckBytes(false, 0x02));
  EXPECT_TRUE(client.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttConnectTest, EmptyClientIdWithCleanSessionIsAcceptedAndServed) {
  MqttClient client(mqtt_port());
  EXPECT_EQ(client.Connect(ConnectFor("", true)).return_code, mqtt::kConnAckAccepted);
  EXPECT_EQ(client.Subscribe("anon/" + IdFor("t"), 0), std::vector<uint8_t>{0});
  client.Publish("anon/" + IdFor("t"), "self", 0);
  EXPECT_TRUE(IsPacket(client.Read(), PublishOf("anon/" + IdFor("t"), "self")));
  client.Disconnect();
}

TEST_F(MqttConnectTest, UnknownProtocolNameClosesWithoutConnAck) {
  MqttClient client(mqtt_port());
  auto connect = ConnectFor(IdFor("c"));
  connect.protocol_name = "MQTX";
  client.Send(connect);
  EXPECT_TRUE(client.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttConnectTest, PacketBeforeConnectClosesWithoutAnswer) {
  MqttClient pinger(mqtt_port());
  ASSERT_TRUE(pinger.SendRaw(std::string("\xC0\x00", 2)));  // PINGREQ
  EXPECT_TRUE(pinger.ReadsEndOfStream());

  MqttClient subscriber(mqtt_port());
  subscriber.Send(mqtt::Subscribe{1, {{"a/#", 0}}});
  EXPECT_TRUE(subscriber.ReadsEndOfStream());

  MqttClient publisher(mqtt_port());
  publisher.Send(mqtt::Publish{"a/b", "early", 0, false, false, 0});
  EXPECT_TRUE(publisher.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttConnectTest, SecondConnectClosesTheConnection) {
  MqttClient client(mqtt_port());
  ASSERT_EQ(client.Connect(ConnectFor(IdFor("c"))).return_code, mqtt::kConnAckAccepted);
  client.Send(ConnectFor(IdFor("c")));
  EXPECT_TRUE(client.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttConnectTest, PingReqIsAnsweredWithPingResp) {
  auto client = Connected("c");
  ASSERT_TRUE(client->SendRaw(std::string("\xC0\x00", 2)));
  ASSERT_TRUE(IsPacket(client->Read(), mqtt::PingResp{}));
  EXPECT_EQ(client->last_raw(), std::string("\xD0\x00", 2));
  client->Disconnect();
}

TEST_F(MqttConnectTest, DisconnectMakesTheServerClose) {
  auto client = Connected("c");
  ASSERT_TRUE(client->SendRaw(std::string("\xE0\x00", 2)));
  EXPECT_TRUE(client->ReadsEndOfStream());
}

TEST_F(MqttConnectTest, SameClientIdTakesOverAndClosesTheOldConnection) {
  auto old_connection = Connected("same");
  ASSERT_EQ(old_connection->Subscribe("takeover/" + IdFor("t"), 0), std::vector<uint8_t>{0});

  auto new_connection = Connected("same");
  EXPECT_TRUE(old_connection->ReadsEndOfStream());
  // The new connection works; the clean session it asked for has none of the old filters.
  EXPECT_EQ(new_connection->Subscribe("takeover/" + IdFor("mine"), 0), std::vector<uint8_t>{0});
  auto publisher = Connected("pub");
  publisher->Publish("takeover/" + IdFor("t"), "old", 0);
  publisher->Publish("takeover/" + IdFor("mine"), "new", 0);
  EXPECT_TRUE(IsPacket(new_connection->Read(), PublishOf("takeover/" + IdFor("mine"), "new")));
  new_connection->Disconnect();
  publisher->Disconnect();
}

// Regression: CONNACK used to leave before the session was in the broker, so a takeover that
// followed it at once could reach the broker first and be taken over by the older connection.
TEST_F(MqttConnectTest, TakeoverRightAfterConnAckAlwaysClosesTheOlderConnection) {
  auto watcher = Connected("watcher");
  ASSERT_EQ(watcher->Subscribe("race/will", 0), std::vector<uint8_t>{0});
  constexpr int kRounds = 200;
  for (int round = 0; round < kRounds; ++round) {
    auto connect = ConnectFor(IdFor("racer"));
    connect.will = mqtt::Will{"race/will", std::to_string(round), 0, false};
    auto older = Connected(connect);
    auto newer = Connected(ConnectFor(IdFor("racer")));  // sent as soon as CONNACK came
    ASSERT_TRUE(older->ReadsEndOfStream()) << "round " << round;
    ASSERT_TRUE(IsPacket(watcher->Read(), PublishOf("race/will", std::to_string(round))))
        << "round " << round;
    newer->Disconnect();
  }
}

TEST_F(MqttConnectTest, Mqtt31ClientIsAcceptedAndServed) {
  MqttClient client(mqtt_port(), mqtt::kLevel31);
  auto connect = ConnectFor("mqtt31-client");
  connect.protocol_name = "MQIsdp";
  connect.level = mqtt::kLevel31;
  EXPECT_EQ(client.Connect(connect), (mqtt::ConnAck{false, mqtt::kConnAckAccepted}));
  EXPECT_EQ(client.Subscribe("v31/t", 1), std::vector<uint8_t>{1});
  Connected("pub")->Publish("v31/t", "hello", 1);
  ASSERT_TRUE(IsPacket(client.Read(), PublishOf("v31/t", "hello", 1, 1)));
  client.Send(AckOf(PacketType::kPubAck, 1));
  client.Disconnect();
}

TEST_F(MqttConnectTest, Mqtt31ClientIdOver23BytesIsRefusedWithCode2) {
  MqttClient client(mqtt_port(), mqtt::kLevel31);
  auto connect = ConnectFor(std::string(24, 'x'));
  connect.protocol_name = "MQIsdp";
  connect.level = mqtt::kLevel31;
  client.Send(connect);
  ASSERT_TRUE(IsPacket(client.Read(), mqtt::ConnAck{false, 0x02}));
  EXPECT_TRUE(client.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

}  // namespace
}  // namespace dh::test
