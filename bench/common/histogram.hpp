#pragma once
// A latency histogram laid out like HdrHistogram: values below 256 have a bucket each, and every
// power-of-two range above is split into 128 buckets, so a bucket is never wider than 1/128 of
// the values it holds (quantiles are within 0.8%). Fixed size (about 58 KiB), O(1) to record,
// mergeable. Not thread safe: keep one per thread and merge them at the end.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dh::bench {

class Histogram {
 public:
  Histogram();

  void Record(uint64_t value);
  // Adds every sample of `other`.
  void Merge(const Histogram& other);

  uint64_t count() const { return count_; }
  // 0 when empty.
  uint64_t max() const { return max_; }
  double Mean() const;
  // The value at quantile `q` in [0, 1]: the upper bound of the bucket holding that rank, capped
  // by max(). 0 when empty.
  uint64_t ValueAt(double q) const;

 private:
  static size_t Index(uint64_t value);
  static uint64_t UpperBound(size_t index);

  std::vector<uint64_t> counts_;
  uint64_t count_ = 0;
  uint64_t max_ = 0;
  long double sum_ = 0;
};

}  // namespace dh::bench
