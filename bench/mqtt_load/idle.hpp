#pragma once
// The idle mode: opens many MQTT connections (CONNECT with --keep-alive, 600 s by default, then
// nothing but a PINGREQ every half keep-alive), holds them, and reports how many stayed open and,
// with --server-pid, the broker's RSS before and after: the memory per idle connection.
#include "core/error.hpp"
#include "mqtt_load/options.hpp"
#include "mqtt_load/report.hpp"

namespace dh::bench::mqtt_load {

// Opens --connections connections, --connect-concurrency at a time, for at most
// --connect-timeout seconds; holds them --hold seconds; closes them.
core::Result<IdleReport> RunIdle(const Options& options);

}  // namespace dh::bench::mqtt_load
