// The HTTP front door under bad input and load: malformed JSON and HTTP, body and header
// limits, idle and slow clients (read timeouts), keep-alive and pipelining, many concurrent
// clients, and SIGTERM while requests are in flight.
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <sstream>
#include <thread>
#include <tuple>

#include "server_test.hpp"

namespace dh::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using boost::json::object;
using boost::json::serialize;
using std::chrono::milliseconds;
using std::chrono::seconds;
using SteadyClock = std::chrono::steady_clock;

constexpr milliseconds kReadTimeout{5000};

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string RawGet(const std::string& target, const std::string& extra_headers = {}) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

// A connection for byte-level HTTP exchanges that must stay on one socket.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) : stream_(io_) {
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  void Write(const std::string& bytes) {
    stream_.expires_after(kReadTimeout);
    asio::write(stream_, asio::buffer(bytes));
  }
  // Reads one response; throws when the connection breaks or times out.
  http::response<http::string_body> Read() {
    stream_.expires_after(kReadTimeout);
    http::response<http::string_body> response;
    http::read(stream_, buffer_, response);
    return response;
  }

 private:
  asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

// What a raw client saw: whether the server closed the connection, how many of the trickled
// bytes got out first, what came back, and when the exchange ended.
struct SlowOutcome {
  bool closed_by_server = false;
  size_t bytes_sent = 0;
  std::string received;
  milliseconds took{0};
};

// Sends `upfront` at once, then `trickled` one byte per `interval`, reading all the while, until
// the server closes the connection or `give_up_after` passes. Unlike RawExchange (whose
// synchronous reads ignore its timeout), the deadline holds even if the server never closes.
SlowOutcome SlowExchange(uint16_t port, const std::string& upfront, const std::string& trickled,
                         milliseconds interval, milliseconds give_up_after) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  if (!upfront.empty()) asio::write(socket, asio::buffer(upfront));
  const int fd = socket.native_handle();
  SlowOutcome outcome;
  const auto started = SteadyClock::now();
  const auto finish = [&] {
    outcome.took = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - started);
    return outcome;
  };
  while (SteadyClock::now() - started < give_up_after) {
    // The poll timeout paces the bytes; readability means an answer or a close.
    pollfd watch{fd, POLLIN | POLLRDHUP, 0};
    if (::poll(&watch, 1, static_cast<int>(interval.count())) > 0) {
      char chunk[512];
      const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) {
        outcome.closed_by_server = true;
        return finish();
      }
      outcome.received.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (outcome.bytes_sent < trickled.size()) {
      if (::send(fd, trickled.data() + outcome.bytes_sent, 1, MSG_NOSIGNAL) != 1) {
        outcome.closed_by_server = true;
        return finish();
      }
      ++outcome.bytes_sent;
    }
  }
  return finish();
}

class HttpRobustnessTest : public ServerTest {};

// --- malformed JSON -----------------------------------------------------------------------

TEST_F(HttpRobustnessTest, MalformedJsonIsABadRequest) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/rest/network", "{name:"},
      {"/api/rest/network", R"({"name":"robust-net")"},
      {"/api/rest/network", R"({"name":"robust-net",})"},
      {"/api/rest/network", "\x01\x02\x03"},
      {"/api/rest/user", R"({"login":"robust-user","password":"pppppp","role":1)"},
      {"/api/rest/token/create", R"({"userId":1,"actions":[)"},
  };
  for (const auto& [target, body] : cases) {
    const auto result = Admin().Post(target, body);
    EXPECT_EQ(result.status, 400) << target << " " << body << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Invalid request parameters") << target << " " << body;
  }
  const auto device = Admin().Put("/api/rest/device/robust-bad-json", "{\"name\":");
  EXPECT_EQ(device.status, 400) << device.body;
  EXPECT_EQ(MessageOf(device), "Invalid request parameters");
  EXPECT_EQ(Admin().Get("/api/rest/device/robust-bad-json").status, 404);
  EXPECT_EQ(Admin().Get("/api/rest/network/count?name=robust-net").json().at("count").as_int64(),
            0);
}

TEST_F(HttpRobustnessTest, MalformedLoginJsonIsABadRequest) {
  for (const auto* body : {"{login:", "[]", "\"dhadmin\"", "{\"login\":\"dhadmin\""}) {
    EXPECT_EQ(Anonymous().Post("/api/rest/token", body).status, 400) << body;
  }
}

// Nesting is bounded (a guard against stack exhaustion; DeviceHive's Gson has no such limit).
TEST_F(HttpRobustnessTest, AbsurdlyDeepJsonIsRefused) {
  const std::string nested = std::string(5000, '[') + std::string(5000, ']');
  const auto result =
      Admin().Put("/api/rest/device/robust-deep", R"({"name":"deep","data":{"x":)" + nested + "}}");
  EXPECT_EQ(result.status, 400) << result.body;
  EXPECT_EQ(Admin().Get("/api/rest/device/robust-deep").status, 404);
}

TEST_F(HttpRobustnessTest, ABodyThatIsNotAnObjectIsABadRequest) {
  for (const auto* body : {"[]", "[{\"name\":\"robust-array\"}]", "42", "\"robust\"", "true"}) {
    const auto result = Admin().Post("/api/rest/network", body);
    EXPECT_EQ(result.status, 400) << body << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Invalid request parameters") << body;
  }
}

// Only mismatches DeviceHive's Gson binding also refuses: Gson reads numbers and booleans as
// strings, and any string as a boolean (Boolean.parseBoolean), so those are not listed here.
TEST_F(HttpRobustnessTest, WrongJsonTypesAreInvalidRequestParameters) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"POST", "/api/rest/network", R"({"name":{"x":1}})"},
      {"POST", "/api/rest/network", R"({"name":"robust-types","description":{"a":1}})"},
      {"POST", "/api/rest/devicetype", R"({"name":["robust-types"]})"},
      {"PUT", "/api/rest/device/robust-types", R"({"name":"d","networkId":"abc"})"},
      {"PUT", "/api/rest/device/robust-types", R"({"name":"d","networkId":1.5})"},
      {"PUT", "/api/rest/device/robust-types", R"({"name":"d","isBlocked":7})"},
      {"PUT", "/api/rest/device/robust-types", R"({"name":{"first":"d"}})"},
      {"POST", "/api/rest/user", R"({"login":["robust-types"],"password":"pppppp","role":1})"},
      {"POST", "/api/rest/user", R"({"login":"robust-types","password":"pppppp","role":"admin"})"},
      {"POST", "/api/rest/user",
       R"({"login":"robust-types","password":"pppppp","role":1,"introReviewed":3})"},
      {"POST", "/api/rest/user", R"({"login":"robust-types","password":["pppppp"],"role":1})"},
      {"PUT", "/api/rest/configuration/robust.types", R"({"value":{"a":1}})"},
      {"POST", "/api/rest/token/create", R"({"userId":"one"})"},
  };
  for (const auto& [method, target, body] : cases) {
    const auto result = Admin().Send(method, target, body);
    EXPECT_EQ(result.status, 400) << method << " " << target << " " << body << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "Invalid request parameters") << target << " " << body;
  }
  EXPECT_EQ(Admin().Get("/api/rest/device/robust-types").status, 404);
  EXPECT_EQ(Admin().Get("/api/rest/user/count?login=robust-types").json().at("count").as_int64(),
            0);
}

TEST_F(HttpRobustnessTest, DataThatIsNotAnObjectIsRejected) {
  for (const auto* data : {R"("text")", "[1,2]", "7"}) {
    const auto result = Admin().Put("/api/rest/device/robust-data",
                                    std::string(R"({"name":"d","data":)") + data + "}");
    EXPECT_EQ(result.status, 400) << data << ": " << result.body;
    EXPECT_EQ(MessageOf(result), "'parameters' must be JSON Object!") << data;
  }
}

// --- malformed HTTP -----------------------------------------------------------------------

TEST_F(HttpRobustnessTest, AMalformedRequestLineIs400AndCloses) {
  const std::vector<std::string> requests = {
      "GARBAGE\r\n\r\n",
      "GET\r\n\r\n",
      "GET /api/rest/info\r\n\r\n",
      "GET /api/rest/info HTTX/1.1\r\n\r\n",
      "GET /api/rest/info HTTP/1.1 extra\r\n\r\n",
      std::string("\x01\x02\x03\x04\x00\x05\r\n\r\n", 10),
      "GET /api/rest/info HTTP/1.1\r\nNo colon here\r\n\r\n",
      "POST /api/rest/network HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
      "POST /api/rest/network HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n",
  };
  for (const auto& request : requests) {
    const auto reply = RawExchange(port(), request, kReadTimeout);
    EXPECT_TRUE(StartsWith(reply.data, "HTTP/1.1 400 ")) << request << " -> " << reply.data;
    EXPECT_TRUE(reply.closed_by_server) << request;
  }
  EXPECT_EQ(Anonymous().Get("/api/rest/info").status, 200);
}

TEST_F(HttpRobustnessTest, AnOversizedHeaderIs431AndCloses) {
  const auto reply = RawExchange(
      port(), RawGet("/api/rest/info", "X-Filler: " + std::string(20'000, 'h') + "\r\n"),
      kReadTimeout);
  EXPECT_TRUE(StartsWith(reply.data, "HTTP/1.1 431 ")) << reply.data;
  EXPECT_TRUE(reply.closed_by_server);
  EXPECT_EQ(Anonymous().Get("/api/rest/info").status, 200);
}

TEST_F(HttpRobustnessTest, AnUnknownMethodIsAnsweredWithoutAServerError) {
  const auto reply = RawExchange(
      port(), "BREW /api/rest/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", kReadTimeout);
  EXPECT_TRUE(StartsWith(reply.data, "HTTP/1.1 405 ")) << reply.data;
  EXPECT_TRUE(reply.closed_by_server);
}

// --- connections --------------------------------------------------------------------------

TEST_F(HttpRobustnessTest, KeepAliveServesManyRequestsOnOneConnection) {
  RawConnection connection(port());
  for (int i = 0; i < 200; ++i) {
    const bool authorized = i % 10 == 0;
    connection.Write(authorized ? RawGet("/api/rest/device/count",
                                         "Authorization: Bearer " + admin_token_ + "\r\n")
                                : RawGet("/api/rest/info"));
    const auto response = connection.Read();
    ASSERT_EQ(response.result_int(), 200u) << "request " << i << ": " << response.body();
    ASSERT_TRUE(response.keep_alive()) << "request " << i;
  }
}

TEST_F(HttpRobustnessTest, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection connection(port());
  std::string batch;
  for (int i = 0; i < 20; ++i) batch += RawGet(i % 2 == 0 ? "/api/rest/info" : "/api/rest/nowhere");
  connection.Write(batch);
  for (int i = 0; i < 20; ++i) {
    const auto response = connection.Read();
    EXPECT_EQ(response.result_int(), i % 2 == 0 ? 200u : 404u) << "response " << i;
  }
}

TEST_F(HttpRobustnessTest, Http10AndConnectionCloseEndTheConnectionAfterTheResponse) {
  const auto old = RawExchange(port(), "GET /api/rest/info HTTP/1.0\r\n\r\n", kReadTimeout);
  EXPECT_TRUE(StartsWith(old.data, "HTTP/1.0 200 ")) << old.data;
  EXPECT_TRUE(old.closed_by_server);
  const auto closing =
      RawExchange(port(), RawGet("/api/rest/info", "Connection: close\r\n"), kReadTimeout);
  EXPECT_TRUE(StartsWith(closing.data, "HTTP/1.1 200 ")) << closing.data;
  EXPECT_TRUE(closing.closed_by_server);
}

TEST_F(HttpRobustnessTest, ConcurrentClientsAreAllAnsweredAndEveryWriteLands) {
  constexpr int kThreads = 16;
  constexpr int kRequests = 50;
  std::mutex mutex;
  std::vector<std::string> failures;
  std::atomic<int> busy_answers{0};
  const auto fail = [&](std::string what) {
    std::lock_guard lock(mutex);
    failures.push_back(std::move(what));
  };

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        auto client = Admin();
        for (int i = 0; i < kRequests; ++i) {
          const std::string id = "conc-" + std::to_string(t) + "-" + std::to_string(i);
          if (i % 2 == 0) {
            // A device write; "busy" may be retried, anything else must be final.
            const auto deadline = SteadyClock::now() + seconds(30);
            HttpResult result;
            do {
              result = client.Put("/api/rest/device/" + id, serialize(object{{"name", id}}));
              if (result.status == 503) ++busy_answers;
            } while (result.status == 503 && SteadyClock::now() < deadline);
            if (result.status != 204)
              fail("PUT " + id + ": " + std::to_string(result.status) + " " + result.body);
            continue;
          }
          const std::string written = "conc-" + std::to_string(t) + "-" + std::to_string(i - 1);
          const std::string target = i % 3 == 0   ? "/api/rest/device/" + written
                                     : i % 3 == 1 ? "/api/rest/device/count?namePattern=conc-%25"
                                                  : "/api/rest/info";
          const auto result = client.Get(target);
          if (result.status == 503) {
            ++busy_answers;
          } else if (result.status != 200) {
            fail("GET " + target + ": " + std::to_string(result.status) + " " + result.body);
          }
        }
      } catch (const std::exception& e) {
        fail(std::string("transport: ") + e.what());
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << failures.front();
  const auto count = Admin().Get("/api/rest/device/count?namePattern=conc-%25");
  ASSERT_EQ(count.status, 200) << count.body;
  EXPECT_EQ(count.json().at("count").as_int64(), kThreads * kRequests / 2);
  const auto listed = Admin().Get("/api/rest/device?namePattern=conc-%25");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json().as_array().size(), static_cast<size_t>(kThreads * kRequests / 2));
  RecordProperty("busy_answers", busy_answers.load());
}

TEST_F(HttpRobustnessTest, SigtermWhileRequestsAreInFlightStillExitsZero) {
  ServerProcess local;
  const std::string token = Login(local.port(), kAdminLogin, kAdminPassword);
  ASSERT_FALSE(token.empty()) << local.Log();

  std::atomic<bool> stop{false};
  std::atomic<int> answered{0};
  std::mutex mutex;
  std::vector<std::string> server_errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      HttpClient client(local.port());
      client.set_token(token);
      for (int i = 0; !stop; ++i) {
        try {
          HttpResult result;
          switch (i % 3) {
            case 0:  // slow: the password check runs on the blocking pool
              result = client.Post(
                  "/api/rest/token",
                  serialize(object{{"login", kAdminLogin}, {"password", kAdminPassword}}));
              break;
            case 1:
              result = client.Put("/api/rest/device/sigterm-" + std::to_string(t),
                                  serialize(object{{"name", "sigterm"}}));
              break;
            default:
              result = client.Get("/api/rest/device/count");
          }
          if (result.status >= 500 && result.status != 503) {
            std::lock_guard lock(mutex);
            server_errors.push_back(std::to_string(result.status) + " " + result.body);
          }
          ++answered;
        } catch (const std::exception&) {
          return;  // the server has gone away
        }
      }
    });
  }
  const auto deadline = SteadyClock::now() + seconds(60);
  while (answered < 40 && SteadyClock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  ASSERT_GE(answered.load(), 40) << local.Log();

  const int exit_code = local.Stop();
  stop = true;
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(exit_code, 0) << local.Log();
  EXPECT_TRUE(server_errors.empty()) << server_errors.front();
  const std::string log = local.Log();
  EXPECT_NE(log.find("signal 15 received"), std::string::npos) << log;
  EXPECT_EQ(log.find("without a response"), std::string::npos) << log;
}

// --- body limit ---------------------------------------------------------------------------

class HttpBodyLimitTest : public ServerTest {
 protected:
  static void SetUpTestSuite() { StartServer(ServerOptions{{"--max-body-size", "2048"}, {}, {}}); }

  static std::string DeviceBody(size_t size) {
    const std::string shell = R"({"name":"limit","data":{"blob":""}})";
    return R"({"name":"limit","data":{"blob":")" + std::string(size - shell.size(), 'x') + R"("}})";
  }
};

TEST_F(HttpBodyLimitTest, ABodyOverTheLimitIs413AndTheServerKeepsServing) {
  const auto result = Admin().Put("/api/rest/device/limit-over", DeviceBody(4096));
  EXPECT_EQ(result.status, 413) << result.body;
  EXPECT_EQ(Admin().Get("/api/rest/device/limit-over").status, 404);
  EXPECT_EQ(Anonymous().Get("/api/rest/info").status, 200);
  EXPECT_EQ(Admin().Put("/api/rest/device/limit-after", DeviceBody(512)).status, 204);
}

TEST_F(HttpBodyLimitTest, ABodyAtTheLimitIsAccepted) {
  const auto body = DeviceBody(2048);
  ASSERT_EQ(body.size(), 2048u);
  EXPECT_EQ(Admin().Put("/api/rest/device/limit-exact", body).status, 204);
  EXPECT_EQ(Admin().Put("/api/rest/device/limit-one-more", DeviceBody(2049)).status, 413);
}

TEST_F(HttpBodyLimitTest, AChunkedBodyOverTheLimitIs413) {
  const std::string chunk(3000, 'x');
  std::ostringstream request;
  request << "PUT /api/rest/device/limit-chunked HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          << "Authorization: Bearer " << admin_token_ << "\r\n"
          << "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          << std::hex << chunk.size() << "\r\n"
          << chunk << "\r\n0\r\n\r\n";
  const auto reply = RawExchange(port(), request.str(), kReadTimeout);
  EXPECT_TRUE(StartsWith(reply.data, "HTTP/1.1 413 ")) << reply.data;
  EXPECT_TRUE(reply.closed_by_server);
  EXPECT_EQ(Admin().Get("/api/rest/device/limit-chunked").status, 404);
}

TEST_F(HttpBodyLimitTest, ADeclaredLengthOverTheLimitIsRefusedBeforeTheBodyArrives) {
  // Only the header is sent: the server must not wait for 10 MB that never come.
  const auto reply = RawExchange(
      port(),
      "PUT /api/rest/device/limit-declared HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
      "10000000\r\n\r\n",
      kReadTimeout);
  EXPECT_TRUE(StartsWith(reply.data, "HTTP/1.1 413 ")) << reply.data;
  EXPECT_TRUE(reply.closed_by_server);
}

// --- timeouts -----------------------------------------------------------------------------

class HttpTimeoutTest : public ServerTest {
 protected:
  static void SetUpTestSuite() { StartServer(ServerOptions{{"--http-timeout", "1"}, {}, {}}); }

  // Sends `bytes`, then waits up to 5 s for the server to close the connection.
  static SlowOutcome SendThenWait(const std::string& bytes) {
    return SlowExchange(port(), bytes, {}, milliseconds(100), kReadTimeout);
  }
};

// The server allows 1 s; anything under 4 s is its timeout, not ours.
constexpr milliseconds kCutOffWithin{4000};

TEST_F(HttpTimeoutTest, AnIdleConnectionIsClosedByTheServer) {
  const auto outcome = SendThenWait("");
  EXPECT_TRUE(outcome.closed_by_server);
  EXPECT_TRUE(outcome.received.empty()) << outcome.received;
  EXPECT_LT(outcome.took, kCutOffWithin);
}

TEST_F(HttpTimeoutTest, APartialRequestIsCutOff) {
  const auto outcome = SendThenWait("GET /api/rest/info HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  EXPECT_TRUE(outcome.closed_by_server);
  EXPECT_FALSE(StartsWith(outcome.received, "HTTP/1.1 200")) << outcome.received;
  EXPECT_LT(outcome.took, kCutOffWithin);
}

TEST_F(HttpTimeoutTest, AnIncompleteBodyIsCutOff) {
  const auto outcome = SendThenWait(
      "PUT /api/rest/device/timeout-body HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
      admin_token_ + "\r\nContent-Length: 100\r\n\r\n{\"name\":");
  EXPECT_TRUE(outcome.closed_by_server);
  EXPECT_LT(outcome.took, kCutOffWithin);
  EXPECT_EQ(Admin().Get("/api/rest/device/timeout-body").status, 404);
}

TEST_F(HttpTimeoutTest, AKeptAliveConnectionIsClosedOnceIdle) {
  const auto outcome = SendThenWait(RawGet("/api/rest/info"));
  EXPECT_TRUE(StartsWith(outcome.received, "HTTP/1.1 200 ")) << outcome.received;
  EXPECT_TRUE(outcome.closed_by_server);
  EXPECT_LT(outcome.took, kCutOffWithin);
}

TEST_F(HttpTimeoutTest, AnIdleConnectionIsClosedThroughRawExchangeToo) {
  const auto reply = RawExchange(port(), "GET /api/rest/info HTTP/1.1\r\n", kReadTimeout);
  EXPECT_TRUE(reply.closed_by_server);
  EXPECT_TRUE(reply.data.empty()) << reply.data;
}

TEST_F(HttpTimeoutTest, ASlowClientIsCutOffWhileStillSending) {
  // 70 bytes at one per 100 ms would take 7 s; the server allows 1 s for the whole request.
  const std::string request = RawGet("/api/rest/info", "X-Slow: " + std::string(20, 's') + "\r\n");
  ASSERT_GT(request.size(), 60u);
  const auto outcome = SlowExchange(port(), {}, request, milliseconds(100), milliseconds(6000));
  EXPECT_TRUE(outcome.closed_by_server);
  EXPECT_LT(outcome.bytes_sent, request.size());
  EXPECT_TRUE(outcome.received.empty()) << outcome.received;
  EXPECT_LT(outcome.took, kCutOffWithin);
}

TEST_F(HttpTimeoutTest, ALongPollOutlastsTheTimeout) {
  // The timeout bounds reading a request and writing its response, not a handler that holds
  // the request: a poll waits its full 2 s here, twice the server's 1 s.
  const auto started = std::chrono::steady_clock::now();
  const auto reply = Admin().Get("/api/rest/device/notification/poll?waitTimeout=2");
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, "[]");
  EXPECT_GE(took, milliseconds(1900));
}

TEST_F(HttpTimeoutTest, PromptClientsAreServed) {
  auto client = Admin();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(client.Get("/api/rest/device/count").status, 200);
}

}  // namespace
}  // namespace dh::test
