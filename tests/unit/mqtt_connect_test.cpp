// CONNECT (§3.1) byte by byte: the fields, each rule of the variable header and payload, the two
// refusals answered with a CONNACK (0x01 protocol version, 0x02 identifier), and the encoder.
#include <gtest/gtest.h>

#include <string>

#include "mqtt/codec/connect.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::Cat;
using testing::FailsWith;
using testing::Str;
using testing::U16;

// A CONNECT body: protocol name, level, connect flags, keep alive 60, then `payload`.
Bytes Body(uint8_t connect_flags, const Bytes& payload, std::string_view name = "MQTT",
           uint8_t level = kLevel311) {
  return Cat({Str(name), {level, connect_flags}, U16(60), payload});
}

// Client "c1", will "w/t" = "bye" at QoS 1 retained, user "user", password "pw".
const Bytes kFullBody = {0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0xEE, 0x00, 0x3C,  // header
                         0x00, 0x02, 'c', '1',                                    // client id
                         0x00, 0x03, 'w', '/', 't',                               // will topic
                         0x00, 0x03, 'b', 'y', 'e',                               // will message
                         0x00, 0x04, 'u', 's', 'e', 'r',                          // user name
                         0x00, 0x02, 'p', 'w'};                                   // password

TEST(MqttConnect, DecodesEveryField) {
  auto connect = DecodeConnect(0, kFullBody);
  ASSERT_TRUE(connect) << connect.error().message;
  EXPECT_EQ(connect->protocol_name, "MQTT");
  EXPECT_EQ(connect->level, kLevel311);
  EXPECT_TRUE(connect->clean_session);
  EXPECT_EQ(connect->keep_alive, 60);
  EXPECT_EQ(connect->client_id, "c1");
  ASSERT_TRUE(connect->will);
  EXPECT_EQ(connect->will->topic, "w/t");
  EXPECT_EQ(connect->will->payload, "bye");
  EXPECT_EQ(connect->will->qos, 1);
  EXPECT_TRUE(connect->will->retain);
  EXPECT_EQ(connect->username, "user");
  EXPECT_EQ(connect->password, "pw");
}

TEST(MqttConnect, EncodesTheSameBytes) {
  Connect connect{.keep_alive = 60,
                  .client_id = "c1",
                  .will = Will{.topic = "w/t", .payload = "bye", .qos = 1, .retain = true},
                  .username = "user",
                  .password = "pw"};
  std::string out;
  EncodeConnect(connect, out);
  EXPECT_EQ(testing::AsBytes(out),
            Cat({{0x10, static_cast<uint8_t>(kFullBody.size())}, kFullBody}));
}

TEST(MqttConnect, MinimalConnectHasNoWillUserOrPassword) {
  auto connect = DecodeConnect(0, Body(0x00, Str("c")));
  ASSERT_TRUE(connect) << connect.error().message;
  EXPECT_FALSE(connect->clean_session);
  EXPECT_FALSE(connect->will);
  EXPECT_FALSE(connect->username);
  EXPECT_FALSE(connect->password);
}

TEST(MqttConnect, DecodesMqtt31) {
  auto connect = DecodeConnect(0, Body(0x02, Str("old-client"), "MQIsdp", kLevel31));
  ASSERT_TRUE(connect) << connect.error().message;
  EXPECT_EQ(connect->protocol_name, "MQIsdp");
  EXPECT_EQ(connect->level, kLevel31);
}

TEST(MqttConnect, FixedHeaderFlagsMustBeZero) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0x01, Body(0x02, Str("c"))), "[MQTT-2.2.2-1]"));
  EXPECT_TRUE(FailsWith(DecodeConnect(0x08, Body(0x02, Str("c"), "MQIsdp", 3)), "flags"));
}

TEST(MqttConnect, UnknownProtocolNameIsMalformedNotRefused) {
  auto connect = DecodeConnect(0, Body(0x02, Str("c"), "MQTX"));
  EXPECT_TRUE(FailsWith(connect, "CONNECT: unknown protocol name"));
  EXPECT_EQ(ConnectRefusal(connect.error()), std::nullopt);
}

TEST(MqttConnect, OtherLevelIsRefusedWithUnacceptableProtocolVersion) {
  for (const auto& [name, level] :
       {std::pair<const char*, uint8_t>{"MQTT", 5}, {"MQTT", 3}, {"MQIsdp", 4}, {"MQTT", 0x84}}) {
    auto connect = DecodeConnect(0, Body(0x02, Str("c"), name, level));
    EXPECT_TRUE(FailsWith(connect, "unsupported protocol level")) << name << int{level};
    EXPECT_EQ(ConnectRefusal(connect.error()), kConnAckUnacceptableProtocolVersion);
  }
}

TEST(MqttConnect, LevelIsRefusedBeforeTheRestIsParsed) {
  // An MQTT 5 CONNECT has properties after the keep alive; the refusal must not depend on them.
  auto connect = DecodeConnect(0, Cat({Str("MQTT"), {5, 0x02}, U16(60), {0x05, 0x11}}));
  ASSERT_FALSE(connect);
  EXPECT_EQ(ConnectRefusal(connect.error()), kConnAckUnacceptableProtocolVersion);
}

TEST(MqttConnect, ReservedConnectFlagIsMalformedOn311) {
  auto connect = DecodeConnect(0, Body(0x03, Str("c")));
  EXPECT_TRUE(FailsWith(connect, "reserved connect flag set [MQTT-3.1.2-3]"));
  EXPECT_EQ(ConnectRefusal(connect.error()), std::nullopt);
  EXPECT_TRUE(DecodeConnect(0, Body(0x03, Str("c"), "MQIsdp", kLevel31)));  // unused on 3.1
}

TEST(MqttConnect, WillQosWithoutWillFlagIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x0A, Str("c"))), "[MQTT-3.1.2-13]"));
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x12, Str("c"))), "[MQTT-3.1.2-13]"));
}

TEST(MqttConnect, WillRetainWithoutWillFlagIsMalformed) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x22, Str("c"))), "[MQTT-3.1.2-15]"));
}

TEST(MqttConnect, WillQos3IsMalformed) {
  auto body = Body(0x1E, Cat({Str("c"), Str("w"), Str("m")}));
  EXPECT_TRUE(FailsWith(DecodeConnect(0, body), "will QoS 3 [MQTT-3.1.2-14]"));
}

TEST(MqttConnect, WillQos2IsDecoded) {
  auto connect = DecodeConnect(0, Body(0x16, Cat({Str("c"), Str("w"), Str("")})));
  ASSERT_TRUE(connect) << connect.error().message;
  EXPECT_EQ(connect->will->qos, 2);
  EXPECT_FALSE(connect->will->retain);
  EXPECT_EQ(connect->will->payload, "");
}

TEST(MqttConnect, WillTopicMustBeAValidTopicName) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x06, Cat({Str("c"), Str("w/#"), Str("m")}))),
                        "will topic name contains a wildcard"));
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x06, Cat({Str("c"), Str(""), Str("m")}))),
                        "will topic name is empty"));
}

TEST(MqttConnect, WillMessageIsBinary) {
  auto connect =
      DecodeConnect(0, Body(0x06, Cat({Str("c"), Str("w"), Str(std::string("\0\xFF", 2))})));
  ASSERT_TRUE(connect) << connect.error().message;
  EXPECT_EQ(connect->will->payload, std::string("\0\xFF", 2));
}

TEST(MqttConnect, PasswordWithoutUserNameIsMalformedOn311) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x42, Cat({Str("c"), Str("pw")}))),
                        "password flag without user name flag [MQTT-3.1.2-22]"));
}

TEST(MqttConnect, PasswordWithoutUserNameIsKeptOn31) {
  auto connect = DecodeConnect(0, Body(0x42, Cat({Str("c"), Str("pw")}), "MQIsdp", kLevel31));
  ASSERT_TRUE(connect) << connect.error().message;
  EXPECT_FALSE(connect->username);
  EXPECT_EQ(connect->password, "pw");
}

TEST(MqttConnect, PasswordIsBinaryAndUserNameIsUtf8) {
  auto binary = DecodeConnect(0, Body(0xC2, Cat({Str("c"), Str("u"), Str("\xFF\xFE")})));
  ASSERT_TRUE(binary) << binary.error().message;
  EXPECT_EQ(binary->password, "\xFF\xFE");
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x82, Cat({Str("c"), Str("\xFF")}))),
                        "user name: invalid UTF-8"));
}

TEST(MqttConnect, ClientIdMustBeUtf8WithoutNull) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x02, Str(std::string("a\0", 2)))),
                        "client identifier: U+0000 at byte 1 [MQTT-1.5.3-2]"));
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x02, Str("\xED\xA0\x80"))), "surrogate"));
}

TEST(MqttConnect, ProtocolNameMustBeUtf8) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Body(0x02, Str("c"), "MQ\xC0\x80")), "protocol name"));
}

TEST(MqttConnect, EmptyClientIdWithCleanSessionIsAccepted) {
  auto connect = DecodeConnect(0, Body(0x02, Str("")));
  ASSERT_TRUE(connect) << connect.error().message;
  EXPECT_EQ(connect->client_id, "");
}

TEST(MqttConnect, EmptyClientIdWithoutCleanSessionIsRefusedWithIdentifierRejected) {
  auto connect = DecodeConnect(0, Body(0x00, Str("")));
  EXPECT_TRUE(FailsWith(connect, "[MQTT-3.1.3-8]"));
  EXPECT_EQ(ConnectRefusal(connect.error()), kConnAckIdentifierRejected);
}

TEST(MqttConnect, IdentifierIsRejectedOnlyWhenThePacketIsWellFormed) {
  auto connect = DecodeConnect(0, Cat({Body(0x00, Str("")), {0x00}}));
  EXPECT_TRUE(FailsWith(connect, "unexpected bytes"));
  EXPECT_EQ(ConnectRefusal(connect.error()), std::nullopt);
}

TEST(MqttConnect, Mqtt31ClientIdMustBe1To23Bytes) {
  EXPECT_TRUE(DecodeConnect(0, Body(0x02, Str(std::string(23, 'x')), "MQIsdp", kLevel31)));
  for (const std::string& id : {std::string(), std::string(24, 'x')}) {
    auto connect = DecodeConnect(0, Body(0x02, Str(id), "MQIsdp", kLevel31));
    ASSERT_FALSE(connect) << id.size();
    EXPECT_EQ(ConnectRefusal(connect.error()), kConnAckIdentifierRejected);
  }
  EXPECT_TRUE(DecodeConnect(0, Body(0x02, Str(std::string(100, 'x')))));  // 3.1.1 MAY allow
}

TEST(MqttConnect, EveryTruncationIsMalformed) {
  for (size_t size = 0; size < kFullBody.size(); ++size) {
    auto connect = DecodeConnect(0, std::span(kFullBody).first(size));
    EXPECT_TRUE(FailsWith(connect, "CONNECT: truncated")) << size;
    EXPECT_EQ(ConnectRefusal(connect.error()), std::nullopt);
  }
}

TEST(MqttConnect, TrailingBytesAreMalformed) {
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Cat({kFullBody, {0x00}})),
                        "CONNECT: 1 unexpected bytes after the payload"));
  EXPECT_TRUE(FailsWith(DecodeConnect(0, Cat({Body(0x02, Str("c")), Str("u")})), "unexpected"));
}

TEST(MqttConnect, EncodesFlagsFromTheFields) {
  std::string out;
  EncodeConnect(Connect{.clean_session = false, .keep_alive = 0x1234, .client_id = "id"}, out);
  EXPECT_EQ(testing::AsBytes(out),
            (Bytes{0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x00, 0x12, 0x34, 0, 2, 'i', 'd'}));
  out.clear();
  EncodeConnect(Connect{.protocol_name = "MQIsdp",
                        .level = kLevel31,
                        .client_id = "i",
                        .will = Will{.topic = "t", .payload = "", .qos = 2},
                        .username = "u"},
                out);
  EXPECT_EQ(out[10], static_cast<char>(kLevel31));
  EXPECT_EQ(out[11], static_cast<char>(0x80 | 0x10 | 0x04 | 0x02));
}

}  // namespace
}  // namespace dh::mqtt
