// Retained messages (§3.3.1.3): kept per topic, sent to each new matching subscription with
// RETAIN set [MQTT-3.3.1-6/8], forwarded to existing subscribers with RETAIN clear
// [MQTT-3.3.1-9], replaced by a newer one and cleared by an empty payload [MQTT-3.3.1-10/11].
#include <string>

#include "mqtt_test.hpp"

namespace dh::test {
namespace {

using mqtt::PacketType;

class MqttRetainedTest : public MqttTest {};

// Setup publishes use QoS 1: once PUBACKed, the message is stored before anyone subscribes.

TEST_F(MqttRetainedTest, RetainedMessageIsSentOnSubscribeWithRetainSet) {
  Connected("pub")->Publish("ret/a", "kept", 1, true);

  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("ret/a", 1), std::vector<uint8_t>{1});
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("ret/a", "kept", 1, 1, true)));
  EXPECT_EQ(subscriber->last_raw()[0], '\x33');  // PUBLISH, QoS 1, RETAIN
  subscriber->Send(AckOf(PacketType::kPubAck, 1));
}

TEST_F(MqttRetainedTest, LiveSubscribersGetTheRetainedMessageWithRetainClear) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("ret/live", 0), std::vector<uint8_t>{0});
  Connected("pub")->Publish("ret/live", "now", 0, true);
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("ret/live", "now")));
  EXPECT_EQ(subscriber->last_raw()[0], '\x30');
}

TEST_F(MqttRetainedTest, RetainedMessageIsSentAtTheLowerQos) {
  Connected("pub")->Publish("ret/qos", "q2", 2, true);
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("ret/qos", 0), std::vector<uint8_t>{0});
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("ret/qos", "q2", 0, 0, true)));
}

TEST_F(MqttRetainedTest, NewerRetainedMessageReplacesTheOlder) {
  auto publisher = Connected("pub");
  publisher->Publish("ret/replace", "first", 1, true);
  publisher->Publish("ret/replace", "second", 1, true);
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe({{"ret/replace", 0}, {"ret/replace/end", 0}}),
            (std::vector<uint8_t>{0, 0}));
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("ret/replace", "second", 0, 0, true)));
  publisher->Publish("ret/replace/end", "marker", 0);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("ret/replace/end", "marker")));
}

TEST_F(MqttRetainedTest, EmptyRetainedPayloadClearsTheTopicAndIsForwarded) {
  auto publisher = Connected("pub");
  publisher->Publish("ret/clear", "old", 1, true);
  auto live = Connected("live");
  ASSERT_EQ(live->Subscribe("ret/clear", 0), std::vector<uint8_t>{0});
  ASSERT_TRUE(IsPacket(live->Read(), PublishOf("ret/clear", "old", 0, 0, true)));

  publisher->Publish("ret/clear", "", 1, true);
  EXPECT_TRUE(IsPacket(live->Read(), PublishOf("ret/clear", "")));

  auto late = Connected("late");
  ASSERT_EQ(late->Subscribe({{"ret/clear", 0}, {"ret/clear/end", 0}}),
            (std::vector<uint8_t>{0, 0}));
  publisher->Publish("ret/clear/end", "marker", 0);
  EXPECT_TRUE(IsPacket(late->Read(), PublishOf("ret/clear/end", "marker")));
}

TEST_F(MqttRetainedTest, WildcardSubscriptionGetsEveryMatchingRetainedMessage) {
  auto publisher = Connected("pub");
  publisher->Publish("retw/a/1", "a1", 1, true);
  publisher->Publish("retw/a/2", "a2", 1, true);
  publisher->Publish("retw/b/1", "b1", 1, true);
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("retw/a/+", 0), std::vector<uint8_t>{0});
  // The store is ordered by topic, so the order is deterministic.
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("retw/a/1", "a1", 0, 0, true)));
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("retw/a/2", "a2", 0, 0, true)));
}

TEST_F(MqttRetainedTest, ResubscribingSendsTheRetainedMessageAgain) {
  Connected("pub")->Publish("ret/again", "r", 1, true);
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("ret/again", 0), std::vector<uint8_t>{0});
  ASSERT_TRUE(IsPacket(subscriber->Read(), PublishOf("ret/again", "r", 0, 0, true)));
  ASSERT_EQ(subscriber->Subscribe("ret/again", 0), std::vector<uint8_t>{0});
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("ret/again", "r", 0, 0, true)));
}

}  // namespace
}  // namespace dh::test
