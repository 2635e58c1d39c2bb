#include "core/id_generator.hpp"

namespace dh::core {
namespace {
constexpr int64_t kEpochMs = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr int kSequenceBits = 10;
}  // namespace

int64_t IdGenerator::Next() {
  const int64_t floor = (ToEpochMs(clock_.Now()) - kEpochMs) << kSequenceBits;
  int64_t last = last_.load(std::memory_order_relaxed);
  for (;;) {
    const int64_t next = last + 1 > floor ? last + 1 : floor;
    if (last_.compare_exchange_weak(last, next, std::memory_order_relaxed)) return next;
  }
}

}  // namespace dh::core
