#include "common/report_json.hpp"

#include <cmath>
#include <utility>

#include "core/json_writer.hpp"

namespace dh::bench {

namespace {

double Round3(double value) { return std::round(value * 1000.0) / 1000.0; }

double Ms(uint64_t ns) { return Round3(static_cast<double>(ns) / 1e6); }

}  // namespace

LatencySummary Summarize(const Histogram& ns) {
  return {ns.count(),
          Ms(ns.ValueAt(0.5)),
          Ms(ns.ValueAt(0.9)),
          Ms(ns.ValueAt(0.99)),
          Ms(ns.ValueAt(0.999)),
          Ms(ns.max()),
          Round3(ns.Mean() / 1e6)};
}

void WriteLatency(core::JsonWriter& w, std::string_view key, const LatencySummary& s) {
  w.Key(key);
  w.BeginObject();
  w.FieldInt("count", static_cast<int64_t>(s.count));
  for (const auto& [name, value] :
       {std::pair{"p50", s.p50_ms}, std::pair{"p90", s.p90_ms}, std::pair{"p99", s.p99_ms},
        std::pair{"p999", s.p999_ms}, std::pair{"max", s.max_ms}, std::pair{"mean", s.mean_ms}}) {
    w.Key(name);
    w.Double(value);
  }
  w.EndObject();
}

void WriteDouble(core::JsonWriter& w, std::string_view key, double value) {
  w.Key(key);
  w.Double(Round3(value));
}

void WriteOptional(core::JsonWriter& w, std::string_view key, std::optional<double> value) {
  w.Key(key);
  value ? w.Double(Round3(*value)) : w.Null();
}

void WriteOptionalInt(core::JsonWriter& w, std::string_view key, std::optional<int64_t> value) {
  w.Key(key);
  value ? w.Int(*value) : w.Null();
}

std::optional<double> Percent(std::optional<double> part, double whole) {
  if (!part || whole <= 0) return std::nullopt;
  return 100.0 * *part / whole;
}

}  // namespace dh::bench
