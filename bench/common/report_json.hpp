#pragma once
// What the load tools' reports share: latency summaries of a histogram, and the JSON fields
// they are written with (numbers rounded to 3 decimals, absent values as null).
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/histogram.hpp"

namespace dh::core {
class JsonWriter;
}

namespace dh::bench {

struct LatencySummary {
  uint64_t count = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0, mean_ms = 0;
};

// Summarizes a histogram of nanoseconds in milliseconds.
LatencySummary Summarize(const Histogram& ns);

// "key":{"count":..,"p50":..,"p90":..,"p99":..,"p999":..,"max":..,"mean":..}
void WriteLatency(core::JsonWriter& w, std::string_view key, const LatencySummary& summary);
// "key":value rounded to 3 decimals.
void WriteDouble(core::JsonWriter& w, std::string_view key, double value);
// "key":value rounded to 3 decimals, or null.
void WriteOptional(core::JsonWriter& w, std::string_view key, std::optional<double> value);
// "key":value, or null.
void WriteOptionalInt(core::JsonWriter& w, std::string_view key, std::optional<int64_t> value);
// 100 * part / whole, or nullopt without `part`.
std::optional<double> Percent(std::optional<double> part, double whole);

}  // namespace dh::bench
