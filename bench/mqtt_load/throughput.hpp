#pragma once
// The throughput mode: --pairs publisher/subscriber pairs, pair i on topic bench/<i> at --qos.
// Publishers send open loop at --rate over all pairs, or closed loop (--rate 0) with --window
// messages in flight per pair; subscribers record the send-to-arrival latency. The report gives
// delivered/s and latency quantiles of the messages sent in the measurement window, errors, and
// the tool's and (with --server-pid) the broker's CPU.
#include "core/error.hpp"
#include "mqtt_load/options.hpp"
#include "mqtt_load/report.hpp"

namespace dh::bench::mqtt_load {

// Sets every pair up (or fails after --connect-timeout), runs warm-up + duration + at most
// --drain seconds, and closes everything.
core::Result<ThroughputReport> RunThroughput(const Options& options);

}  // namespace dh::bench::mqtt_load
