#pragma once
// Unique ids for notifications, commands and subscriptions, below 2^53 so JavaScript clients
// read them exactly (DeviceHive used random 31-bit numbers, which collide).
//
// An id is (milliseconds since 2024-01-01) << 10 | sequence, taken from one atomic counter that
// never goes backwards: ids are unique and increasing within a process, 1024 per millisecond
// before they borrow from the next millisecond, and stay below 2^53 until the year 2302.
#include <atomic>
#include <cstdint>

#include "core/clock.hpp"

namespace dh::core {

class IdGenerator {
 public:
  explicit IdGenerator(const Clock& clock) : clock_(clock) {}

  int64_t Next();

  static constexpr int64_t kMaxId = (int64_t{1} << 53) - 1;

 private:
  const Clock& clock_;
  std::atomic<int64_t> last_{0};
};

}  // namespace dh::core
