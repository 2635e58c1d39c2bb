#pragma once
// The throughput mode: device connections insert notifications (open loop at a fixed rate, or
// closed loop as fast as a window allows), subscriber connections receive them, and the report
// gives the rates and the insert-to-delivery latency of the measurement window.
#include "core/error.hpp"
#include "ws_load/options.hpp"
#include "ws_load/report.hpp"

namespace dh::bench {

// Registers the devices, sets every connection up (or fails after --connect-timeout), runs
// warm-up + duration + at most --drain seconds, and closes everything.
core::Result<ThroughputReport> RunThroughput(const Options& options);

}  // namespace dh::bench
