// Keep-alive (§3.1.2.10): a client silent for one and a half times its keep-alive is
// disconnected and its will published [MQTT-3.1.2-24]; any packet, PINGREQ included, counts as
// heard. Keep-alive 1 s keeps these tests short.
#include <chrono>
#include <string>

#include "mqtt_test.hpp"

namespace dh::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class MqttKeepAliveTest : public MqttTest {};

TEST_F(MqttKeepAliveTest, SilentClientIsDroppedAfterOneAndAHalfKeepAlivesAndItsWillPublished) {
  auto watcher = Connected("watcher");
  ASSERT_EQ(watcher->Subscribe("keepalive/will", 0), std::vector<uint8_t>{0});

  auto connect = ConnectFor(IdFor("silent"));
  connect.keep_alive = 1;
  connect.will = mqtt::Will{"keepalive/will", "timed out", 0, false};
  MqttClient silent(mqtt_port());
  const auto connected_at = Clock::now();
  ASSERT_EQ(silent.Connect(connect).return_code, mqtt::kConnAckAccepted);

  EXPECT_TRUE(silent.ReadsEndOfStream(10s));
  const auto silent_for = Clock::now() - connected_at;
  EXPECT_GE(silent_for, 1400ms);  // 1.5 s, less the time CONNACK took to come back
  EXPECT_LT(silent_for, 5s);
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("keepalive/will", "timed out")));
}

TEST_F(MqttKeepAliveTest, PingsKeepAClientAlivePastItsKeepAlive) {
  auto connect = ConnectFor(IdFor("pinger"));
  connect.keep_alive = 1;
  MqttClient pinger(mqtt_port());
  ASSERT_EQ(pinger.Connect(connect).return_code, mqtt::kConnAckAccepted);
  const auto start = Clock::now();
  while (Clock::now() - start < 3s) {  // twice the 1.5 s limit
    // Nothing arrives between pings: waiting for a packet is the pacing.
    EXPECT_FALSE(pinger.Read(600ms).has_value());
    ASSERT_FALSE(pinger.closed()) << "dropped after " << (Clock::now() - start).count() << " ns";
    pinger.Send(mqtt::PingReq{});
    ASSERT_TRUE(IsPacket(pinger.Read(), mqtt::PingResp{}));
  }
  pinger.Disconnect();
}

TEST_F(MqttKeepAliveTest, KeepAliveZeroNeverTimesOut) {
  auto client = Connected("forever");  // keep-alive 0
  // Past the 1.5 s a keep-alive of 1 would allow; nothing arrives and the connection stays.
  EXPECT_FALSE(client->Read(2s).has_value());
  EXPECT_FALSE(client->closed());
  client->Send(mqtt::PingReq{});
  EXPECT_TRUE(IsPacket(client->Read(), mqtt::PingResp{}));
}

}  // namespace
}  // namespace dh::test
