#pragma once
// The source of "now". Code that needs the time takes a Clock& so tests can inject ManualClock
// instead of sleeping. Both implementations are thread-safe.
#include <atomic>

#include "core/time.hpp"

namespace dh::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

// A clock that moves only when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_ms_(ToEpochMs(start)) {}
  Timestamp Now() const override { return FromEpochMs(now_ms_.load()); }
  void Set(Timestamp t) { now_ms_.store(ToEpochMs(t)); }
  void Advance(std::chrono::milliseconds by) { now_ms_.fetch_add(by.count()); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace dh::core
