// Real MQTT clients against the server: mosquitto_pub and mosquitto_sub (Debian's
// mosquitto-clients, installed by scripts/test.sh) at QoS 0, 1 and 2, with retained messages,
// a will, and a persistent session. Their -d output shows each packet they send and receive, so
// the tests check the flags the clients saw (d = DUP, q = QoS, r = RETAIN). Skipped when the
// clients are not installed.
#include <signal.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "mqtt_test.hpp"
#include "support/child_process.hpp"

namespace dh::test {
namespace {

using namespace std::chrono_literals;

constexpr auto kTimeout = 15s;

class MqttRealClientsTest : public MqttTest {
 protected:
  void SetUp() override {
    if (!ChildProcess::Exists("mosquitto_sub") || !ChildProcess::Exists("mosquitto_pub") ||
        !ChildProcess::Exists("stdbuf")) {
      GTEST_SKIP() << "mosquitto-clients is not installed";
    }
  }

  // The clients' output goes to a file, which stdio would buffer whole: stdbuf makes it line
  // buffered, so a test sees "Subscribed" as it happens.
  static std::vector<std::string> Common(const std::string& program) {
    return {"stdbuf", "-oL", program, "-h", "127.0.0.1", "-p", std::to_string(mqtt_port()), "-d"};
  }

  // mosquitto_sub with `args` (after -h, -p, -d, -v), once its subscription is acknowledged.
  static std::unique_ptr<ChildProcess> Sub(const std::vector<std::string>& args) {
    auto argv = Common("mosquitto_sub");
    argv.emplace_back("-v");
    argv.insert(argv.end(), args.begin(), args.end());
    auto sub = std::make_unique<ChildProcess>(argv);
    EXPECT_TRUE(sub->WaitForOutput("Subscribed (mid: 1)", kTimeout)) << sub->Output();
    return sub;
  }

  // Runs mosquitto_pub with `args` to completion; its output.
  static std::string Pub(const std::vector<std::string>& args) {
    auto argv = Common("mosquitto_pub");
    argv.insert(argv.end(), args.begin(), args.end());
    ChildProcess pub(argv);
    const int code = pub.Wait(kTimeout);
    EXPECT_EQ(code, 0) << pub.Output();
    return pub.Output();
  }

  // Waits for a mosquitto_sub started with -C to exit 0 after its messages.
  static std::string Finished(ChildProcess& sub) {
    EXPECT_EQ(sub.Wait(kTimeout), 0) << sub.Output();
    return sub.Output();
  }
};

TEST_F(MqttRealClientsTest, Qos0FromMosquittoPubReachesMosquittoSub) {
  auto sub = Sub({"-t", "real/q0", "-q", "0", "-C", "1"});
  Pub({"-t", "real/q0", "-m", "zero", "-q", "0"});
  const auto output = Finished(*sub);
  EXPECT_NE(output.find("received PUBLISH (d0, q0, r0, m0, 'real/q0'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("real/q0 zero"), std::string::npos) << output;
}

TEST_F(MqttRealClientsTest, Qos1FromMosquittoPubIsAcknowledgedAndDelivered) {
  auto sub = Sub({"-t", "real/q1", "-q", "1", "-C", "1"});
  const auto published = Pub({"-t", "real/q1", "-m", "one", "-q", "1"});
  EXPECT_NE(published.find("received PUBACK"), std::string::npos) << published;
  const auto output = Finished(*sub);
  EXPECT_NE(output.find("received PUBLISH (d0, q1, r0, m1, 'real/q1'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("sending PUBACK (m1"), std::string::npos) << output;
  EXPECT_NE(output.find("real/q1 one"), std::string::npos) << output;
}

TEST_F(MqttRealClientsTest, Qos2FromMosquittoPubCompletesBothFlows) {
  auto sub = Sub({"-t", "real/q2", "-q", "2", "-C", "1"});
  const auto published = Pub({"-t", "real/q2", "-m", "two", "-q", "2"});
  EXPECT_NE(published.find("received PUBREC"), std::string::npos) << published;
  EXPECT_NE(published.find("received PUBCOMP"), std::string::npos) << published;
  const auto output = Finished(*sub);
  EXPECT_NE(output.find("received PUBLISH (d0, q2, r0, m1, 'real/q2'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("received PUBREL (Mid: 1)"), std::string::npos) << output;
  EXPECT_NE(output.find("sending PUBCOMP (m1)"), std::string::npos) << output;
  EXPECT_NE(output.find("real/q2 two"), std::string::npos) << output;
}

TEST_F(MqttRealClientsTest, WildcardSubscriptionGetsEachMatchingTopic) {
  auto sub = Sub({"-t", "real/wild/+/temp", "-C", "2"});
  Pub({"-t", "real/wild/a/temp", "-m", "1"});
  Pub({"-t", "real/wild/a/humidity", "-m", "2"});
  Pub({"-t", "real/wild/b/temp", "-m", "3"});
  const auto output = Finished(*sub);
  EXPECT_NE(output.find("real/wild/a/temp 1"), std::string::npos) << output;
  EXPECT_EQ(output.find("humidity"), std::string::npos) << output;
  EXPECT_NE(output.find("real/wild/b/temp 3"), std::string::npos) << output;
}

TEST_F(MqttRealClientsTest, RetainedMessageReachesALaterSubscriberUntilCleared) {
  Pub({"-t", "real/retained", "-m", "kept", "-q", "1", "-r"});
  auto sub = Sub({"-t", "real/retained", "-q", "1", "-C", "1"});
  auto output = Finished(*sub);
  EXPECT_NE(output.find("received PUBLISH (d0, q1, r1, m1, 'real/retained'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("real/retained kept"), std::string::npos) << output;

  Pub({"-t", "real/retained", "-n", "-q", "1", "-r"});  // an empty retained message clears it
  sub = Sub({"-t", "real/retained", "-C", "1"});
  Pub({"-t", "real/retained", "-m", "live"});
  output = Finished(*sub);
  EXPECT_EQ(output.find("kept"), std::string::npos) << output;
  EXPECT_NE(output.find("received PUBLISH (d0, q0, r0, m0, 'real/retained'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("real/retained live"), std::string::npos) << output;
}

TEST_F(MqttRealClientsTest, WillOfAKilledMosquittoSubIsPublished) {
  auto watcher = Sub({"-t", "real/will", "-q", "1", "-C", "1"});
  auto dying = Sub({"-t", "real/unused", "--will-topic", "real/will", "--will-payload",
                    "connection lost", "--will-qos", "1"});
  dying->Kill(SIGKILL);
  const auto output = Finished(*watcher);
  EXPECT_NE(output.find("received PUBLISH (d0, q1, r0, m1, 'real/will'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("real/will connection lost"), std::string::npos) << output;
}

TEST_F(MqttRealClientsTest, WillOfAMosquittoSubThatDisconnectsIsNotPublished) {
  auto watcher = Sub({"-t", "real/will2", "-C", "1"});
  // -C 1: it takes one message and leaves with DISCONNECT.
  auto polite = Sub({"-t", "real/polite", "-C", "1", "--will-topic", "real/will2", "--will-payload",
                     "should not appear"});
  Pub({"-t", "real/polite", "-m", "bye"});
  const auto polite_output = Finished(*polite);
  EXPECT_NE(polite_output.find("sending DISCONNECT"), std::string::npos) << polite_output;
  Pub({"-t", "real/will2", "-m", "marker"});
  const auto output = Finished(*watcher);
  EXPECT_EQ(output.find("should not appear"), std::string::npos) << output;
  EXPECT_NE(output.find("real/will2 marker"), std::string::npos) << output;
}

TEST_F(MqttRealClientsTest, PersistentMosquittoSubGetsWhatWasPublishedWhileAway) {
  const std::vector<std::string> session = {"-i", "real-persistent", "-c", "-q", "1",
                                            "-t", "real/persistent"};
  auto first = Sub(session);  // subscribes, then goes away without unsubscribing
  first->Kill(SIGTERM);
  EXPECT_GE(first->Wait(kTimeout), 0);

  Pub({"-t", "real/persistent", "-m", "queued", "-q", "1"});
  auto args = session;
  args.insert(args.end(), {"-C", "1"});
  auto second = std::make_unique<ChildProcess>([&] {
    auto argv = Common("mosquitto_sub");
    argv.emplace_back("-v");
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }());
  const auto output = Finished(*second);
  EXPECT_NE(output.find("received CONNACK (0)"), std::string::npos) << output;
  EXPECT_NE(output.find("received PUBLISH (d0, q1, r0, m1, 'real/persistent'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("real/persistent queued"), std::string::npos) << output;
}

}  // namespace
}  // namespace dh::test
