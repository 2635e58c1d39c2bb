#include "common/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace dh::bench {

namespace {

constexpr unsigned kSubBits = 7;                      // 128 buckets per power of two
constexpr uint64_t kExact = uint64_t{2} << kSubBits;  // values below this are exact
constexpr size_t kBuckets = (64 - kSubBits) * (size_t{1} << kSubBits) + kExact;

}  // namespace

Histogram::Histogram() : counts_(kBuckets, 0) {}

size_t Histogram::Index(uint64_t value) {
  if (value < kExact) return static_cast<size_t>(value);
  // The top kSubBits + 1 bits of the value, [128, 256), after the shift that drops the rest.
  const unsigned shift = static_cast<unsigned>(std::bit_width(value)) - 1 - kSubBits;
  return size_t{shift} * (size_t{1} << kSubBits) + static_cast<size_t>(value >> shift);
}

uint64_t Histogram::UpperBound(size_t index) {
  if (index < kExact) return index;
  const size_t shift = index / (size_t{1} << kSubBits) - 1;
  const uint64_t top = index - shift * (size_t{1} << kSubBits);
  return ((top + 1) << shift) - 1;
}

void Histogram::Record(uint64_t value) {
  ++counts_[Index(value)];
  ++count_;
  max_ = std::max(max_, value);
  sum_ += static_cast<long double>(value);
}

void Histogram::Merge(const Histogram& other) {
  for (size_t i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

double Histogram::Mean() const {
  return count_ == 0 ? 0.0 : static_cast<double>(sum_ / static_cast<long double>(count_));
}

uint64_t Histogram::ValueAt(double q) const {
  if (count_ == 0) return 0;
  const double clamped = std::clamp(q, 0.0, 1.0);
  const auto rank = std::max<uint64_t>(
      1, static_cast<uint64_t>(std::ceil(clamped * static_cast<double>(count_))));
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(UpperBound(i), max_);
  }
  return max_;
}

}  // namespace dh::bench
