#pragma once
// Command-line settings of dh_ws_load. Every run is bounded: connection set-up by
// --connect-timeout, the load by --warmup + --duration, the wind-down by --drain.
#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace dh::bench {

enum class Mode { kThroughput, kPlugin, kIdle };
// How devices insert: WebSocket notification/insert, or MQTT PUBLISH to DeviceHive topics.
enum class DeviceTransport { kWebSocket, kMqtt };

struct Options {
  Mode mode = Mode::kThroughput;

  // The server under test (loopback only).
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string token;  // empty: log in with login/password over REST
  std::string login = "dhadmin";
  std::string password = "dhadmin_#911";
  int server_pid = 0;  // > 0: report its CPU time and RSS from /proc
  unsigned threads = 1;
  double connect_timeout_s = 30;
  // Connections bind to 127.0.0.2 .. 127.0.0.(1 + n) in turn; 0: one per 16,000 connections.
  unsigned source_addresses = 0;

  // throughput and plugin
  unsigned devices = 100;
  DeviceTransport device_transport = DeviceTransport::kWebSocket;
  uint16_t mqtt_port = 1883;
  unsigned subscribers = 100;  // subscriber i follows device i % devices
  double rate = 1000;          // notifications/s over all devices; 0: as fast as possible
  unsigned window = 8;         // with rate 0: requests in flight per device connection
  double warmup_s = 2;
  double duration_s = 10;
  double drain_s = 2;
  size_t max_queue = 10'000;  // messages waiting per connection before sends are dropped
  std::string device_prefix = "ws-load-";
  bool register_devices = true;

  // plugin
  unsigned plugin_connections = 1;
  std::string plugin_group;  // empty: every connection receives every notification

  // idle
  unsigned connections = 10'000;
  unsigned connect_concurrency = 256;
  double hold_s = 2;
};

// Parses the command line. --help prints usage and returns kBadRequest with an empty message.
core::Result<Options> ParseOptions(int argc, char** argv);

}  // namespace dh::bench
