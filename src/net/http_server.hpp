#pragma once
// The HTTP/1.1 listener: one session per connection on its own strand, keep-alive, a timeout on
// every read and write (slow and idle clients are cut off), limits on header and body size, and
// a graceful stop that lets in-flight requests finish.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "net/http_handler.hpp"
#include "net/websocket_handler.hpp"

namespace boost::asio {
class io_context;
}

namespace dh::net {

struct HttpServerOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 8080;  // 0 picks a free port
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds timeout{30};  // to receive a whole request, or to sit idle between them
  size_t max_connections = 100'000;
  // WebSocket endpoints by exact path; an upgrade request elsewhere goes to the HTTP handler.
  std::vector<std::pair<std::string, WebSocketHandler*>> websockets;
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, HttpServerOptions options, HttpHandler& handler);
  ~HttpServer();

  // Binds and starts accepting; kUnavailable when the address cannot be bound.
  core::Status Start();
  // The bound port (after Start).
  uint16_t port() const;
  // Stops accepting and closes idle connections; busy ones close after their response.
  void Stop();
  // Connections currently open, WebSocket ones included.
  size_t connections() const;
  // HTTP connections currently open (WebSocket ones have left for their handler).
  size_t http_connections() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace dh::net
