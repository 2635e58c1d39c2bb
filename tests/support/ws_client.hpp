#pragma once
// A blocking WebSocket client for integration tests, over Beast on one private io_context.
// Loopback only. Every read runs the io_context for at most its timeout (an async read under
// run_one_for), so a silent server fails a test instead of hanging it; a read that timed out
// stays pending and the next read picks up its result. Responses are told from pushes by the
// "requestId" key: pushes never carry one. Not thread-safe: one thread drives a client.
//
// Transport tests go below Beast with the raw methods (SendRaw, ReadFrame, ReadsEndOfStream):
// once one is used, Beast is not used on that client again, and it ends by dropping TCP.
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dh::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct WsClientOptions {
  std::string target = "/api/websocket";
  Headers headers;                          // extra handshake headers (e.g. Authorization)
  std::vector<std::string> omit_headers;    // handshake headers left out (Sec-WebSocket-Key)
  std::optional<int> receive_buffer_bytes;  // SO_RCVBUF, set before connecting
};

// A frame as ReadFrame took it off the wire.
struct WsFrame {
  uint8_t first_byte = 0;  // FIN, RSV bits and opcode
  bool masked = false;     // a server must never mask
  std::string payload;     // unmasked
  int opcode() const { return first_byte & 0x0F; }
  bool fin() const { return (first_byte & 0x80) != 0; }
};

// A client frame as it goes on the wire: `first_byte` (FIN, RSV bits, opcode) verbatim, the
// shortest length encoding, and the payload masked with a fixed key unless `masked` is false.
std::string ClientFrame(uint8_t first_byte, std::string_view payload, bool masked = true);

// How a connection ended, as ExpectClosed saw it.
struct WsClosed {
  bool closed = false;  // false: still open when the deadline passed
  int code = 0;         // the close frame's code; 1006 when the TCP connection ended without one
  std::string reason;
  size_t messages_skipped = 0;  // data messages read (and dropped) before the end
};

// The server's answer to an upgrade request that was not accepted.
struct HandshakeRefusal {
  bool upgraded = false;  // true: the handshake succeeded after all
  int status = 0;
  std::string body;
};

class WsClient {
 public:
  static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};

  // Connects to ws://127.0.0.1:<port><target> and completes the handshake; throws on failure.
  explicit WsClient(uint16_t port, WsClientOptions options = {});
  // A client whose handshake sends "Authorization: Bearer <token>".
  static WsClient WithToken(uint16_t port, const std::string& token);
  // Attempts a handshake that is expected to be refused, and reports the HTTP answer.
  static HandshakeRefusal TryHandshake(uint16_t port, WsClientOptions options = {});

  ~WsClient();
  WsClient(WsClient&&) noexcept;
  WsClient& operator=(WsClient&&) noexcept;

  // Sends one text frame; throws when the connection is gone.
  void SendText(std::string_view text);
  void Send(const boost::json::object& message);
  // The next message off the wire (kept pushes are not consulted); nullopt on timeout or close.
  std::optional<std::string> ReadText(std::chrono::milliseconds timeout = kDefaultTimeout);
  // The next message parsed as a JSON object; nullopt on timeout, close, or a non-object.
  std::optional<boost::json::object> ReadObject(
      std::chrono::milliseconds timeout = kDefaultTimeout);

  // Sends `request` (given a fresh numeric requestId when it has none) and returns the response
  // carrying its requestId. Pushes read meanwhile are kept for NextPush; responses to other
  // requests are dropped. Throws when no response arrives in time.
  boost::json::object Request(boost::json::object request,
                              std::chrono::milliseconds timeout = kDefaultTimeout);
  // The oldest kept push, else the next message without a requestId; nullopt on timeout.
  std::optional<boost::json::object> NextPush(std::chrono::milliseconds timeout = kDefaultTimeout);
  size_t kept_pushes() const { return pushes_.size(); }

  // Reads (dropping data messages) until the connection ends or `timeout` passes.
  WsClosed ExpectClosed(std::chrono::milliseconds timeout = kDefaultTimeout);
  // Waits, without reading, until the server hangs up the TCP connection (POLLRDHUP); true if it
  // did within `timeout`. Reading nothing means pings go unanswered meanwhile.
  bool WaitForHangUp(std::chrono::milliseconds timeout);
  // Starts a clean close with code 1000 and waits up to `timeout` for it to finish.
  void Close(std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));
  // Drops the TCP connection without a close frame.
  void Abort();

  // Writes `bytes` to the socket as they are, `bytes_per_write` at a time; throws on failure.
  void SendRaw(std::string_view bytes, size_t bytes_per_write = SIZE_MAX);
  // The next frame on the wire, whatever its opcode; nullopt on timeout or the end of the stream.
  std::optional<WsFrame> ReadFrame(std::chrono::milliseconds timeout = kDefaultTimeout);
  // Whether the server ends the TCP connection within `timeout` with no more bytes before it.
  bool ReadsEndOfStream(std::chrono::milliseconds timeout = kDefaultTimeout);

  bool is_open() const;
  // Ping frames received from the server so far (answered by Beast while reading).
  int pings_received() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::deque<boost::json::object> pushes_;
  int64_t next_request_id_ = 1;
};

}  // namespace dh::test
