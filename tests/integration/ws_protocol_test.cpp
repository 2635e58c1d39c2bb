// The WebSocket transport and envelope (spec §4.1): the handshake and its Authorization header,
// the success and error envelopes, frames that are not requests, the message size limit, and the
// server's pings and idle timeout.
#include <chrono>
#include <future>
#include <string>

#include "jwt_tool.hpp"
#include "ws_test.hpp"

namespace dh::test {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;
using namespace std::chrono_literals;

constexpr const char* kMalformed =
    R"({"code":400,"status":"error","error":"Malformed Json received."})";

// A server/info request padded with a string so that its frame is exactly `size` bytes.
std::string PaddedRequest(size_t size) {
  const std::string head = R"({"action":"server/info","requestId":"padded","pad":")";
  const std::string tail = "\"}";
  return head + std::string(size - head.size() - tail.size(), 'x') + tail;
}

class WsProtocolTest : public WsTest {};

// --- envelope -----------------------------------------------------------------------------

TEST_F(WsProtocolTest, SuccessEnvelopeEchoesActionAndRequestIdWithStatusAndPayload) {
  auto ws = Connect();
  const auto response = ws.Request({{"action", "server/info"}, {"requestId", 42}});
  EXPECT_EQ(KeysOf(response), (std::set<std::string>{"action", "requestId", "status", "info"}));
  EXPECT_EQ(response.at("action"), "server/info");
  EXPECT_EQ(response.at("requestId"), 42);
  EXPECT_EQ(response.at("status"), "success");
}

TEST_F(WsProtocolTest, ErrorEnvelopeCarriesCodeStatusAndErrorBesidesTheEchoes) {
  auto ws = Connect();
  const auto response =
      ws.Request({{"action", "device/get"}, {"requestId", 7}, {"deviceId", kSampleDevice}});
  EXPECT_TRUE(FailedWith(response, 401, "Unauthorized"));
  EXPECT_EQ(response.at("action"), "device/get");
  EXPECT_EQ(response.at("requestId"), 7);
}

TEST_F(WsProtocolTest, RequestIdIsEchoedVerbatimWhateverItsJsonType) {
  auto ws = Connect();
  const std::vector<value> ids = {value(12345678901234LL),
                                  value(-1),
                                  value(2.5),
                                  value("abc-1"),
                                  value(object{{"a", array{1, "b", nullptr}}}),
                                  value(array{1, 2}),
                                  value(true)};
  for (const auto& id : ids) {
    const auto response = ws.Request({{"action", "server/info"}, {"requestId", id}});
    EXPECT_EQ(response.at("requestId"), id) << boost::json::serialize(id);
    EXPECT_TRUE(Succeeded(response));
  }
}

TEST_F(WsProtocolTest, RequestIdIsNullWhenTheRequestHasNone) {
  auto ws = Connect();
  ws.SendText(R"({"action":"server/info"})");
  const auto response = ws.ReadObject();
  ASSERT_TRUE(response);
  ASSERT_TRUE(response->contains("requestId")) << boost::json::serialize(*response);
  EXPECT_TRUE(response->at("requestId").is_null());
  EXPECT_TRUE(Succeeded(*response));

  ws.SendText(R"({"action":"no/such/action"})");
  const auto error = ws.ReadObject();
  ASSERT_TRUE(error);
  EXPECT_TRUE(FailedWith(*error, 400, "Illegal argument: no/such/action"));
  EXPECT_TRUE(error->at("requestId").is_null());
}

TEST_F(WsProtocolTest, MalformedJsonIsAnsweredAndTheConnectionStaysUsable) {
  auto ws = Connect();
  for (const char* frame : {"{not json", "", "[1,2,3]", "\"text\"", "42", "null", "{\"a\":1}}"}) {
    ws.SendText(frame);
    const auto reply = ws.ReadText();
    ASSERT_TRUE(reply) << "no answer to " << frame;
    EXPECT_EQ(boost::json::parse(*reply), boost::json::parse(kMalformed)) << frame;
  }
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "server/info"}})));
}

TEST_F(WsProtocolTest, UnknownActionIsAnIllegalArgument) {
  auto ws = ConnectAdmin();
  const auto response = ws.Request({{"action", "device/explode"}, {"requestId", "u1"}});
  EXPECT_TRUE(FailedWith(response, 400, "Illegal argument: device/explode"));
  EXPECT_EQ(response.at("action"), "device/explode");
  EXPECT_EQ(response.at("requestId"), "u1");
}

TEST_F(WsProtocolTest, MissingActionCannotBeParsedToAKnownEndpoint) {
  auto ws = Connect();
  const auto response = ws.Request({{"requestId", 9}, {"deviceId", kSampleDevice}});
  EXPECT_TRUE(FailedWith(response, 500, "'action' field could not be parsed to known endpoint"));
  EXPECT_EQ(response.at("requestId"), 9);
  EXPECT_TRUE(response.at("action").is_null());
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "server/info"}})));
}

// --- server/info --------------------------------------------------------------------------

TEST_F(WsProtocolTest, ServerInfoReportsVersionTimestampAndTheRestUrlOfTheHostHeader) {
  auto ws = Connect();
  const auto response = ws.Request({{"action", "server/info"}});
  ASSERT_TRUE(Succeeded(response));
  const auto& info = response.at("info").as_object();
  EXPECT_EQ(KeysOf(info),
            (std::set<std::string>{"apiVersion", "serverTimestamp", "restServerUrl"}));
  EXPECT_EQ(info.at("apiVersion"), "4.1.0");
  EXPECT_EQ(info.at("serverTimestamp").as_string().size(), 23u);
  EXPECT_EQ(info.at("restServerUrl").as_string(),
            "http://127.0.0.1:" + std::to_string(port()) + "/api/rest");
}

// --- limits -------------------------------------------------------------------------------

TEST_F(WsProtocolTest, FrameOverTheDefaultMaximumClosesWith1009) {
  auto ws = Connect();
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "server/info"}})));
  ws.SendText(PaddedRequest(64 * 1024 + 1));
  const auto closed = ws.ExpectClosed();
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.code, 1009) << closed.reason;
  EXPECT_EQ(closed.messages_skipped, 0u);
}

TEST_F(WsProtocolTest, FrameOfExactlyTheDefaultMaximumIsAccepted) {
  auto ws = Connect();
  ws.SendText(PaddedRequest(64 * 1024));
  const auto response = ws.ReadObject();
  ASSERT_TRUE(response);
  EXPECT_TRUE(Succeeded(*response));
  EXPECT_EQ(response->at("requestId"), "padded");
}

// --- handshake ----------------------------------------------------------------------------

TEST_F(WsProtocolTest, UpgradeOnAnotherPathIsNotAWebSocket) {
  for (const char* target : {"/api/rest/websocket", "/websocket", "/api/websocket/x"}) {
    WsClientOptions options;
    options.target = target;
    const auto refusal = WsClient::TryHandshake(port(), options);
    EXPECT_FALSE(refusal.upgraded) << target;
    EXPECT_EQ(refusal.status, 404) << target << ": " << refusal.body;
  }
}

TEST_F(WsProtocolTest, UpgradeWithAQueryStringIsAccepted) {
  WsClientOptions options;
  options.target = "/api/websocket?client=test";
  WsClient ws(port(), options);
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "server/info"}})));
}

TEST_F(WsProtocolTest, HandshakeWithAnInvalidBearerTokenIsRefusedWith401) {
  for (const std::string header : {"Bearer not-a-token", "Basic ZGhhZG1pbjpkaGFkbWlu"}) {
    WsClientOptions options;
    options.headers = {{"Authorization", header}};
    const auto refusal = WsClient::TryHandshake(port(), options);
    EXPECT_FALSE(refusal.upgraded) << header;
    EXPECT_EQ(refusal.status, 401) << header;
    EXPECT_EQ(boost::json::parse(refusal.body).at("message"), "Unauthorized") << refusal.body;
  }
}

TEST_F(WsProtocolTest, HandshakeWithAnExpiredBearerTokenIsRefusedAsExpired) {
  const std::string expired = jwt::SignPayload(object{{"u", 1},
                                                      {"a", array{0}},
                                                      {"n", array{"*"}},
                                                      {"dt", array{"*"}},
                                                      {"e", jwt::NowMs() - 60'000},
                                                      {"t", 1}});
  WsClientOptions options;
  options.headers = {{"Authorization", "Bearer " + expired}};
  const auto refusal = WsClient::TryHandshake(port(), options);
  EXPECT_FALSE(refusal.upgraded);
  EXPECT_EQ(refusal.status, 401);
  EXPECT_EQ(boost::json::parse(refusal.body).at("message"), "Token expired") << refusal.body;
}

TEST_F(WsProtocolTest, HandshakeWithAValidBearerTokenStartsAuthenticated) {
  auto ws = WsClient::WithToken(port(), admin_token_);
  const auto response = ws.Request({{"action", "user/getCurrent"}});
  ASSERT_TRUE(Succeeded(response));
  EXPECT_EQ(response.at("current").at("login"), kAdminLogin);
}

TEST_F(WsProtocolTest, ConnectionsAreIndependentSessions) {
  auto admin = WsClient::WithToken(port(), admin_token_);
  auto anonymous = Connect();
  EXPECT_TRUE(Succeeded(admin.Request({{"action", "user/getCurrent"}})));
  EXPECT_TRUE(FailedWith(anonymous.Request({{"action", "user/getCurrent"}}), 401, "Unauthorized"));
}

// --- idle connections (a suite of its own: short idle timeout, small message limit) ------

class WsLimitsTest : public WsTest {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.args = {"--ws-idle-timeout", "2", "--ws-max-message-size", "1024"};
    StartServer(std::move(options));
  }
};

TEST_F(WsLimitsTest, FrameOverTheConfiguredMaximumClosesWith1009) {
  auto ws = Connect();
  ws.SendText(PaddedRequest(1024));
  const auto accepted = ws.ReadObject();
  ASSERT_TRUE(accepted);
  EXPECT_TRUE(Succeeded(*accepted));
  ws.SendText(PaddedRequest(1025));
  const auto closed = ws.ExpectClosed();
  EXPECT_TRUE(closed.closed);
  EXPECT_EQ(closed.code, 1009) << closed.reason;
}

TEST_F(WsLimitsTest, SilentPeerThatAnswersPingsOutlivesTheIdleTimeout) {
  auto ws = Connect();
  // Reading for more than twice the idle timeout answers every ping the server sends.
  EXPECT_FALSE(ws.NextPush(5s));
  EXPECT_GE(ws.pings_received(), 1);
  EXPECT_TRUE(ws.is_open());
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "server/info"}})));
}

TEST_F(WsLimitsTest, PeerThatDoesNotAnswerPingsIsDropped) {
  auto ws = Connect();
  EXPECT_TRUE(Succeeded(ws.Request({{"action", "server/info"}})));
  // Not reading, so the server's pings go unanswered.
  ASSERT_TRUE(ws.WaitForHangUp(15s));
  const auto closed = ws.ExpectClosed();
  EXPECT_TRUE(closed.closed);
  EXPECT_GE(ws.pings_received(), 1) << "dropped without being pinged first";
}

// --- shutdown (a suite of its own: the test stops the server) -------------------------------

class WsShutdownTest : public WsTest {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.args = {"--shutdown-timeout", "2"};
    StartServer(std::move(options));
  }
  static void TearDownTestSuite() {
    if (server_->running()) return WsTest::TearDownTestSuite();
    server_.reset();
  }
};

TEST_F(WsShutdownTest, ShutdownClosesConnectionsWithGoingAwayEvenBesideAStuckConsumer) {
  const int64_t network = CreateNetwork("ws-shutdown-net");
  RegisterDevice("ws-shutdown-dev", network);
  // A subscriber that never reads, with pushes piling up on its connection (under the queue
  // limits, so it is not cut off), while its server-side write cannot finish.
  WsClientOptions stuck_options;
  stuck_options.receive_buffer_bytes = 4096;
  WsClient stuck(port(), stuck_options);
  ASSERT_TRUE(Succeeded(stuck.Request({{"action", "authenticate"}, {"token", admin_token_}})));
  ASSERT_TRUE(Succeeded(
      stuck.Request({{"action", "notification/subscribe"}, {"deviceId", "ws-shutdown-dev"}})));
  auto sender = ConnectAdmin();
  const std::string blob(16 * 1024, 'b');
  for (int i = 0; i < 320; ++i) {  // ~5 MB: more than the kernel buffers, less than the queue
    ASSERT_TRUE(Succeeded(sender.Request(
        {{"action", "notification/insert"},
         {"deviceId", "ws-shutdown-dev"},
         {"notification", {{"notification", "bulk"}, {"parameters", {{"blob", blob}}}}}})));
  }
  auto idle = ConnectAdmin();
  auto closed = std::async(std::launch::async, [&idle] { return idle.ExpectClosed(15s); });

  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(server_->Stop(), 0) << server_->Log();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  const auto idle_closed = closed.get();
  EXPECT_TRUE(idle_closed.closed);
  EXPECT_EQ(idle_closed.code, 1001) << idle_closed.reason;
  EXPECT_EQ(idle_closed.reason, "server shutting down");
}

}  // namespace
}  // namespace dh::test
