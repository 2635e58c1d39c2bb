// Persistent sessions (clean session 0, §3.1.2.4, §4.4): subscriptions and QoS 1/2 messages
// outlive the connection; CONNACK says session present; unacknowledged PUBLISHes are resent
// with DUP and PUBRELs resent on reconnect [MQTT-4.4.0-1]; QoS 0 messages are not queued; a
// QoS 2 flow broken midway completes without a second delivery. Clean session 1 discards it all.
#include <string>

#include "mqtt_test.hpp"

namespace dh::test {
namespace {

using mqtt::PacketType;

class MqttPersistentSessionTest : public MqttTest {
 protected:
  // Connects IdFor(suffix) with clean session 0 and checks CONNACK's session present flag.
  static std::unique_ptr<MqttClient> Resume(const std::string& suffix, bool expect_present) {
    auto client = std::make_unique<MqttClient>(mqtt_port());
    const auto connack = client->Connect(ConnectFor(IdFor(suffix), false));
    EXPECT_EQ(connack, (mqtt::ConnAck{expect_present, mqtt::kConnAckAccepted}));
    return client;
  }
};

TEST_F(MqttPersistentSessionTest, FirstConnectOfAPersistentSessionHasNoSessionPresent) {
  auto client = Resume("fresh", false);
  EXPECT_EQ(client->last_raw(), std::string("\x20\x02\x00\x00", 4));
  client->Disconnect();
}

TEST_F(MqttPersistentSessionTest, SubscriptionsAndQueuedMessagesSurviveAReconnect) {
  auto subscriber = Resume("sub", false);
  ASSERT_EQ(subscriber->Subscribe("persist/t", 1), std::vector<uint8_t>{1});
  subscriber->Disconnect();

  auto publisher = Connected("pub");
  publisher->Publish("persist/t", "q1-a", 1);
  publisher->Publish("persist/t", "q0", 0);    // not queued for an absent client
  publisher->Publish("persist/t", "q1-b", 2);  // queued at the subscription's QoS 1

  subscriber = Resume("sub", true);
  EXPECT_EQ(subscriber->last_raw(), std::string("\x20\x02\x01\x00", 4));
  // Never sent before, so DUP is clear (§3.3.1.1); ids in queue order.
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/t", "q1-a", 1, 1)));
  subscriber->Send(AckOf(PacketType::kPubAck, 1));
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/t", "q1-b", 1, 2)));
  subscriber->Send(AckOf(PacketType::kPubAck, 2));
  // The subscription is still there: live messages arrive without subscribing again.
  publisher->Publish("persist/t", "live", 0);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/t", "live", 0)));
}

TEST_F(MqttPersistentSessionTest, UnacknowledgedQos1MessageIsResentWithDupAfterReconnect) {
  auto subscriber = Resume("sub", false);
  ASSERT_EQ(subscriber->Subscribe("persist/unacked", 1), std::vector<uint8_t>{1});
  Connected("pub")->Publish("persist/unacked", "ack me", 1);
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/unacked", "ack me", 1, 1)));
  subscriber->Drop();  // without PUBACK

  subscriber = Resume("sub", true);
  ASSERT_TRUE(
      IsPacket(subscriber->Read(), PublishOf("persist/unacked", "ack me", 1, 1, false, true)));
  EXPECT_EQ(subscriber->last_raw()[0], '\x3A');  // PUBLISH, DUP, QoS 1
  subscriber->Send(AckOf(PacketType::kPubAck, 1));
  subscriber->Disconnect();
  // Acknowledged now: the next resume resends nothing.
  subscriber = Resume("sub", true);
  subscriber->Send(mqtt::PingReq{});
  EXPECT_TRUE(IsPacket(subscriber->Read(), mqtt::PingResp{}));
}

TEST_F(MqttPersistentSessionTest, Qos2DeliveryBrokenBeforePubRecResendsThePublishWithDup) {
  auto subscriber = Resume("sub", false);
  ASSERT_EQ(subscriber->Subscribe("persist/q2a", 2), std::vector<uint8_t>{2});
  Connected("pub")->Publish("persist/q2a", "exactly once", 2);
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/q2a", "exactly once", 2, 1)));
  subscriber->Drop();

  subscriber = Resume("sub", true);
  ASSERT_TRUE(
      IsPacket(subscriber->Read(), PublishOf("persist/q2a", "exactly once", 2, 1, false, true)));
  subscriber->Send(AckOf(PacketType::kPubRec, 1));
  ASSERT_TRUE(IsPacket(subscriber->Read(), AckOf(PacketType::kPubRel, 1)));
  subscriber->Send(AckOf(PacketType::kPubComp, 1));
  subscriber->Disconnect();
}

TEST_F(MqttPersistentSessionTest, Qos2DeliveryBrokenAfterPubRecResumesWithPubRel) {
  auto subscriber = Resume("sub", false);
  ASSERT_EQ(subscriber->Subscribe("persist/q2b", 2), std::vector<uint8_t>{2});
  Connected("pub")->Publish("persist/q2b", "exactly once", 2);
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/q2b", "exactly once", 2, 1)));
  subscriber->Send(AckOf(PacketType::kPubRec, 1));
  ASSERT_TRUE(IsPacket(subscriber->Read(), AckOf(PacketType::kPubRel, 1)));
  subscriber->Drop();  // without PUBCOMP

  subscriber = Resume("sub", true);
  ASSERT_TRUE(IsPacket(subscriber->Read(), AckOf(PacketType::kPubRel, 1)));  // not the PUBLISH
  EXPECT_EQ(subscriber->last_raw(), std::string("\x62\x02\x00\x01", 4));
  subscriber->Send(AckOf(PacketType::kPubComp, 1));
  // The id is free again and the flow is over: the next message is new.
  Connected("pub")->Publish("persist/q2b", "next", 2);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/q2b", "next", 2, 2)));
}

TEST_F(MqttPersistentSessionTest, Qos2PublishBrokenBeforePubRelIsDeliveredOnce) {
  auto watcher = Connected("watcher");
  ASSERT_EQ(watcher->Subscribe("persist/q2in", 0), std::vector<uint8_t>{0});

  auto publisher = Resume("pub", false);
  publisher->Send(mqtt::Publish{"persist/q2in", "once", 2, false, false, 5});
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubRec, 5)));
  publisher->Drop();  // PUBREL never sent

  publisher = Resume("pub", true);
  publisher->Send(mqtt::Publish{"persist/q2in", "once", 2, false, true, 5});  // the retry
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubRec, 5)));
  publisher->Send(AckOf(PacketType::kPubRel, 5));
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubComp, 5)));
  publisher->Publish("persist/q2in", "marker", 0);

  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("persist/q2in", "once")));
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("persist/q2in", "marker")));
}

TEST_F(MqttPersistentSessionTest, TakeoverOfALiveSessionMovesItsFlowsToTheNewConnection) {
  auto old_connection = Resume("sub", false);
  ASSERT_EQ(old_connection->Subscribe("persist/takeover", 1), std::vector<uint8_t>{1});
  Connected("pub")->Publish("persist/takeover", "in flight", 1);
  ASSERT_TRUE(IsPacket(old_connection->Read(), PublishOf("persist/takeover", "in flight", 1, 1)));

  auto new_connection = Resume("sub", true);  // while the old connection is still open
  EXPECT_TRUE(old_connection->ReadsEndOfStream());
  ASSERT_TRUE(IsPacket(new_connection->Read(),
                       PublishOf("persist/takeover", "in flight", 1, 1, false, true)));
  new_connection->Send(AckOf(PacketType::kPubAck, 1));
  Connected("pub")->Publish("persist/takeover", "next", 1);
  EXPECT_TRUE(IsPacket(new_connection->Read(), PublishOf("persist/takeover", "next", 1, 2)));
}

TEST_F(MqttPersistentSessionTest, CleanSessionDiscardsTheStoredSession) {
  auto subscriber = Resume("sub", false);
  ASSERT_EQ(subscriber->Subscribe("persist/discard", 1), std::vector<uint8_t>{1});
  subscriber->Disconnect();
  Connected("pub")->Publish("persist/discard", "queued", 1);

  auto clean = Connected(ConnectFor(IdFor("sub"), true));
  EXPECT_EQ(clean->last_raw(), std::string("\x20\x02\x00\x00", 4));
  clean->Send(mqtt::PingReq{});
  EXPECT_TRUE(IsPacket(clean->Read(), mqtt::PingResp{}));  // no queued message came first
  clean->Disconnect();

  subscriber = Resume("sub", false);  // nothing left to resume
  Connected("pub")->Publish("persist/discard", "after", 1);
  subscriber->Send(mqtt::PingReq{});
  EXPECT_TRUE(IsPacket(subscriber->Read(), mqtt::PingResp{}));  // not subscribed any more
}

TEST_F(MqttPersistentSessionTest, QueuedMessagesBeyondTheInflightWindowAllArriveInOrder) {
  auto subscriber = Resume("sub", false);
  ASSERT_EQ(subscriber->Subscribe("persist/many", 1), std::vector<uint8_t>{1});
  subscriber->Disconnect();
  auto publisher = Connected("pub");
  constexpr int kCount = 100;  // more than the 32 in flight at a time
  for (int i = 0; i < kCount; ++i) publisher->Publish("persist/many", std::to_string(i), 1);

  subscriber = Resume("sub", true);
  for (int i = 0; i < kCount; ++i) {
    const auto id = static_cast<uint16_t>(i + 1);
    ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("persist/many", std::to_string(i), 1, id)))
        << i;
    subscriber->Send(AckOf(PacketType::kPubAck, id));
  }
}

}  // namespace
}  // namespace dh::test
