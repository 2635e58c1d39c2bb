#pragma once
// The idle mode: opens many WebSocket connections, each sending one `authenticate`, holds them,
// and reports how many stayed open and, with --server-pid, the server's RSS before and after
// (so the memory per idle authenticated connection).
#include "core/error.hpp"
#include "ws_load/options.hpp"
#include "ws_load/report.hpp"

namespace dh::bench {

// Opens --connections connections, --connect-concurrency at a time, for at most
// --connect-timeout seconds; holds them --hold seconds; closes them.
core::Result<IdleReport> RunIdle(const Options& options);

}  // namespace dh::bench
