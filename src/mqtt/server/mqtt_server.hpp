#pragma once
// The MQTT listener (port 1883 by default) and the MQTT-over-WebSocket endpoint (/mqtt on the
// HTTP port): one Connection per client over the shared broker.
#include <memory>

#include "mqtt/server/connection.hpp"
#include "mqtt/server/deadlines.hpp"
#include "mqtt/server/registry.hpp"
#include "net/listener.hpp"
#include "net/websocket/connection.hpp"
#include "net/websocket_handler.hpp"

namespace dh::mqtt {

struct MqttServerOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 1883;  // 0 picks a free port
  size_t max_connections = 100'000;
  ConnectionOptions connection;
  // For MQTT over WebSocket; its message limit is raised to hold the largest packet.
  net::websocket::Options websocket;
};

class MqttServer final : public net::WebSocketHandler {
 public:
  MqttServer(boost::asio::io_context& io, MqttServerOptions options, Broker& broker,
             BrokerHooks* hooks);

  core::Status Start();
  uint16_t port() const { return listener_.port(); }
  // Stops accepting and closes every connection, WebSocket ones included (their wills are
  // published, as for any connection that ends without DISCONNECT).
  void Stop();
  // TCP connections open (WebSocket ones count as the HTTP server's).
  size_t connections() const { return listener_.connections(); }

  // net::WebSocketHandler: MQTT over WebSocket (subprotocol "mqtt" or "mqttv3.1").
  void Upgrade(boost::asio::ip::tcp::socket socket, net::HttpRequest request,
               std::shared_ptr<void> slot) override;

 private:
  Deadlines deadlines_;
  ServerContext context_;
  net::websocket::Options websocket_;
  std::shared_ptr<Registry> registry_ = std::make_shared<Registry>();  // shared with connections
  net::Listener listener_;
};

}  // namespace dh::mqtt
