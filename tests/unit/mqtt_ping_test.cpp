// PINGREQ, PINGRESP (§3.12-3.13) and DISCONNECT (§3.14): a fixed header and nothing else.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/disconnect.hpp"
#include "mqtt/codec/ping.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::FailsWith;

TEST(MqttPing, DecodesEmptyBodies) {
  EXPECT_TRUE(DecodePingReq(0, Bytes{}, kLevel311));
  EXPECT_TRUE(DecodePingResp(0, Bytes{}, kLevel311));
  EXPECT_TRUE(DecodeDisconnect(0, Bytes{}, kLevel311));
}

TEST(MqttPing, ABodyIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodePingReq(0, Bytes{0}, kLevel311),
                        "PINGREQ: 1 unexpected bytes after the fixed header"));
  EXPECT_TRUE(FailsWith(DecodePingResp(0, Bytes{0, 0}, kLevel311), "PINGRESP: 2 unexpected"));
  EXPECT_TRUE(FailsWith(DecodeDisconnect(0, Bytes{0}, kLevel31), "DISCONNECT: 1 unexpected"));
}

TEST(MqttPing, FlagsMustBeZeroOn311) {
  EXPECT_TRUE(FailsWith(DecodePingReq(0x01, Bytes{}, kLevel311), "[MQTT-2.2.2-1]"));
  EXPECT_TRUE(FailsWith(DecodePingResp(0x08, Bytes{}, kLevel311), "[MQTT-2.2.2-1]"));
  EXPECT_TRUE(FailsWith(DecodeDisconnect(0x02, Bytes{}, kLevel311), "[MQTT-2.2.2-1]"));
  EXPECT_TRUE(DecodeDisconnect(0x02, Bytes{}, kLevel31));
}

TEST(MqttPing, Encodes) {
  std::string out;
  EncodePingReq(PingReq{}, out);
  EncodePingResp(PingResp{}, out);
  EncodeDisconnect(Disconnect{}, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{0xC0, 0x00, 0xD0, 0x00, 0xE0, 0x00}));
}

}  // namespace
}  // namespace dh::mqtt
