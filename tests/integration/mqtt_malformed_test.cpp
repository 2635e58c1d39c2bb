// Misbehaving clients (§1.5.3, §2.2.3, §3.3.2, §4.8): each malformed packet closes that client's
// connection without an answer, the server does not crash, and other clients keep working.
#include <string>

#include "mqtt/codec/codec.hpp"
#include "mqtt_test.hpp"

namespace dh::test {
namespace {

class MqttMalformedTest : public MqttTest {
 protected:
  // A connected client that sends `bytes` and must then see the server close the connection.
  static ::testing::AssertionResult ClosesOn(const std::string& bytes) {
    auto client = Connected("bad");
    if (!client->SendRaw(bytes)) return ::testing::AssertionFailure() << "could not send";
    if (!client->ReadsEndOfStream()) {
      return ::testing::AssertionFailure() << "the connection stayed open (or got an answer)";
    }
    return ::testing::AssertionSuccess();
  }
};

std::string Bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) out.push_back(static_cast<char>(value));
  return out;
}

TEST_F(MqttMalformedTest, WildcardInAPublishTopicCloses) {
  EXPECT_TRUE(ClosesOn(Bytes({0x30, 5, 0, 3, 'a', '/', '+'})));
  EXPECT_TRUE(ClosesOn(Bytes({0x30, 3, 0, 1, '#'})));
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, EmptyPublishTopicCloses) {
  EXPECT_TRUE(ClosesOn(Bytes({0x30, 2, 0, 0})));
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, InvalidUtf8InATopicCloses) {
  EXPECT_TRUE(ClosesOn(Bytes({0x30, 4, 0, 2, 0xC3, 0x28})));        // a broken 2-byte sequence
  EXPECT_TRUE(ClosesOn(Bytes({0x30, 4, 0, 2, 'a', 0x00})));         // U+0000 [MQTT-1.5.3-2]
  EXPECT_TRUE(ClosesOn(Bytes({0x30, 5, 0, 3, 0xED, 0xA0, 0x80})));  // a UTF-16 surrogate
  // And in a SUBSCRIBE filter.
  EXPECT_TRUE(ClosesOn(Bytes({0x82, 6, 0, 1, 0, 1, 0xFF, 0})));
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, RemainingLengthOfFiveBytesCloses) {
  EXPECT_TRUE(ClosesOn(Bytes({0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F})));
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, TruncatedPacketThenCloseDoesNotCrash) {
  for (int cut = 1; cut < 12; ++cut) {
    auto client = Connected("truncating");
    // A QoS 1 PUBLISH announcing 12 bytes, cut short, then the client goes away.
    const std::string packet =
        Bytes({0x32, 12, 0, 4, 't', 'r', '/', 'x', 0, 1, 'a', 'b', 'c', 'd'});
    ASSERT_TRUE(client->SendRaw(packet.substr(0, static_cast<size_t>(cut) + 1)));
    client->Drop();
  }
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, TruncatedConnectThenCloseDoesNotCrash) {
  std::string connect;
  mqtt::EncodePacket(ConnectFor(IdFor("half")), connect);
  for (size_t cut = 1; cut < connect.size(); ++cut) {
    MqttClient client(mqtt_port());
    ASSERT_TRUE(client.SendRaw(connect.substr(0, cut)));
  }
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, PacketTypesAClientMustNotSendClose) {
  EXPECT_TRUE(ClosesOn(Bytes({0x20, 2, 0, 0})));     // CONNACK
  EXPECT_TRUE(ClosesOn(Bytes({0x90, 3, 0, 1, 0})));  // SUBACK
  EXPECT_TRUE(ClosesOn(Bytes({0xD0, 0})));           // PINGRESP
  EXPECT_TRUE(ClosesOn(Bytes({0x00, 0})));           // reserved type 0
  EXPECT_TRUE(ClosesOn(Bytes({0xF0, 0})));           // reserved type 15
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, BadFixedHeaderFlagsClose) {
  EXPECT_TRUE(ClosesOn(Bytes({0x36, 5, 0, 1, 'q', 0, 1})));     // PUBLISH QoS 3
  EXPECT_TRUE(ClosesOn(Bytes({0x80, 6, 0, 1, 0, 1, 'a', 0})));  // SUBSCRIBE flags 0, not 2
  EXPECT_TRUE(ClosesOn(Bytes({0x60, 2, 0, 1})));                // PUBREL flags 0, not 2
  EXPECT_TRUE(ClosesOn(Bytes({0xC1, 0})));                      // PINGREQ with a flag
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, ZeroPacketIdCloses) {
  EXPECT_TRUE(ClosesOn(Bytes({0x32, 5, 0, 1, 'z', 0, 0})));     // PUBLISH QoS 1, id 0
  EXPECT_TRUE(ClosesOn(Bytes({0x82, 6, 0, 0, 0, 1, 'a', 0})));  // SUBSCRIBE id 0
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, SubscribeWithoutFiltersOrWithQos3Closes) {
  EXPECT_TRUE(ClosesOn(Bytes({0x82, 2, 0, 1})));                // no filter [MQTT-3.8.3-3]
  EXPECT_TRUE(ClosesOn(Bytes({0x82, 6, 0, 1, 0, 1, 'a', 3})));  // requested QoS 3
  EXPECT_TRUE(ClosesOn(Bytes({0xA2, 2, 0, 1})));                // UNSUBSCRIBE without filter
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttMalformedTest, GarbageInsteadOfConnectCloses) {
  MqttClient client(mqtt_port());
  ASSERT_TRUE(client.SendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_TRUE(client.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

}  // namespace
}  // namespace dh::test
