#pragma once
// The results of a run, and their JSON form (one object on one line, for scripts and jq).
// Rates and latencies are of the measurement window; error counts are of the whole run.
#include <cstdint>
#include <optional>
#include <string>

#include "common/report_json.hpp"

namespace dh::bench {

// Resource use over the measurement window; server fields empty without --server-pid.
struct CpuUse {
  double window_s = 0;
  double tool_cpu_s = 0;
  std::optional<double> server_cpu_s;
  std::optional<int64_t> server_rss_kib;
};

// The receiving side of a plugin mode run.
struct PluginShape {
  unsigned connections = 0;
  std::string group;  // empty: none
};

// The throughput and plugin modes ("mode":"plugin" when `plugin` is set; subscribers is 0).
struct ThroughputReport {
  unsigned devices = 0, subscribers = 0, threads = 0, window = 0;
  bool mqtt_devices = false;  // devices published over MQTT (--device-transport mqtt)
  std::optional<PluginShape> plugin;
  double rate_target = 0;  // 0: as fast as possible
  double warmup_s = 0, duration_s = 0;
  double offered_per_s = 0, acked_per_s = 0, delivered_per_s = 0;
  LatencySummary latency;      // insert to delivery
  LatencySummary ack_latency;  // insert to reply
  LatencySummary send_lag;     // the tool's own lateness (open loop)
  uint64_t insert_errors = 0, dropped = 0, bad_messages = 0, connections_lost = 0;
  uint64_t undelivered = 0;  // successful inserts times their receivers, minus pushes seen
  uint64_t unanswered = 0;   // inserts sent without a reply by the end of the drain
  CpuUse cpu;
};

struct IdleReport {
  unsigned requested = 0, threads = 0, source_addresses = 0;
  uint64_t fd_limit = 0;
  uint64_t opened = 0, failed = 0, open_at_end = 0;
  double setup_s = 0;
  std::optional<int64_t> server_rss_kib_before, server_rss_kib_after;
  double tool_cpu_s = 0;
};

std::string ToJson(const ThroughputReport& report);
std::string ToJson(const IdleReport& report);

}  // namespace dh::bench
