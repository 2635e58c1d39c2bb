#pragma once
// What each front door takes from the command line: Config mapped onto the options of the
// HTTP server, the WebSocket transport and the MQTT server. Pure functions of the Config.
#include "app/config.hpp"
#include "mqtt/server/mqtt_server.hpp"
#include "net/http_server.hpp"
#include "net/websocket/connection.hpp"

namespace dh::app {

// Every WebSocket endpoint's limits: /api/websocket, /plugin/proxy and /mqtt.
net::websocket::Options WebSocketOptionsFrom(const Config& config);

// The HTTP server's address, limits and timeouts; no WebSocket endpoints yet (Serve adds those
// of the roles it runs).
net::HttpServerOptions HttpOptionsFrom(const Config& config);

// The MQTT listener (on the HTTP address) and its packet limit; MQTT over WebSocket gets
// `websocket`.
mqtt::MqttServerOptions MqttOptionsFrom(const Config& config,
                                        const net::websocket::Options& websocket);

}  // namespace dh::app
