// The WebSocket transport (RFC 6455) over real sockets, below the client library: fragments and
// control frames, the closing handshake, protocol errors and their close codes, the message size
// limit across fragments, UTF-8 in text messages and close reasons, frames that TCP batches or
// splits arbitrarily, and refused handshakes.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "ws_test.hpp"

namespace dh::test {
namespace {

using namespace std::chrono_literals;

constexpr uint8_t kFin = 0x80;
constexpr uint8_t kRsv1 = 0x40;
constexpr uint8_t kContinuation = 0x0;
constexpr uint8_t kText = 0x1;
constexpr uint8_t kClose = 0x8;
constexpr uint8_t kPing = 0x9;
constexpr uint8_t kPong = 0xA;

// A server/info request with requestId `id`, padded to exactly `size` bytes when `size` is set.
std::string InfoRequest(const std::string& id, size_t size = 0) {
  const std::string head = R"({"action":"server/info","requestId":")" + id + R"(","pad":")";
  const std::string tail = "\"}";
  const size_t pad = size > head.size() + tail.size() ? size - head.size() - tail.size() : 0;
  return head + std::string(pad, 'x') + tail;
}

// A close frame's payload: the code in network order, then the reason.
std::string CloseBody(uint16_t code, std::string_view reason = {}) {
  std::string body{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
  body += reason;
  return body;
}

// The next frame is an unmasked, final frame with this opcode; its payload then.
::testing::AssertionResult NextFrameIs(WsClient& ws, uint8_t opcode, std::string* payload) {
  const auto frame = ws.ReadFrame();
  if (!frame) return ::testing::AssertionFailure() << "no frame (timeout or end of stream)";
  if (frame->opcode() != opcode || !frame->fin() || frame->masked) {
    return ::testing::AssertionFailure()
           << "expected a final unmasked frame with opcode " << int{opcode} << ", got first byte "
           << int{frame->first_byte} << (frame->masked ? " (masked)" : "") << ": "
           << frame->payload;
  }
  *payload = frame->payload;
  return ::testing::AssertionSuccess();
}

// The next frame is a successful server/info response to request `id`.
::testing::AssertionResult AnswersInfo(WsClient& ws, const std::string& id) {
  std::string text;
  if (auto result = NextFrameIs(ws, kText, &text); !result) return result << " (answer to " << id;
  boost::system::error_code ec;
  const auto response = boost::json::parse(text, ec);
  if (ec || !response.is_object()) return ::testing::AssertionFailure() << "not JSON: " << text;
  if (StringOf(response.as_object(), "requestId") != id) {
    return ::testing::AssertionFailure() << "expected the answer to " << id << ", got " << text;
  }
  return Succeeded(response.as_object());
}

// The next frame is a close with `code` and `reason`, and the server then ends the TCP connection.
::testing::AssertionResult ClosesWith(WsClient& ws, uint16_t code, std::string_view reason) {
  std::string payload;
  if (auto result = NextFrameIs(ws, kClose, &payload); !result) return result;
  if (payload != CloseBody(code, reason)) {
    const int got = payload.size() < 2 ? 1005
                                       : (static_cast<uint8_t>(payload[0]) << 8) |
                                             static_cast<uint8_t>(payload[1]);
    return ::testing::AssertionFailure()
           << "expected close " << code << " \"" << reason << "\", got " << got << " \""
           << (payload.size() > 2 ? payload.substr(2) : "") << "\"";
  }
  if (!ws.ReadsEndOfStream()) {
    return ::testing::AssertionFailure() << "the TCP connection outlived the close frame";
  }
  return ::testing::AssertionSuccess();
}

class WsTransportTest : public WsTest {};

// --- fragments and control frames ---------------------------------------------------------

TEST_F(WsTransportTest, FragmentedMessageWithAPingBetweenFragmentsIsAnsweredLikeAWholeOne) {
  auto ws = Connect();
  const std::string request = InfoRequest("fragmented");
  ws.SendRaw(ClientFrame(kText, request.substr(0, 10)));
  ws.SendRaw(ClientFrame(kFin | kPing, "between"));
  ws.SendRaw(ClientFrame(kContinuation, request.substr(10, 20)));
  ws.SendRaw(ClientFrame(kFin | kContinuation, request.substr(30)));
  std::string pong;
  ASSERT_TRUE(NextFrameIs(ws, kPong, &pong));
  EXPECT_EQ(pong, "between");
  EXPECT_TRUE(AnswersInfo(ws, "fragmented"));
  // The connection is back to whole messages.
  ws.SendRaw(ClientFrame(kFin | kText, InfoRequest("whole")));
  EXPECT_TRUE(AnswersInfo(ws, "whole"));
}

TEST_F(WsTransportTest, PingIsAnsweredWithAPongCarryingTheSamePayload) {
  auto ws = Connect();
  std::string binary;
  for (int i = 0; i < 125; ++i) binary.push_back(static_cast<char>(i * 7));
  for (const std::string& payload : {std::string(), std::string("ping-1"), binary}) {
    ws.SendRaw(ClientFrame(kFin | kPing, payload));
    std::string pong;
    ASSERT_TRUE(NextFrameIs(ws, kPong, &pong)) << payload.size();
    EXPECT_EQ(pong, payload);
  }
  ws.SendRaw(ClientFrame(kFin | kText, InfoRequest("after-pings")));
  EXPECT_TRUE(AnswersInfo(ws, "after-pings"));
}

TEST_F(WsTransportTest, UnsolicitedPongIsIgnored) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kPong, "unsolicited"));
  ws.SendRaw(ClientFrame(kFin | kText, InfoRequest("after-pong")));
  EXPECT_TRUE(AnswersInfo(ws, "after-pong"));
}

// --- closing handshake --------------------------------------------------------------------

TEST_F(WsTransportTest, CloseIsEchoedWithItsCodeAndThenTheConnectionEnds) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kClose, CloseBody(4000, "done here")));
  EXPECT_TRUE(ClosesWith(ws, 4000, ""));
}

TEST_F(WsTransportTest, CloseWithoutACodeIsEchoedEmpty) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kClose, ""));
  std::string payload;
  ASSERT_TRUE(NextFrameIs(ws, kClose, &payload));
  EXPECT_EQ(payload, "");
  EXPECT_TRUE(ws.ReadsEndOfStream());
}

TEST_F(WsTransportTest, RequestsAfterTheCloseAreNotAnswered) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kClose, CloseBody(1000)) +
             ClientFrame(kFin | kText, InfoRequest("too-late")));
  EXPECT_TRUE(ClosesWith(ws, 1000, ""));
}

// --- protocol errors ----------------------------------------------------------------------

TEST_F(WsTransportTest, UnmaskedClientFrameIsClosedWith1002) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kText, InfoRequest("unmasked"), false));
  EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error"));
}

TEST_F(WsTransportTest, FrameWithRsv1SetIsClosedWith1002) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kRsv1 | kText, InfoRequest("rsv1")));
  EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error"));
}

TEST_F(WsTransportTest, ContinuationWithoutAStartIsClosedWith1002) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kContinuation, InfoRequest("orphan")));
  EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error"));
}

TEST_F(WsTransportTest, NewMessageInsideAFragmentedOneIsClosedWith1002) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kText, "{\"action\":") +
             ClientFrame(kFin | kText, InfoRequest("interleaved")));
  EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error"));
}

TEST_F(WsTransportTest, FragmentedPingIsClosedWith1002) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kPing, "half"));
  EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error"));
}

TEST_F(WsTransportTest, CloseWithAOneBytePayloadIsClosedWith1002) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kClose, std::string(1, '\x03')));
  EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error"));
}

TEST_F(WsTransportTest, CloseWithACodeNoPeerMaySendIsClosedWith1002) {
  for (const uint16_t code : std::initializer_list<uint16_t>{999, 1004, 1005, 1006, 1015, 2999}) {
    auto ws = Connect();
    ws.SendRaw(ClientFrame(kFin | kClose, CloseBody(code)));
    EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error")) << code;
  }
}

TEST_F(WsTransportTest, LengthNotInItsShortestFormIsClosedWith1002) {
  auto ws = Connect();
  // A 2-byte text frame whose length takes the 16-bit form; mask key 0 leaves the payload as is.
  ws.SendRaw(std::string("\x81\xFE\x00\x02\x00\x00\x00\x00{}", 10));
  EXPECT_TRUE(ClosesWith(ws, 1002, "protocol error"));
}

// --- UTF-8 ---------------------------------------------------------------------------------

TEST_F(WsTransportTest, TextMessageThatIsNotUtf8IsClosedWith1007) {
  for (const std::string& bad :
       {std::string("{\"action\":\"server/info\",\"x\":\"\xC0\xAF\"}"),  // overlong
        std::string("\xED\xA0\x80"),                                     // surrogate
        std::string("{\"a\":\"\xE2\x82\"}")}) {                          // truncated
    auto ws = Connect();
    ws.SendRaw(ClientFrame(kFin | kText, bad));
    EXPECT_TRUE(ClosesWith(ws, 1007, "invalid UTF-8"));
  }
}

TEST_F(WsTransportTest, CharacterSplitAcrossFragmentsIsOneValidCharacter) {
  auto ws = Connect();
  std::string request = InfoRequest("caf\xC3\xA9");
  const size_t split = request.find('\xC3') + 1;  // between the two bytes of U+00E9
  ws.SendRaw(ClientFrame(kText, request.substr(0, split)));
  ws.SendRaw(ClientFrame(kFin | kContinuation, request.substr(split)));
  EXPECT_TRUE(AnswersInfo(ws, "caf\xC3\xA9"));
}

TEST_F(WsTransportTest, FragmentedTextThatIsNotUtf8IsClosedWith1007) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kText, "{\"a\":\"\xF4\x90") +
             ClientFrame(kFin | kContinuation, "\x80\x80\"}"));  // above U+10FFFF
  EXPECT_TRUE(ClosesWith(ws, 1007, "invalid UTF-8"));
}

TEST_F(WsTransportTest, CloseReasonThatIsNotUtf8IsClosedWith1007) {
  auto ws = Connect();
  ws.SendRaw(ClientFrame(kFin | kClose, CloseBody(1000, "bye \xFF")));
  EXPECT_TRUE(ClosesWith(ws, 1007, "invalid UTF-8"));
}

TEST_F(WsTransportTest, BinaryMessageIsNotHeldToUtf8) {
  auto ws = Connect();
  // JSON endpoints read a binary message as text: bytes that are not UTF-8 are malformed JSON
  // to them, answered like any other, and the connection stays open.
  ws.SendRaw(ClientFrame(kFin | 0x2, "\xFF\xFE"));
  std::string text;
  ASSERT_TRUE(NextFrameIs(ws, kText, &text));
  EXPECT_NE(text.find("Malformed Json"), std::string::npos) << text;
  ws.SendRaw(ClientFrame(kFin | kText, InfoRequest("after-binary")));
  EXPECT_TRUE(AnswersInfo(ws, "after-binary"));
}

// --- TCP batching and splitting -----------------------------------------------------------

TEST_F(WsTransportTest, ManyRequestsInOneWriteAreAllAnsweredInOrder) {
  constexpr int kRequests = 200;
  auto ws = Connect();
  std::string batch;
  for (int i = 0; i < kRequests; ++i) {
    batch += ClientFrame(
        kFin | kText, InfoRequest("batch-" + std::to_string(i), 100 + 3 * static_cast<size_t>(i)));
  }
  ws.SendRaw(batch);
  for (int i = 0; i < kRequests; ++i) {
    ASSERT_TRUE(AnswersInfo(ws, "batch-" + std::to_string(i)));
  }
}

TEST_F(WsTransportTest, FrameDeliveredOneBytePerWriteIsAnswered) {
  auto ws = Connect();
  // Over 125 bytes, so the 16-bit length is split too; then a ping and a short frame.
  const std::string frames = ClientFrame(kFin | kText, InfoRequest("bytewise", 300)) +
                             ClientFrame(kFin | kPing, "p") +
                             ClientFrame(kFin | kText, InfoRequest("short"));
  ws.SendRaw(frames, 1);
  EXPECT_TRUE(AnswersInfo(ws, "bytewise"));
  std::string pong;
  ASSERT_TRUE(NextFrameIs(ws, kPong, &pong));
  EXPECT_EQ(pong, "p");
  EXPECT_TRUE(AnswersInfo(ws, "short"));
}

// --- refused handshakes -------------------------------------------------------------------

TEST_F(WsTransportTest, HandshakeWithoutAKeyIsRefusedWith400) {
  WsClientOptions options;
  options.omit_headers = {"Sec-WebSocket-Key"};
  const auto refusal = WsClient::TryHandshake(port(), options);
  EXPECT_FALSE(refusal.upgraded);
  EXPECT_EQ(refusal.status, 400) << refusal.body;
  EXPECT_EQ(boost::json::parse(refusal.body),
            boost::json::parse(R"({"error":400,"message":"Invalid WebSocket handshake"})"))
      << refusal.body;
}

TEST_F(WsTransportTest, HandshakeWithABadTokenIsRefusedWith401AndAJsonBody) {
  WsClientOptions options;
  options.headers = {{"Authorization", "Bearer definitely.not.a-token"}};
  const auto refusal = WsClient::TryHandshake(port(), options);
  EXPECT_FALSE(refusal.upgraded);
  EXPECT_EQ(refusal.status, 401) << refusal.body;
  EXPECT_EQ(boost::json::parse(refusal.body),
            boost::json::parse(R"({"error":401,"message":"Unauthorized"})"))
      << refusal.body;
}

// --- the message size limit across fragments (a suite of its own: a 1 KiB limit) ----------

class WsTransportLimitTest : public WsTest {
 protected:
  static constexpr size_t kLimit = 1024;
  static void SetUpTestSuite() {
    ServerOptions options;
    options.args = {"--ws-max-message-size", std::to_string(kLimit)};
    StartServer(std::move(options));
  }
};

TEST_F(WsTransportLimitTest, FragmentedMessageOfExactlyTheLimitIsAnswered) {
  auto ws = Connect();
  const std::string request = InfoRequest("at-limit", kLimit);
  ws.SendRaw(ClientFrame(kText, request.substr(0, 600)) +
             ClientFrame(kFin | kContinuation, request.substr(600)));
  EXPECT_TRUE(AnswersInfo(ws, "at-limit"));
}

TEST_F(WsTransportLimitTest, FragmentedMessageOverTheLimitIsClosedWith1009) {
  auto ws = Connect();
  const std::string request = InfoRequest("over-limit", kLimit + 1);
  // Each fragment is well under the limit; only their sum is over it.
  ws.SendRaw(ClientFrame(kText, request.substr(0, 600)));
  ws.SendRaw(ClientFrame(kFin | kContinuation, request.substr(600)));
  EXPECT_TRUE(ClosesWith(ws, 1009, "message too big"));
}

TEST_F(WsTransportLimitTest, PingBetweenFragmentsDoesNotCountTowardsTheLimit) {
  auto ws = Connect();
  const std::string request = InfoRequest("ping-at-limit", kLimit);
  ws.SendRaw(ClientFrame(kText, request.substr(0, kLimit - 10)) +
             ClientFrame(kFin | kPing, std::string(125, 'p')) +
             ClientFrame(kFin | kContinuation, request.substr(kLimit - 10)));
  std::string pong;
  ASSERT_TRUE(NextFrameIs(ws, kPong, &pong));
  EXPECT_EQ(pong, std::string(125, 'p'));
  EXPECT_TRUE(AnswersInfo(ws, "ping-at-limit"));
}

}  // namespace
}  // namespace dh::test
