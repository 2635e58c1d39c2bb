// PUBLISH (§3.3) byte by byte: the flags (DUP, QoS, RETAIN), the topic name rules, the packet
// identifier of QoS 1 and 2, the payload, and the encoder.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/publish.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::Cat;
using testing::FailsWith;
using testing::Raw;
using testing::Str;
using testing::U16;

TEST(MqttPublish, DecodesQos0WithoutPacketId) {
  auto publish = DecodePublish(0x00, Cat({Str("a/b"), Raw("hello")}), kLevel311);
  ASSERT_TRUE(publish) << publish.error().message;
  EXPECT_EQ(publish->topic, "a/b");
  EXPECT_EQ(publish->payload, "hello");
  EXPECT_EQ(publish->qos, 0);
  EXPECT_EQ(publish->packet_id, 0);
  EXPECT_FALSE(publish->retain);
  EXPECT_FALSE(publish->dup);
}

TEST(MqttPublish, DecodesQos1WithPacketId) {
  auto publish = DecodePublish(0x02, Cat({Str("a/b"), U16(10), Raw("x")}), kLevel311);
  ASSERT_TRUE(publish) << publish.error().message;
  EXPECT_EQ(publish->qos, 1);
  EXPECT_EQ(publish->packet_id, 10);
  EXPECT_EQ(publish->payload, "x");
}

TEST(MqttPublish, DecodesDupQos2Retain) {
  auto publish = DecodePublish(0x0D, Cat({Str("t"), U16(0xFFFF)}), kLevel311);
  ASSERT_TRUE(publish) << publish.error().message;
  EXPECT_TRUE(publish->dup);
  EXPECT_EQ(publish->qos, 2);
  EXPECT_TRUE(publish->retain);
  EXPECT_EQ(publish->packet_id, 0xFFFF);
  EXPECT_EQ(publish->payload, "");
}

TEST(MqttPublish, PayloadIsBinary) {
  const std::string payload("\0\xFF\xC0\x80", 4);
  auto publish = DecodePublish(0x00, Cat({Str("t"), Raw(payload)}), kLevel311);
  ASSERT_TRUE(publish) << publish.error().message;
  EXPECT_EQ(publish->payload, payload);
}

TEST(MqttPublish, Qos3IsMalformed) {
  EXPECT_TRUE(FailsWith(DecodePublish(0x06, Cat({Str("t"), U16(1)}), kLevel311),
                        "PUBLISH: QoS 3 [MQTT-3.3.1-4]"));
  EXPECT_TRUE(FailsWith(DecodePublish(0x06, Cat({Str("t"), U16(1)}), kLevel31), "QoS 3"));
}

TEST(MqttPublish, DupOnQos0IsMalformedOn311Only) {
  EXPECT_TRUE(FailsWith(DecodePublish(0x08, Str("t"), kLevel311), "[MQTT-3.3.1-2]"));
  EXPECT_TRUE(DecodePublish(0x08, Str("t"), kLevel31));
}

TEST(MqttPublish, PacketIdZeroIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodePublish(0x02, Cat({Str("t"), U16(0)}), kLevel311),
                        "packet identifier 0 [MQTT-2.3.1-1]"));
  EXPECT_TRUE(FailsWith(DecodePublish(0x04, Cat({Str("t"), U16(0)}), kLevel311), "identifier 0"));
}

TEST(MqttPublish, MissingPacketIdIsTruncated) {
  EXPECT_TRUE(
      FailsWith(DecodePublish(0x02, Str("t"), kLevel311), "PUBLISH: truncated packet identifier"));
  EXPECT_TRUE(FailsWith(DecodePublish(0x02, Cat({Str("t"), {0x01}}), kLevel311), "truncated"));
}

TEST(MqttPublish, TopicNameWithWildcardsIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodePublish(0x00, Str("a/+"), kLevel311), "[MQTT-3.3.2-2]"));
  EXPECT_TRUE(FailsWith(DecodePublish(0x00, Str("a/#"), kLevel311), "[MQTT-3.3.2-2]"));
}

TEST(MqttPublish, EmptyTopicNameIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodePublish(0x00, Str(""), kLevel311), "[MQTT-4.7.3-1]"));
}

TEST(MqttPublish, TopicNameMustBeUtf8WithoutNull) {
  EXPECT_TRUE(FailsWith(DecodePublish(0x00, Str(std::string("a\0b", 3)), kLevel311),
                        "topic name: U+0000 at byte 1"));
  EXPECT_TRUE(FailsWith(DecodePublish(0x00, Str("\xFF"), kLevel311), "topic name: invalid"));
}

TEST(MqttPublish, TruncatedTopicIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodePublish(0x00, Bytes{}, kLevel311), "truncated topic name length"));
  EXPECT_TRUE(FailsWith(DecodePublish(0x00, Bytes{0x00}, kLevel311), "truncated"));
  EXPECT_TRUE(
      FailsWith(DecodePublish(0x00, Cat({U16(5), Raw("abc")}), kLevel311), "truncated topic name"));
}

TEST(MqttPublish, EncodesQos1) {
  std::string out;
  EncodePublish(Publish{.topic = "a/b", .payload = "x", .qos = 1, .packet_id = 10}, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{0x32, 8, 0, 3, 'a', '/', 'b', 0, 10, 'x'}));
}

TEST(MqttPublish, EncodesQos0WithoutPacketIdEvenIfSet) {
  std::string out;
  EncodePublish(Publish{.topic = "t", .payload = "p", .retain = true, .packet_id = 7}, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{0x31, 4, 0, 1, 't', 'p'}));
}

TEST(MqttPublish, EncodesDupQos2) {
  std::string out;
  EncodePublish(Publish{.topic = "t", .qos = 2, .dup = true, .packet_id = 0x0102}, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{0x3C, 5, 0, 1, 't', 1, 2}));
}

TEST(MqttPublish, EncodesALongPayloadWithAMultiByteLength) {
  std::string out;
  EncodePublish(Publish{.topic = "t", .payload = std::string(200, 'z')}, out);
  ASSERT_EQ(out.size(), 1u + 2u + 3u + 200u);
  EXPECT_EQ(testing::AsBytes(out.substr(0, 3)), (Bytes{0x30, 0xCB, 0x01}));  // 203
}

}  // namespace
}  // namespace dh::mqtt
