#pragma once
// One HTTP connection (internal to net/). Reads a request, hands it to the handler, writes the
// response, repeats while keep-alive holds. Every operation runs on the connection's strand.
//
// Cheap per request, as profiles of the REST insert asked: requests are parsed by Beast, but a
// response is written by us as one contiguous buffer (status line, fields, body) in one send(),
// not through Beast's serializer and its buffer-sequence views; and the read/write timeout is
// one timer per connection that re-arms itself only when its deadline has moved, not a timer
// started and cancelled around every read and every write (beast::tcp_stream's way).
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>

#include "net/http_handler.hpp"
#include "net/http_server.hpp"

namespace dh::net {

class HttpSession;

// The live sessions of one server, for graceful stop and the connection count. Thread-safe.
class SessionRegistry {
 public:
  void Add(HttpSession* session);
  void Remove(HttpSession* session);
  // Asks every live session to close once it is idle.
  void CloseAll();
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_set<HttpSession*> sessions_;
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, const HttpServerOptions& options,
              HttpHandler& handler, std::shared_ptr<SessionRegistry> registry,
              std::shared_ptr<void> slot);
  ~HttpSession();

  void Start();
  // Closes now when idle, else after the response in progress. Any thread.
  void Close();
  // Writes the response to the current request. Any thread.
  void Send(HttpResponse response);

 private:
  void DoRead();
  void OnRead(boost::beast::error_code ec);
  // The read or write starting now must end within the timeout.
  void ArmDeadline();
  void WaitForDeadline();
  void OnDeadline(boost::system::error_code ec);
  void Write(HttpResponse response);
  void OnWrite(boost::beast::error_code ec);
  // Answers a request the parser rejected, then closes.
  void Reject(HttpStatus status, std::string_view message);
  void Shutdown();
  // Hands the connection to a WebSocket handler when the request upgrades on its path.
  bool TryUpgrade();

  boost::asio::ip::tcp::socket socket_;
  boost::asio::any_io_executor executor_;  // the strand; valid even after an upgrade
  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_;
  boost::beast::flat_buffer buffer_;
  std::string out_;  // the response being written, serialized
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  HttpRequest request_;
  HttpResponse response_;
  const HttpServerOptions& options_;
  HttpHandler& handler_;
  std::shared_ptr<SessionRegistry> registry_;
  std::shared_ptr<void> slot_;
  bool reading_ = false;
  bool writing_ = false;
  bool timer_armed_ = false;
  bool closing_ = false;
  bool upgraded_ = false;
};

}  // namespace dh::net
