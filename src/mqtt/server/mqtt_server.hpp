#pragma once
// The MQTT listener (port 1883 by default): one Connection per client over the shared broker.
#include <memory>
#include <mutex>
#include <unordered_map>

#include "mqtt/server/connection.hpp"
#include "net/listener.hpp"

namespace dh::mqtt {

struct MqttServerOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 1883;  // 0 picks a free port
  size_t max_connections = 100'000;
  ConnectionOptions connection;
};

class MqttServer {
 public:
  MqttServer(boost::asio::io_context& io, MqttServerOptions options, Broker& broker,
             BrokerHooks* hooks);

  core::Status Start() { return listener_.Start(); }
  uint16_t port() const { return listener_.port(); }
  // Stops accepting and closes every connection (their wills are published, as for any
  // connection that ends without DISCONNECT).
  void Stop();
  size_t connections() const { return listener_.connections(); }

 private:
  // Shared with the connections' slots, which may outlive the server at shutdown.
  struct Registry {
    std::mutex mutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> live;
  };

  ServerContext context_;
  std::shared_ptr<Registry> registry_ = std::make_shared<Registry>();
  net::Listener listener_;
};

}  // namespace dh::mqtt
