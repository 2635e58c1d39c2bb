#pragma once
// A TCP listener shared by the servers (HTTP, MQTT): accepts on its own strand, gives each
// connection a strand and a slot that counts it against `max_connections` while held, backs off
// when accept fails (out of descriptors), and stops on demand.
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"

namespace boost::asio {
class io_context;
}

namespace dh::net {

struct ListenerOptions {
  std::string name = "http";  // for logs
  std::string address = "0.0.0.0";
  uint16_t port = 0;  // 0 picks a free port
  size_t max_connections = 100'000;
};

class Listener {
 public:
  // Called for each accepted connection (with TCP_NODELAY set) on the connection's strand.
  using Accepted = std::function<void(boost::asio::ip::tcp::socket, std::shared_ptr<void> slot)>;

  Listener(boost::asio::io_context& io, ListenerOptions options, Accepted accepted);
  ~Listener();

  // Binds and starts accepting; kUnavailable when the address cannot be bound.
  core::Status Start();
  uint16_t port() const;
  // Stops accepting (connections already open are their owners' business).
  void Stop();
  // Connections whose slot is still held.
  size_t connections() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace dh::net
