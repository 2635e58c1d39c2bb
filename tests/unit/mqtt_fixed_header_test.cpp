// The MQTT fixed header (§2.2) byte by byte: Remaining Length varint boundaries, incomplete
// headers, reserved packet types, and the reserved flag bits of each packet type.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::FailsWith;

struct Boundary {
  uint32_t value;
  Bytes encoded;
};

// The table of §2.2.3: the edges of the 1, 2, 3 and 4 byte ranges.
const Boundary kBoundaries[] = {
    {0, {0x00}},
    {127, {0x7F}},
    {128, {0x80, 0x01}},
    {16'383, {0xFF, 0x7F}},
    {16'384, {0x80, 0x80, 0x01}},
    {2'097'151, {0xFF, 0xFF, 0x7F}},
    {2'097'152, {0x80, 0x80, 0x80, 0x01}},
    {268'435'455, {0xFF, 0xFF, 0xFF, 0x7F}},
};

TEST(MqttRemainingLength, EncodesTheBoundariesOfEachSize) {
  for (const auto& [value, encoded] : kBoundaries) {
    std::string out;
    AppendRemainingLength(value, out);
    EXPECT_EQ(testing::AsBytes(out), encoded) << value;
    EXPECT_EQ(RemainingLengthSize(value), encoded.size()) << value;
  }
}

TEST(MqttRemainingLength, DecodesTheBoundariesOfEachSize) {
  for (const auto& [value, encoded] : kBoundaries) {
    auto decoded = DecodeRemainingLength(encoded);
    ASSERT_TRUE(decoded && *decoded) << value;
    EXPECT_EQ((*decoded)->value, value);
    EXPECT_EQ((*decoded)->size, encoded.size());
  }
}

TEST(MqttRemainingLength, IgnoresBytesAfterTheLastOne) {
  auto decoded = DecodeRemainingLength(Bytes{0x80, 0x01, 0xFF, 0xFF});
  ASSERT_TRUE(decoded && *decoded);
  EXPECT_EQ((*decoded)->value, 128u);
  EXPECT_EQ((*decoded)->size, 2u);
}

TEST(MqttRemainingLength, FiveBytesAreMalformed) {
  EXPECT_TRUE(
      FailsWith(DecodeRemainingLength(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x7F}), "more than 4 bytes"));
}

TEST(MqttRemainingLength, AFourthContinuationBitIsMalformedBeforeTheFifthByteArrives) {
  EXPECT_TRUE(FailsWith(DecodeRemainingLength(Bytes{0x80, 0x80, 0x80, 0x80}), "more than 4"));
}

TEST(MqttRemainingLength, IncompleteVarintNeedsMore) {
  for (const Bytes& prefix : {Bytes{}, Bytes{0x80}, Bytes{0xFF, 0xFF}, Bytes{0x80, 0x80, 0x80}}) {
    auto decoded = DecodeRemainingLength(prefix);
    ASSERT_TRUE(decoded);
    EXPECT_FALSE(*decoded) << prefix.size();
  }
}

TEST(MqttRemainingLength, NonMinimalEncodingIsAccepted) {
  auto decoded = DecodeRemainingLength(Bytes{0x80, 0x00});
  ASSERT_TRUE(decoded && *decoded);
  EXPECT_EQ((*decoded)->value, 0u);
  EXPECT_EQ((*decoded)->size, 2u);
}

TEST(MqttRemainingLength, EncodingOverTheMaximumIsABug) {
  std::string out;
  EXPECT_THROW(AppendRemainingLength(268'435'456, out), std::length_error);
  EXPECT_THROW(AppendFixedHeader(PacketType::kPublish, 0, 268'435'456, out), std::length_error);
}

TEST(MqttFixedHeader, ParsesTypeFlagsLengthAndSize) {
  auto header = ParseFixedHeader(Bytes{0x3B, 0x80, 0x01, 0xAA});
  ASSERT_TRUE(header && *header);
  EXPECT_EQ((*header)->type, PacketType::kPublish);
  EXPECT_EQ((*header)->flags, 0x0B);
  EXPECT_EQ((*header)->remaining_length, 128u);
  EXPECT_EQ((*header)->header_size, 3u);
}

TEST(MqttFixedHeader, LargestHeaderIsFiveBytes) {
  auto header = ParseFixedHeader(Bytes{0x30, 0xFF, 0xFF, 0xFF, 0x7F});
  ASSERT_TRUE(header && *header);
  EXPECT_EQ((*header)->remaining_length, kMaxRemainingLength);
  EXPECT_EQ((*header)->header_size, 5u);
}

TEST(MqttFixedHeader, IncompleteHeaderNeedsMore) {
  for (const Bytes& prefix : {Bytes{}, Bytes{0x30}, Bytes{0x30, 0x80}}) {
    auto header = ParseFixedHeader(prefix);
    ASSERT_TRUE(header);
    EXPECT_FALSE(*header) << prefix.size();
  }
}

TEST(MqttFixedHeader, ReservedPacketTypesAreMalformed) {
  EXPECT_TRUE(FailsWith(ParseFixedHeader(Bytes{0x00, 0x00}), "reserved packet type 0"));
  EXPECT_TRUE(FailsWith(ParseFixedHeader(Bytes{0xF0, 0x00}), "reserved packet type 15"));
}

TEST(MqttFixedHeader, FiveByteLengthIsMalformed) {
  EXPECT_TRUE(FailsWith(ParseFixedHeader(Bytes{0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}), "4 bytes"));
}

TEST(MqttFixedHeader, AppendWritesTypeFlagsAndLength) {
  std::string out = "x";
  AppendFixedHeader(PacketType::kSubscribe, 0x02, 200, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{'x', 0x82, 0xC8, 0x01}));
}

TEST(MqttFixedHeaderFlags, QosOnePacketsNeedFlags0010On311) {
  for (PacketType type : {PacketType::kPubRel, PacketType::kSubscribe, PacketType::kUnsubscribe}) {
    EXPECT_TRUE(CheckFlags(type, 0x02, kLevel311)) << PacketTypeName(type);
    for (uint8_t flags : std::initializer_list<uint8_t>{0x00, 0x01, 0x03, 0x04, 0x0A}) {
      EXPECT_TRUE(FailsWith(CheckFlags(type, flags, kLevel311), "[MQTT-2.2.2-1]"))
          << PacketTypeName(type) << " " << int{flags};
    }
  }
}

TEST(MqttFixedHeaderFlags, OtherPacketsNeedFlagsZeroOn311) {
  for (PacketType type :
       {PacketType::kConnect, PacketType::kConnAck, PacketType::kPubAck, PacketType::kPubRec,
        PacketType::kPubComp, PacketType::kSubAck, PacketType::kUnsubAck, PacketType::kPingReq,
        PacketType::kPingResp, PacketType::kDisconnect}) {
    EXPECT_TRUE(CheckFlags(type, 0x00, kLevel311)) << PacketTypeName(type);
    for (uint8_t flags : std::initializer_list<uint8_t>{0x01, 0x02, 0x04, 0x08}) {
      EXPECT_FALSE(CheckFlags(type, flags, kLevel311)) << PacketTypeName(type) << int{flags};
    }
  }
}

TEST(MqttFixedHeaderFlags, Mqtt31AllowsDupOnQosOnePacketsAndIgnoresOthers) {
  EXPECT_TRUE(CheckFlags(PacketType::kSubscribe, 0x0A, kLevel31));
  EXPECT_TRUE(CheckFlags(PacketType::kPubRel, 0x02, kLevel31));
  EXPECT_FALSE(CheckFlags(PacketType::kUnsubscribe, 0x00, kLevel31));
  EXPECT_FALSE(CheckFlags(PacketType::kPubRel, 0x03, kLevel31));
  EXPECT_TRUE(CheckFlags(PacketType::kPubAck, 0x0F, kLevel31));
  EXPECT_TRUE(CheckFlags(PacketType::kPingReq, 0x02, kLevel31));
  EXPECT_FALSE(CheckFlags(PacketType::kConnect, 0x01, kLevel31));
}

TEST(MqttFixedHeaderFlags, ErrorNamesThePacketAndTheFlags) {
  auto status = CheckFlags(PacketType::kSubscribe, 0x00, kLevel311);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message,
            "SUBSCRIBE: reserved fixed header flags 0x0 must be 0x2 [MQTT-2.2.2-1]");
  EXPECT_EQ(status.error().code, core::Errc::kBadRequest);
}

}  // namespace
}  // namespace dh::mqtt
