// SUBACK (§3.9) byte by byte: return codes, 3.1's lack of the failure code, and the encoder.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/suback.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::FailsWith;

TEST(MqttSubAck, DecodesReturnCodes) {
  auto suback = DecodeSubAck(0, Bytes{0x00, 0x07, 0x00, 0x01, 0x02, 0x80}, kLevel311);
  ASSERT_TRUE(suback) << suback.error().message;
  EXPECT_EQ(suback->packet_id, 7);
  EXPECT_EQ(suback->codes, (std::vector<uint8_t>{0, 1, 2, kSubAckFailure}));
}

TEST(MqttSubAck, ReservedReturnCodesAreMalformed) {
  EXPECT_TRUE(FailsWith(DecodeSubAck(0, Bytes{0, 1, 0x03}, kLevel311), "reserved return code 3"));
  EXPECT_TRUE(FailsWith(DecodeSubAck(0, Bytes{0, 1, 0x81}, kLevel311), "[MQTT-3.9.3-2]"));
}

TEST(MqttSubAck, FailureCodeDoesNotExistOn31) {
  EXPECT_TRUE(FailsWith(DecodeSubAck(0, Bytes{0, 1, 0x80}, kLevel31), "reserved return code"));
}

TEST(MqttSubAck, NeedsAPacketIdAndAReturnCode) {
  EXPECT_TRUE(FailsWith(DecodeSubAck(0, Bytes{0, 1}, kLevel311), "SUBACK: no return code"));
  EXPECT_TRUE(FailsWith(DecodeSubAck(0, Bytes{0, 0, 0}, kLevel311), "packet identifier 0"));
  EXPECT_TRUE(FailsWith(DecodeSubAck(0, Bytes{0}, kLevel311), "truncated"));
  EXPECT_TRUE(FailsWith(DecodeSubAck(0x02, Bytes{0, 1, 0}, kLevel311), "[MQTT-2.2.2-1]"));
}

TEST(MqttSubAck, Encodes) {
  std::string out;
  EncodeSubAck(SubAck{.packet_id = 9, .codes = {1, kSubAckFailure}}, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{0x90, 4, 0, 9, 1, 0x80}));
}

}  // namespace
}  // namespace dh::mqtt
