#pragma once
// The clock every timestamp of a load tool is taken from, and the measurement window of a run.
#include <chrono>
#include <cstdint>

namespace dh::bench {

// Steady-clock nanoseconds: the clock of every timestamp the tools send and compare.
inline int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Written by the main thread before the load starts; read-only afterwards.
struct LoadPlan {
  int64_t start_ns = 0;          // first send
  int64_t measure_begin_ns = 0;  // warm-up over
  int64_t measure_end_ns = 0;    // sending stops
  bool InWindow(int64_t ns) const { return ns >= measure_begin_ns && ns < measure_end_ns; }
};

}  // namespace dh::bench
