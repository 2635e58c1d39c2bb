// The broker's limits. On a server started with --mqtt-max-packet-size 1024, a bigger packet
// closes the connection from its fixed header alone and one at the limit is accepted. A session
// holds at most 1000 subscriptions and is refused more with SUBACK 0x80.
#include <string>
#include <utility>
#include <vector>

#include "mqtt/codec/codec.hpp"
#include "mqtt_test.hpp"

namespace dh::test {
namespace {

constexpr size_t kMaxPacket = 1024;
constexpr size_t kMaxSubscriptions = 1000;  // BrokerOptions' default

class MqttPacketSizeTest : public MqttTest {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.args = {"--mqtt-max-packet-size", std::to_string(kMaxPacket)};
    StartServer(std::move(options));
  }

  // A QoS 0 PUBLISH to `topic` whose whole encoding is `size` bytes.
  static std::string PublishOfSize(const std::string& topic, size_t size) {
    std::string packet;
    mqtt::Publish publish{topic, "", 0, false, false, 0};
    mqtt::EncodePacket(publish, packet);
    const size_t header = packet.size();  // 2-byte fixed header while the body is < 128 bytes
    publish.payload.assign(size - header - 1, 'p');  // the length takes 2 bytes from 128 on
    packet.clear();
    mqtt::EncodePacket(publish, packet);
    return packet;
  }
};

TEST_F(MqttPacketSizeTest, PacketAtTheMaximumSizeIsAccepted) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("limits/big", 0), std::vector<uint8_t>{0});
  auto publisher = Connected("pub");
  const std::string packet = PublishOfSize("limits/big", kMaxPacket);
  ASSERT_EQ(packet.size(), kMaxPacket);
  ASSERT_TRUE(publisher->SendRaw(packet));
  const auto got = subscriber->Read();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(std::get<mqtt::Publish>(*got).payload.size(), kMaxPacket - 3 - 12);  // less headers
}

TEST_F(MqttPacketSizeTest, OversizedPacketClosesTheConnection) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("limits/big", 0), std::vector<uint8_t>{0});
  auto publisher = Connected("pub");
  const std::string packet = PublishOfSize("limits/big", kMaxPacket + 1);
  ASSERT_EQ(packet.size(), kMaxPacket + 1);
  // The fixed header alone is enough to refuse it.
  ASSERT_TRUE(publisher->SendRaw(packet.substr(0, 3)));
  EXPECT_TRUE(publisher->ReadsEndOfStream());
  // The subscriber got nothing: the next message it reads is a later, small one.
  publisher = Connected("pub2");
  publisher->Publish("limits/big", "small", 0);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("limits/big", "small")));
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttPacketSizeTest, OversizedConnectClosesWithoutConnAck) {
  MqttClient client(mqtt_port());
  auto connect = ConnectFor(IdFor("c"));
  connect.password = std::string(2000, 'x');
  connect.username = "someone";
  client.SendRaw([&] {
    std::string bytes;
    mqtt::EncodePacket(connect, bytes);
    return bytes;
  }());
  EXPECT_TRUE(client.ReadsEndOfStream());
  EXPECT_TRUE(StillRoutes());
}

// A server with the default limits.
class MqttSubscriptionCapTest : public MqttTest {};

TEST_F(MqttSubscriptionCapTest, SubscriptionsBeyondTheSessionCapAreRefusedWith0x80) {
  auto client = Connected("many");
  std::vector<std::pair<std::string, uint8_t>> filters;
  for (size_t i = 0; i < 2 * kMaxSubscriptions; ++i) {
    filters.emplace_back("many/" + std::to_string(i), 1);
  }
  const auto codes = client->Subscribe(filters);  // one SUBSCRIBE, one SUBACK of 2000 codes
  ASSERT_EQ(codes.size(), 2 * kMaxSubscriptions);
  for (size_t i = 0; i < codes.size(); ++i) {
    ASSERT_EQ(codes[i], i < kMaxSubscriptions ? 1 : mqtt::kSubAckFailure) << "filter " << i;
  }
  // Re-subscribing to a held filter is not a new one; after an UNSUBSCRIBE a new one fits.
  EXPECT_EQ(client->Subscribe("many/0", 0), std::vector<uint8_t>{0});
  EXPECT_EQ(client->Subscribe("many/extra", 0), std::vector<uint8_t>{mqtt::kSubAckFailure});
  client->Unsubscribe("many/1");
  EXPECT_EQ(client->Subscribe("many/extra", 0), std::vector<uint8_t>{0});

  auto publisher = Connected("pub");
  publisher->Publish("many/1500", "refused filter", 0);
  publisher->Publish("many/999", "held filter", 0);
  EXPECT_TRUE(IsPacket(client->Read(), PublishOf("many/999", "held filter")));
  EXPECT_TRUE(StillRoutes());
}

}  // namespace
}  // namespace dh::test
