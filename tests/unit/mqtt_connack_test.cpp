// CONNACK (§3.2) byte by byte: session present, return codes, reserved bits, 3.1's unused byte.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/connack.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::FailsWith;

TEST(MqttConnAck, DecodesSessionPresentAndReturnCode) {
  auto connack = DecodeConnAck(0, Bytes{0x01, 0x00}, kLevel311);
  ASSERT_TRUE(connack) << connack.error().message;
  EXPECT_TRUE(connack->session_present);
  EXPECT_EQ(connack->return_code, kConnAckAccepted);
  for (uint8_t code = 1; code <= 5; ++code) {
    auto refused = DecodeConnAck(0, Bytes{0x00, code}, kLevel311);
    ASSERT_TRUE(refused) << int{code};
    EXPECT_EQ(refused->return_code, code);
  }
}

TEST(MqttConnAck, ReservedReturnCodesAreMalformed) {
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{0x00, 0x06}, kLevel311), "reserved return code 6"));
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{0x00, 0xFF}, kLevel31), "reserved return code"));
}

TEST(MqttConnAck, ReservedAcknowledgeFlagsAreMalformedOn311) {
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{0x02, 0x00}, kLevel311), "reserved acknowledge"));
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{0x80, 0x00}, kLevel311), "reserved acknowledge"));
}

TEST(MqttConnAck, SessionPresentWithARefusalIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{0x01, 0x05}, kLevel311), "[MQTT-3.2.2-4]"));
}

TEST(MqttConnAck, Mqtt31IgnoresTheFirstByte) {
  auto connack = DecodeConnAck(0, Bytes{0xFF, 0x02}, kLevel31);
  ASSERT_TRUE(connack) << connack.error().message;
  EXPECT_FALSE(connack->session_present);
  EXPECT_EQ(connack->return_code, kConnAckIdentifierRejected);
}

TEST(MqttConnAck, BodyMustBeExactlyTwoBytes) {
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{}, kLevel311), "CONNACK: truncated acknowledge"));
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{0x00}, kLevel311), "truncated return code"));
  EXPECT_TRUE(FailsWith(DecodeConnAck(0, Bytes{0x00, 0x00, 0x00}, kLevel311),
                        "CONNACK: 1 unexpected bytes after the return code"));
}

TEST(MqttConnAck, FixedHeaderFlagsMustBeZero) {
  EXPECT_TRUE(FailsWith(DecodeConnAck(0x01, Bytes{0x00, 0x00}, kLevel311), "[MQTT-2.2.2-1]"));
}

TEST(MqttConnAck, Encodes) {
  std::string out;
  EncodeConnAck(ConnAck{.session_present = true}, out);
  EncodeConnAck(ConnAck{.return_code = kConnAckNotAuthorized}, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{0x20, 0x02, 0x01, 0x00, 0x20, 0x02, 0x00, 0x05}));
}

}  // namespace
}  // namespace dh::mqtt
