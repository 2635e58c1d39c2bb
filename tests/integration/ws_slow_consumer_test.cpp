// Slow consumers (STYLE: every connection is bounded): a subscriber that stops reading while
// pushes pile up is cut off with close code 1008 "outbound queue overflow" once its outbound
// queue passes --ws-max-queued-bytes or --ws-max-queued-messages, while a subscriber that reads
// keeps receiving everything. The slow client shrinks its receive buffer so that the kernel's
// buffers fill quickly and the server's queue has to grow.
#include <chrono>
#include <string>

#include "ws_test.hpp"

namespace dh::test {
namespace {

using boost::json::object;
using namespace std::chrono_literals;

constexpr size_t kBlobBytes = 16 * 1024;  // per notification, well under the frame limit
constexpr int kMaxInserts = 1500;         // ~24 MB: far beyond any kernel buffering
constexpr auto kMaxDuration = 120s;
constexpr const char* kOverflowLog = "websocket client too slow";

class SlowConsumerTest : public WsTest {
 protected:
  // Subscribes a slow and a fast consumer to one device, inserts large notifications until the
  // server reports the slow one's overflow (bounded by count and time), checking that the fast
  // one receives each, and then checks how the slow one was closed.
  static void RunSlowConsumerScenario(const std::string& device) {
    const int64_t network = CreateNetwork(device + "-net");
    RegisterDevice(device, network);

    WsClientOptions slow_options;
    slow_options.receive_buffer_bytes = 4096;
    WsClient slow(port(), slow_options);
    ASSERT_TRUE(Succeeded(slow.Request({{"action", "authenticate"}, {"token", admin_token_}})));
    ASSERT_TRUE(
        Succeeded(slow.Request({{"action", "notification/subscribe"}, {"deviceId", device}})));
    auto fast = ConnectAdmin();
    const auto subscribed =
        fast.Request({{"action", "notification/subscribe"}, {"deviceId", device}});
    ASSERT_TRUE(Succeeded(subscribed));
    auto sender = ConnectAdmin();

    const std::string blob(kBlobBytes, 'p');
    auto insert_and_receive = [&](int i) -> ::testing::AssertionResult {
      const auto inserted = sender.Request(
          {{"action", "notification/insert"},
           {"deviceId", device},
           {"notification",
            {{"notification", "bulk"}, {"parameters", {{"i", i}, {"blob", blob}}}}}});
      if (!Succeeded(inserted)) return Succeeded(inserted);
      const auto push = fast.NextPush();
      if (!push) return ::testing::AssertionFailure() << "fast consumer got no push " << i;
      if (push->at("notification").at("parameters").at("i") != i) {
        return ::testing::AssertionFailure()
               << "fast consumer got push " << push->at("notification").at("parameters").at("i")
               << " instead of " << i;
      }
      return ::testing::AssertionSuccess();
    };

    const auto deadline = std::chrono::steady_clock::now() + kMaxDuration;
    int inserted = 0;
    bool overflowed = false;
    while (inserted < kMaxInserts && std::chrono::steady_clock::now() < deadline) {
      ASSERT_TRUE(insert_and_receive(inserted));
      ++inserted;
      if (inserted % 16 == 0 && server_->Log().find(kOverflowLog) != std::string::npos) {
        overflowed = true;
        break;
      }
    }
    ASSERT_TRUE(overflowed) << "no overflow after " << inserted << " notifications of "
                            << kBlobBytes << " bytes";

    // The fast consumer keeps receiving after the slow one was cut off.
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(insert_and_receive(inserted + i));

    // The slow consumer finds, after what was already on its way, the close frame.
    const auto closed = slow.ExpectClosed(60s);
    EXPECT_TRUE(closed.closed) << "still open after reading " << closed.messages_skipped;
    EXPECT_EQ(closed.code, 1008);
    EXPECT_EQ(closed.reason, "outbound queue overflow");
    EXPECT_LT(closed.messages_skipped, static_cast<size_t>(inserted));

    // The server is unharmed: new connections subscribe and receive.
    auto again = ConnectAdmin();
    ASSERT_TRUE(
        Succeeded(again.Request({{"action", "notification/subscribe"}, {"deviceId", device}})));
    const auto last = sender.Request({{"action", "notification/insert"},
                                      {"deviceId", device},
                                      {"notification", {{"notification", "after"}}}});
    ASSERT_TRUE(Succeeded(last));
    const auto push = again.NextPush();
    ASSERT_TRUE(push);
    EXPECT_EQ(push->at("notification").at("id"), last.at("notification").at("id"));
  }
};

class WsSlowConsumerBytesTest : public SlowConsumerTest {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.args = {"--ws-max-queued-bytes", "65536"};
    StartServer(std::move(options));
  }
};

TEST_F(WsSlowConsumerBytesTest, SubscriberOverTheQueuedBytesLimitIsClosedWhileOthersReceive) {
  RunSlowConsumerScenario("ws-slow-bytes");
}

class WsSlowConsumerMessagesTest : public SlowConsumerTest {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.args = {"--ws-max-queued-messages", "8"};
    StartServer(std::move(options));
  }
};

TEST_F(WsSlowConsumerMessagesTest, SubscriberOverTheQueuedMessagesLimitIsClosedWhileOthersReceive) {
  RunSlowConsumerScenario("ws-slow-messages");
}

}  // namespace
}  // namespace dh::test
