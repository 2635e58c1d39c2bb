// PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK (§3.4-3.7, §3.11) byte by byte: the shared 2-byte
// packet identifier body, PUBREL's 0b0010 flags, and the encoder.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/ack.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::FailsWith;

struct AckCase {
  PacketType type;
  uint8_t byte0;  // type nibble and flags
};

constexpr AckCase kAcks[] = {
    {PacketType::kPubAck, 0x40},  {PacketType::kPubRec, 0x50},   {PacketType::kPubRel, 0x62},
    {PacketType::kPubComp, 0x70}, {PacketType::kUnsubAck, 0xB0},
};

TEST(MqttAck, DecodesThePacketIdOfEachType) {
  for (const auto& [type, byte0] : kAcks) {
    auto ack = DecodeAck(type, byte0 & 0x0F, Bytes{0x12, 0x34}, kLevel311);
    ASSERT_TRUE(ack) << PacketTypeName(type) << ": " << ack.error().message;
    EXPECT_EQ(ack->type, type);
    EXPECT_EQ(ack->packet_id, 0x1234);
  }
}

TEST(MqttAck, EncodesEachType) {
  for (const auto& [type, byte0] : kAcks) {
    std::string out;
    EncodeAck(Ack{.type = type, .packet_id = 0x0A0B}, out);
    EXPECT_EQ(testing::AsBytes(out), (Bytes{byte0, 0x02, 0x0A, 0x0B})) << PacketTypeName(type);
  }
}

TEST(MqttAck, PubRelNeedsFlags0010) {
  EXPECT_TRUE(FailsWith(DecodeAck(PacketType::kPubRel, 0x00, Bytes{0, 1}, kLevel311),
                        "PUBREL: reserved fixed header flags 0x0 must be 0x2"));
  EXPECT_TRUE(DecodeAck(PacketType::kPubRel, 0x0A, Bytes{0, 1}, kLevel31));  // 3.1 retry DUP
}

TEST(MqttAck, OtherAcksNeedFlagsZero) {
  for (PacketType type :
       {PacketType::kPubAck, PacketType::kPubRec, PacketType::kPubComp, PacketType::kUnsubAck}) {
    EXPECT_TRUE(FailsWith(DecodeAck(type, 0x02, Bytes{0, 1}, kLevel311), "[MQTT-2.2.2-1]"))
        << PacketTypeName(type);
  }
}

TEST(MqttAck, PacketIdZeroIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeAck(PacketType::kPubAck, 0, Bytes{0, 0}, kLevel311),
                        "PUBACK: packet identifier 0 [MQTT-2.3.1-1]"));
}

TEST(MqttAck, BodyMustBeExactlyTwoBytes) {
  EXPECT_TRUE(FailsWith(DecodeAck(PacketType::kPubRec, 0, Bytes{}, kLevel311),
                        "PUBREC: truncated packet identifier"));
  EXPECT_TRUE(FailsWith(DecodeAck(PacketType::kPubComp, 0, Bytes{0x01}, kLevel311), "truncated"));
  EXPECT_TRUE(FailsWith(DecodeAck(PacketType::kUnsubAck, 0, Bytes{0, 1, 0}, kLevel311),
                        "UNSUBACK: 1 unexpected bytes after the packet identifier"));
}

TEST(MqttAck, OtherTypesAreNotAcks) {
  EXPECT_FALSE(IsAck(PacketType::kSubAck));
  EXPECT_TRUE(FailsWith(DecodeAck(PacketType::kSubAck, 0, Bytes{0, 1}, kLevel311),
                        "not an acknowledgement"));
}

}  // namespace
}  // namespace dh::mqtt
