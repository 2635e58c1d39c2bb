#pragma once
// What the clients driven by one worker share: the broker, the measurement window, the
// statistics they record (worker thread only) and the progress counters the main thread polls.
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>

#include "common/histogram.hpp"
#include "common/load_plan.hpp"
#include "common/worker.hpp"

namespace dh::bench::mqtt_load {

// Counts are of messages sent inside the measurement window unless marked "run".
struct LoadStats {
  Histogram latency_ns;   // send time (open loop: the scheduled time) to arrival
  Histogram send_lag_ns;  // open loop: how late the tool queued a publish (its own slowness)
  uint64_t offered = 0;   // publishes scheduled (closed loop: made)
  uint64_t delivered = 0;
  uint64_t dropped = 0;           // run: publishes not sent, connection down or queue full
  uint64_t lost = 0;              // run: gaps in a pair's sequence numbers
  uint64_t duplicates = 0;        // run: sequence numbers seen again or out of order
  uint64_t bad_packets = 0;       // run: packets the tool could not read or did not expect
  uint64_t connections_lost = 0;  // run: connections closed before the end
  uint64_t stalls = 0;            // run: closed-loop windows reopened after 1 s without delivery
  void Merge(const LoadStats& other);
};

// Single-writer counters (the worker thread) read by the main thread.
struct alignas(64) Progress {
  std::atomic<uint64_t> ready{0};      // connections set up (subscribed, for subscribers)
  std::atomic<uint64_t> failed{0};     // connections that could not be set up
  std::atomic<uint64_t> closed{0};     // set-up connections that have ended
  std::atomic<uint64_t> sent{0};       // publishes written to a connection
  std::atomic<uint64_t> acked{0};      // PUBACKs to publishers (QoS 1)
  std::atomic<uint64_t> delivered{0};  // publishes that reached their subscriber
  static void Bump(std::atomic<uint64_t>& counter, uint64_t n = 1) {
    counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
};

// Owners of clients declare their LoadContext before the clients, so the worker's io_context
// outlives every connection.
struct LoadContext {
  LoadContext(const boost::asio::ip::tcp::endpoint& b, const LoadPlan& p) : broker(b), plan(p) {}
  Worker worker;
  const boost::asio::ip::tcp::endpoint& broker;
  const LoadPlan& plan;
  LoadStats stats;
  Progress progress;
  bool stopping = false;  // worker thread: connections closing now are expected to
};

}  // namespace dh::bench::mqtt_load
