// SUBSCRIBE (§3.8) byte by byte: flags, packet identifier, filters and requested QoS bytes.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/subscribe.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::Cat;
using testing::FailsWith;
using testing::Str;
using testing::U16;

TEST(MqttSubscribe, DecodesFiltersInOrder) {
  auto subscribe =
      DecodeSubscribe(0x02, Cat({U16(7), Str("a/+"), {0x01}, Str("#"), {0x02}}), kLevel311);
  ASSERT_TRUE(subscribe) << subscribe.error().message;
  EXPECT_EQ(subscribe->packet_id, 7);
  ASSERT_EQ(subscribe->filters.size(), 2u);
  EXPECT_EQ(subscribe->filters[0], (std::pair<std::string, uint8_t>{"a/+", 1}));
  EXPECT_EQ(subscribe->filters[1], (std::pair<std::string, uint8_t>{"#", 2}));
}

TEST(MqttSubscribe, FlagsMustBe0010) {
  const Bytes body = Cat({U16(1), Str("a"), {0x00}});
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x00, body, kLevel311), "SUBSCRIBE: reserved fixed"));
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x03, body, kLevel311), "[MQTT-2.2.2-1]"));
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x0A, body, kLevel311), "[MQTT-2.2.2-1]"));
  EXPECT_TRUE(DecodeSubscribe(0x0A, body, kLevel31));
}

TEST(MqttSubscribe, NoFilterIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, U16(1), kLevel311),
                        "SUBSCRIBE: no topic filter [MQTT-3.8.3-3]"));
}

TEST(MqttSubscribe, PacketIdZeroIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Cat({U16(0), Str("a"), {0x00}}), kLevel311),
                        "packet identifier 0"));
}

TEST(MqttSubscribe, RequestedQosAbove2IsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Cat({U16(1), Str("a"), {0x03}}), kLevel311),
                        "requested QoS byte 3 is not 0, 1 or 2"));
}

TEST(MqttSubscribe, ReservedBitsOfRequestedQosAreMalformed) {
  for (uint8_t byte : std::initializer_list<uint8_t>{0x04, 0x80, 0xFC}) {
    EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Cat({U16(1), Str("a"), {byte}}), kLevel311),
                          "[MQTT-3-8.3-4]"))
        << int{byte};
  }
}

TEST(MqttSubscribe, InvalidFiltersAreMalformed) {
  for (const char* filter : {"a/#/b", "a+", "", "a#"}) {
    EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Cat({U16(1), Str(filter), {0x00}}), kLevel311),
                          "SUBSCRIBE: topic filter"))
        << filter;
  }
  EXPECT_TRUE(
      FailsWith(DecodeSubscribe(0x02, Cat({U16(1), Str(std::string(1, '\0')), {0}}), kLevel311),
                "topic filter: U+0000"));
}

TEST(MqttSubscribe, AnInvalidLaterFilterRejectsTheWholePacket) {
  EXPECT_FALSE(DecodeSubscribe(0x02, Cat({U16(1), Str("ok"), {0}, Str("bad#"), {0}}), kLevel311));
}

TEST(MqttSubscribe, TruncationsAreMalformed) {
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Bytes{0x00}, kLevel311), "truncated packet id"));
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Cat({U16(1), Str("a")}), kLevel311),
                        "truncated requested QoS"));
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Cat({U16(1), U16(4), {'a'}}), kLevel311),
                        "truncated topic filter"));
  EXPECT_TRUE(FailsWith(DecodeSubscribe(0x02, Cat({U16(1), Str("a"), {0}, {0}}), kLevel311),
                        "truncated topic filter length"));
}

TEST(MqttSubscribe, Encodes) {
  std::string out;
  EncodeSubscribe(Subscribe{.packet_id = 0x0102, .filters = {{"a/b", 1}, {"#", 0}}}, out);
  EXPECT_EQ(testing::AsBytes(out),
            (Bytes{0x82, 12, 0x01, 0x02, 0, 3, 'a', '/', 'b', 1, 0, 1, '#', 0}));
}

}  // namespace
}  // namespace dh::mqtt
