#pragma once
// What the clients driven by one worker share: the target, the measurement window, the
// statistics they record (worker thread only) and the progress counters the main thread polls.
#include <atomic>
#include <cstdint>
#include <string>

#include "common/histogram.hpp"
#include "common/load_plan.hpp"
#include "common/worker.hpp"
#include "ws_load/connection.hpp"

namespace dh::bench {

// Counts are of events inside the measurement window unless marked "run".
struct LoadStats {
  Histogram delivery_ns;  // insert (scheduled send time) to push received
  Histogram ack_ns;       // insert to its reply
  Histogram send_lag_ns;  // open loop: how late the tool queued a send (its own slowness)
  uint64_t offered = 0;   // sends scheduled (or, closed loop, made)
  uint64_t acked = 0;     // successful insert replies
  uint64_t delivered = 0;
  uint64_t insert_errors = 0;     // run: error replies to notification/insert
  uint64_t dropped = 0;           // run: sends dropped, connection not ready or its queue full
  uint64_t bad_messages = 0;      // run: replies or pushes the tool could not read
  uint64_t connections_lost = 0;  // run: connections closed before the end
  void Merge(const LoadStats& other);
};

// Single-writer counters (the worker thread) read by the main thread.
struct alignas(64) Progress {
  std::atomic<uint64_t> ready{0};   // connections set up
  std::atomic<uint64_t> failed{0};  // connections that could not be set up
  std::atomic<uint64_t> closed{0};  // set-up connections that have ended
  std::atomic<uint64_t> sent{0};
  std::atomic<uint64_t> answered{0};         // insert replies, success or not
  std::atomic<uint64_t> expected_pushes{0};  // successful inserts x their pushes per insert
  std::atomic<uint64_t> delivered{0};
  static void Bump(std::atomic<uint64_t>& counter, uint64_t n = 1) {
    counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
};

// Owners of clients declare their LoadContext before the clients, so the worker's io_context
// outlives every connection.
struct LoadContext {
  LoadContext(const Target& t, const std::string& tok, const LoadPlan& p)
      : target(t), token(tok), plan(p) {}
  Worker worker;
  const Target& target;
  const std::string& token;
  const LoadPlan& plan;
  LoadStats stats;
  Progress progress;
  bool stopping = false;  // worker thread: connections closing now are expected to
};

}  // namespace dh::bench
