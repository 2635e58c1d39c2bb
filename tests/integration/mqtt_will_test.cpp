// Last will (§3.1.2.5): published when the connection ends without DISCONNECT — dropped, closed
// for a protocol error, or taken over — with its QoS and RETAIN; discarded on DISCONNECT
// [MQTT-3.1.2-8/10]. Negative checks publish a marker after the end: the will, had it been sent,
// is routed while the connection ends, before the marker is.
#include <string>

#include "mqtt_test.hpp"

namespace dh::test {
namespace {

using mqtt::PacketType;

class MqttWillTest : public MqttTest {
 protected:
  // A CONNECT for IdFor(suffix) with a will on `topic`.
  static mqtt::Connect WithWill(const std::string& suffix, const std::string& topic,
                                uint8_t qos = 0, bool retain = false) {
    auto connect = ConnectFor(IdFor(suffix));
    connect.will = mqtt::Will{topic, "gone:" + suffix, qos, retain};
    return connect;
  }
  // A client subscribed to `filter` at QoS 1.
  static std::unique_ptr<MqttClient> Watching(const std::string& filter) {
    auto watcher = Connected("watcher");
    EXPECT_EQ(watcher->Subscribe(filter, 1), std::vector<uint8_t>{1});
    return watcher;
  }
};

TEST_F(MqttWillTest, WillIsPublishedWhenTheConnectionDrops) {
  auto watcher = Watching("will/drop");
  auto client = Connected(WithWill("dying", "will/drop"));
  client->Drop();
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("will/drop", "gone:dying")));
}

TEST_F(MqttWillTest, WillIsNotPublishedAfterDisconnect) {
  auto watcher = Watching("will/clean");
  auto client = Connected(WithWill("polite", "will/clean"));
  client->Disconnect();
  Connected("marker")->Publish("will/clean", "marker", 1);
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("will/clean", "marker", 1, 1)));
}

// Regression: the connection used to close its socket before telling the broker about the
// DISCONNECT, so a client reconnecting at once took its own session over, will included.
TEST_F(MqttWillTest, ReconnectRightAfterDisconnectDoesNotPublishTheWill) {
  auto watcher = Watching("will/reconnect");
  constexpr int kRounds = 200;
  for (int round = 0; round < kRounds; ++round) {
    auto client = Connected(WithWill("again", "will/reconnect"));
    client->Disconnect();
    client = Connected(ConnectFor(IdFor("again")));  // sent as soon as the server closed
    client->Publish("will/reconnect", std::to_string(round), 1);
    ASSERT_TRUE(IsPacket(watcher->Read(), PublishOf("will/reconnect", std::to_string(round), 1,
                                                    static_cast<uint16_t>(round + 1))))
        << "round " << round;
    watcher->Send(AckOf(PacketType::kPubAck, static_cast<uint16_t>(round + 1)));
    client->Disconnect();
  }
}

TEST_F(MqttWillTest, WillKeepsItsQosAndRetainFlag) {
  auto watcher = Watching("will/retained");
  auto client = Connected(WithWill("retaining", "will/retained", 1, true));
  client->Drop();
  // Live: RETAIN clear, QoS 1.
  ASSERT_TRUE(IsPacket(watcher->Read(), PublishOf("will/retained", "gone:retaining", 1, 1)));
  watcher->Send(AckOf(PacketType::kPubAck, 1));
  // Retained for later subscribers.
  auto late = Connected("late");
  ASSERT_EQ(late->Subscribe("will/retained", 1), std::vector<uint8_t>{1});
  EXPECT_TRUE(IsPacket(late->Read(), PublishOf("will/retained", "gone:retaining", 1, 1, true)));
}

TEST_F(MqttWillTest, WillIsPublishedWhenAProtocolErrorClosesTheConnection) {
  auto watcher = Watching("will/violation");
  auto client = Connected(WithWill("violator", "will/violation"));
  client->Send(mqtt::Publish{"will/+", "wildcard topic", 0, false, false, 0});
  EXPECT_TRUE(client->ReadsEndOfStream());
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("will/violation", "gone:violator")));
}

TEST_F(MqttWillTest, TakeoverPublishesTheOldConnectionsWill) {
  auto watcher = Watching("will/takeover");
  auto old_connection = Connected(WithWill("same", "will/takeover"));
  auto new_connection = Connected(ConnectFor(IdFor("same")));
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("will/takeover", "gone:same")));
  EXPECT_TRUE(old_connection->ReadsEndOfStream());
  // The new connection has no will: its DISCONNECT-less end publishes nothing.
  new_connection->Drop();
  Connected("marker")->Publish("will/takeover", "marker", 1);
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("will/takeover", "marker", 1, 1)));
}

}  // namespace
}  // namespace dh::test
