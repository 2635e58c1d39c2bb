#pragma once
// The results of a run, and their JSON form (one object on one line, for scripts and jq).
// Rates and latencies are of the messages sent in the measurement window; error counts are of
// the whole run.
#include <cstdint>
#include <optional>
#include <string>

#include "common/report_json.hpp"

namespace dh::bench::mqtt_load {

struct ThroughputReport {
  unsigned pairs = 0, qos = 0, threads = 0, window = 0;
  size_t payload_size = 0;
  double rate_target = 0;  // 0: closed loop
  double warmup_s = 0, duration_s = 0;
  double offered_per_s = 0, delivered_per_s = 0;
  LatencySummary latency;   // send (open loop: scheduled) time to arrival
  LatencySummary send_lag;  // the tool's own lateness (open loop)
  uint64_t dropped = 0, lost = 0, duplicates = 0, bad_packets = 0, connections_lost = 0;
  uint64_t stalls = 0;
  uint64_t undelivered = 0;  // publishes sent minus publishes received, after the drain
  uint64_t unacked = 0;      // QoS 1: publishes sent without a PUBACK after the drain
  double tool_cpu_s = 0;
  std::optional<double> server_cpu_s;
  std::optional<int64_t> server_rss_kib;
};

struct IdleReport {
  unsigned requested = 0, threads = 0, source_addresses = 0, keep_alive_s = 0;
  uint64_t fd_limit = 0;
  uint64_t opened = 0, failed = 0, open_at_end = 0;
  double setup_s = 0;
  std::optional<int64_t> server_rss_kib_before, server_rss_kib_after;
  double tool_cpu_s = 0;
};

std::string ToJson(const ThroughputReport& report);
std::string ToJson(const IdleReport& report);

}  // namespace dh::bench::mqtt_load
