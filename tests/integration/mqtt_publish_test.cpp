// PUBLISH from one client to another at QoS 0, 1 and 2 (§3.3-§3.7, §4.3), byte by byte: the
// publisher's PUBACK or PUBREC/PUBREL/PUBCOMP, the subscriber's copy at the lower of the two
// QoS levels with a packet id of the server's, and the server's side of the subscriber's flow.
#include <string>

#include "mqtt_test.hpp"

namespace dh::test {
namespace {

using mqtt::PacketType;

class MqttPublishTest : public MqttTest {};

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out.push_back(static_cast<char>(value));
  return out;
}

TEST_F(MqttPublishTest, Qos0MessageReachesTheSubscriberAsIs) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("q0/t", 0), std::vector<uint8_t>{0});
  auto publisher = Connected("pub");
  publisher->Send(mqtt::Publish{"q0/t", "hey", 0, false, false, 0});

  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("q0/t", "hey")));
  // 0x30, length 9, topic "q0/t", payload "hey": no packet id at QoS 0.
  EXPECT_EQ(subscriber->last_raw(), Bytes({0x30, 9, 0, 4, 'q', '0', '/', 't', 'h', 'e', 'y'}));
}

TEST_F(MqttPublishTest, Qos1IsAcknowledgedWithPubAckAndDeliveredWithAPacketId) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("q1/t", 1), std::vector<uint8_t>{1});
  auto publisher = Connected("pub");
  publisher->Send(mqtt::Publish{"q1/t", "one", 1, false, false, 0x1234});
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubAck, 0x1234)));
  EXPECT_EQ(publisher->last_raw(), Bytes({0x40, 2, 0x12, 0x34}));

  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("q1/t", "one", 1, 1)));
  EXPECT_EQ(subscriber->last_raw(),
            Bytes({0x32, 11, 0, 4, 'q', '1', '/', 't', 0, 1, 'o', 'n', 'e'}));
  subscriber->Send(AckOf(PacketType::kPubAck, 1));
  // The next message takes the next id.
  publisher->Publish("q1/t", "two", 1);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("q1/t", "two", 1, 2)));
}

TEST_F(MqttPublishTest, Qos2RunsPubRecPubRelPubCompOnBothSides) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("q2/t", 2), std::vector<uint8_t>{2});
  auto publisher = Connected("pub");

  publisher->Send(mqtt::Publish{"q2/t", "two", 2, false, false, 7});
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubRec, 7)));
  EXPECT_EQ(publisher->last_raw(), Bytes({0x50, 2, 0, 7}));
  publisher->Send(AckOf(PacketType::kPubRel, 7));
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubComp, 7)));
  EXPECT_EQ(publisher->last_raw(), Bytes({0x70, 2, 0, 7}));

  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("q2/t", "two", 2, 1)));
  EXPECT_EQ(subscriber->last_raw()[0], '\x34');
  subscriber->Send(AckOf(PacketType::kPubRec, 1));
  ASSERT_TRUE(IsPacket(subscriber->Read(), AckOf(PacketType::kPubRel, 1)));
  EXPECT_EQ(subscriber->last_raw(), Bytes({0x62, 2, 0, 1}));  // PUBREL flags are 0b0010
  subscriber->Send(AckOf(PacketType::kPubComp, 1));
  subscriber->Send(mqtt::PingReq{});  // the flow is done: nothing but the PINGRESP follows
  EXPECT_TRUE(IsPacket(subscriber->Read(), mqtt::PingResp{}));
}

TEST_F(MqttPublishTest, Qos2RetransmissionBeforePubRelIsDeliveredOnce) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("q2dup/t", 0), std::vector<uint8_t>{0});
  auto publisher = Connected("pub");
  publisher->Send(mqtt::Publish{"q2dup/t", "once", 2, false, false, 9});
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubRec, 9)));
  publisher->Send(mqtt::Publish{"q2dup/t", "once", 2, false, true, 9});  // DUP: PUBREC was lost
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubRec, 9)));
  publisher->Send(AckOf(PacketType::kPubRel, 9));
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubComp, 9)));
  // Released: the same id now starts a new message.
  publisher->Send(mqtt::Publish{"q2dup/t", "again", 2, false, false, 9});
  ASSERT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubRec, 9)));

  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("q2dup/t", "once")));
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("q2dup/t", "again")));
}

TEST_F(MqttPublishTest, DeliveryQosIsTheLowerOfPublishAndSubscription) {
  auto low = Connected("low");
  ASSERT_EQ(low->Subscribe("qos/t", 0), std::vector<uint8_t>{0});
  auto high = Connected("high");
  ASSERT_EQ(high->Subscribe("qos/t", 2), std::vector<uint8_t>{2});
  auto publisher = Connected("pub");
  publisher->Publish("qos/t", "at 1", 1);

  EXPECT_TRUE(IsPacket(low->Read(), PublishOf("qos/t", "at 1", 0)));
  EXPECT_TRUE(IsPacket(high->Read(), PublishOf("qos/t", "at 1", 1, 1)));
}

TEST_F(MqttPublishTest, PublisherSubscribedToItsOwnTopicGetsItsMessage) {
  auto client = Connected("self");
  ASSERT_EQ(client->Subscribe("self/t", 1), std::vector<uint8_t>{1});
  client->Send(mqtt::Publish{"self/t", "echo", 1, false, false, 3});
  // The copy is queued while the PUBLISH is handled, so it precedes the PUBACK.
  EXPECT_TRUE(IsPacket(client->Read(), PublishOf("self/t", "echo", 1, 1)));
  EXPECT_TRUE(IsPacket(client->Read(), AckOf(PacketType::kPubAck, 3)));
}

TEST_F(MqttPublishTest, Qos1MessagesArriveInPublishOrder) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("order/t", 1), std::vector<uint8_t>{1});
  auto publisher = Connected("pub");
  constexpr int kCount = 100;
  for (int i = 0; i < kCount; ++i) publisher->Publish("order/t", std::to_string(i), 1);
  for (int i = 0; i < kCount; ++i) {
    const auto id = static_cast<uint16_t>(i + 1);
    ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("order/t", std::to_string(i), 1, id)));
    subscriber->Send(AckOf(PacketType::kPubAck, id));
  }
}

TEST_F(MqttPublishTest, AtMost32UnacknowledgedMessagesAreInFlightToASubscriber) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("window/t", 1), std::vector<uint8_t>{1});
  auto publisher = Connected("pub");
  constexpr uint16_t kWindow = 32;  // SessionLimits::max_inflight
  for (int i = 0; i < kWindow + 8; ++i) publisher->Publish("window/t", std::to_string(i), 1);
  for (uint16_t id = 1; id <= kWindow; ++id) {
    ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("window/t", std::to_string(id - 1), 1, id)));
  }
  // Every message was routed before its PUBACK; the rest wait for a free slot, so the PINGRESP
  // comes next.
  subscriber->Send(mqtt::PingReq{});
  ASSERT_TRUE(IsPacket(subscriber->Read(), mqtt::PingResp{}));
  subscriber->Send(AckOf(PacketType::kPubAck, 5));
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("window/t", std::to_string(kWindow), 1, 33)));
}

TEST_F(MqttPublishTest, EmptyPayloadIsDelivered) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("empty/t", 0), std::vector<uint8_t>{0});
  Connected("pub")->Publish("empty/t", "", 1);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("empty/t", "")));
}

}  // namespace
}  // namespace dh::test
