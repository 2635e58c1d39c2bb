#include "app/options.hpp"

namespace dh::app {

net::websocket::Options WebSocketOptionsFrom(const Config& config) {
  net::websocket::Options options;
  options.max_message_bytes = config.ws_max_message_bytes;
  options.max_queued_messages = config.ws_max_queued_messages;
  options.max_queued_bytes = config.ws_max_queued_bytes;
  options.idle_timeout = std::chrono::seconds(config.ws_idle_timeout_s);
  return options;
}

net::HttpServerOptions HttpOptionsFrom(const Config& config) {
  net::HttpServerOptions options;
  options.address = config.http_address;
  options.port = config.http_port;
  options.max_body_bytes = config.max_body_bytes;
  options.timeout = std::chrono::seconds(config.http_timeout_s);
  options.max_connections = config.max_connections;
  return options;
}

mqtt::MqttServerOptions MqttOptionsFrom(const Config& config,
                                        const net::websocket::Options& websocket) {
  mqtt::MqttServerOptions options;
  options.address = config.http_address;
  options.port = config.mqtt_port;
  options.max_connections = config.max_connections;
  options.connection.max_packet_size = config.mqtt_max_packet_bytes;
  options.websocket = websocket;
  return options;
}

}  // namespace dh::app
