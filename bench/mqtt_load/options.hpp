#pragma once
// Command-line settings of dh_mqtt_load. Every run is bounded: connection set-up by
// --connect-timeout, the load by --warmup + --duration, the wind-down by --drain.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"

namespace dh::bench::mqtt_load {

enum class Mode { kThroughput, kIdle };

struct Options {
  Mode mode = Mode::kThroughput;

  // The broker under test (loopback only).
  std::string host = "127.0.0.1";
  uint16_t port = 1883;
  int server_pid = 0;  // > 0: report its CPU time and RSS from /proc
  unsigned threads = 1;
  double connect_timeout_s = 30;
  // Connections bind to 127.0.0.2 .. 127.0.0.(1 + n) in turn; 0: one per 16,000 connections.
  unsigned source_addresses = 0;
  std::string client_prefix = "dh-mqtt-load-";
  uint16_t keep_alive_s = 0;  // 0: the mode's default (throughput 60, idle 600)

  // throughput: pair i publishes to and subscribes to bench/<i>
  unsigned pairs = 50;
  unsigned qos = 0;
  double rate = 10'000;  // publishes/s over all pairs, open loop; 0: closed loop (saturation)
  unsigned window = 16;  // with rate 0: publishes in flight per pair until delivered
  size_t payload_size = 64;
  double warmup_s = 2;
  double duration_s = 10;
  double drain_s = 2;
  size_t max_queue_bytes = size_t{4} << 20;  // unsent bytes per connection before drops

  // idle
  unsigned connections = 10'000;
  unsigned connect_concurrency = 256;
  double hold_s = 2;
};

// Parses the command line. --help prints usage and returns kBadRequest with an empty message.
core::Result<Options> ParseOptions(int argc, char** argv);

}  // namespace dh::bench::mqtt_load
