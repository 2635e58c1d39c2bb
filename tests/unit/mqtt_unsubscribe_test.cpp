// UNSUBSCRIBE (§3.10) byte by byte: flags, packet identifier, filters, and the encoder.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/unsubscribe.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::Cat;
using testing::FailsWith;
using testing::Str;
using testing::U16;

TEST(MqttUnsubscribe, DecodesFiltersInOrder) {
  auto unsubscribe = DecodeUnsubscribe(0x02, Cat({U16(3), Str("a/+"), Str("#")}), kLevel311);
  ASSERT_TRUE(unsubscribe) << unsubscribe.error().message;
  EXPECT_EQ(unsubscribe->packet_id, 3);
  EXPECT_EQ(unsubscribe->filters, (std::vector<std::string>{"a/+", "#"}));
}

TEST(MqttUnsubscribe, FlagsMustBe0010) {
  EXPECT_TRUE(FailsWith(DecodeUnsubscribe(0x00, Cat({U16(3), Str("a")}), kLevel311),
                        "UNSUBSCRIBE: reserved fixed header flags"));
}

TEST(MqttUnsubscribe, NoFilterIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeUnsubscribe(0x02, U16(3), kLevel311),
                        "UNSUBSCRIBE: no topic filter [MQTT-3.10.3-2]"));
}

TEST(MqttUnsubscribe, PacketIdZeroIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeUnsubscribe(0x02, Cat({U16(0), Str("a")}), kLevel311),
                        "packet identifier 0"));
}

TEST(MqttUnsubscribe, InvalidFiltersAreMalformed) {
  EXPECT_TRUE(
      FailsWith(DecodeUnsubscribe(0x02, Cat({U16(3), Str("a/#/b")}), kLevel311), "[MQTT-4.7.1-2]"));
  EXPECT_TRUE(FailsWith(DecodeUnsubscribe(0x02, Cat({U16(3), Str("")}), kLevel311), "empty"));
  EXPECT_TRUE(
      FailsWith(DecodeUnsubscribe(0x02, Cat({U16(3), Str("\xC0\x80")}), kLevel311), "overlong"));
}

TEST(MqttUnsubscribe, TruncatedFilterIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeUnsubscribe(0x02, Cat({U16(3), U16(2), {'a'}}), kLevel311),
                        "truncated topic filter"));
  EXPECT_TRUE(FailsWith(DecodeUnsubscribe(0x02, Cat({U16(3), Str("a"), {0}}), kLevel311),
                        "truncated topic filter length"));
}

TEST(MqttUnsubscribe, Encodes) {
  std::string out;
  EncodeUnsubscribe(Unsubscribe{.packet_id = 0x0203, .filters = {"a", "b/#"}}, out);
  EXPECT_EQ(testing::AsBytes(out), (Bytes{0xA2, 10, 2, 3, 0, 1, 'a', 0, 3, 'b', '/', '#'}));
}

}  // namespace
}  // namespace dh::mqtt
