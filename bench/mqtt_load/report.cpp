#include "mqtt_load/report.hpp"

#include "core/json_writer.hpp"

namespace dh::bench::mqtt_load {

namespace {

void WriteCount(core::JsonWriter& w, std::string_view key, uint64_t value) {
  w.FieldInt(key, static_cast<int64_t>(value));
}

}  // namespace

std::string ToJson(const ThroughputReport& r) {
  std::string out;
  core::JsonWriter w(out);
  w.BeginObject();
  w.FieldString("mode", "throughput");
  w.FieldInt("pairs", r.pairs);
  w.FieldInt("qos", r.qos);
  w.FieldInt("threads", r.threads);
  WriteCount(w, "payload_size", r.payload_size);
  WriteDouble(w, "rate_target", r.rate_target);
  w.Key("window");
  r.rate_target == 0 ? w.Int(r.window) : w.Null();
  WriteDouble(w, "warmup_s", r.warmup_s);
  WriteDouble(w, "duration_s", r.duration_s);
  WriteDouble(w, "offered_per_s", r.offered_per_s);
  WriteDouble(w, "delivered_per_s", r.delivered_per_s);
  WriteLatency(w, "latency_ms", r.latency);
  WriteLatency(w, "send_lag_ms", r.send_lag);
  w.Key("errors");
  w.BeginObject();
  WriteCount(w, "dropped", r.dropped);
  WriteCount(w, "lost", r.lost);
  WriteCount(w, "duplicates", r.duplicates);
  WriteCount(w, "bad_packets", r.bad_packets);
  WriteCount(w, "connections_lost", r.connections_lost);
  WriteCount(w, "stalls", r.stalls);
  WriteCount(w, "undelivered", r.undelivered);
  WriteCount(w, "unacked", r.unacked);
  w.EndObject();
  WriteDouble(w, "tool_cpu_s", r.tool_cpu_s);
  WriteDouble(w, "tool_cpu_pct", 100.0 * r.tool_cpu_s / r.duration_s);
  WriteOptional(w, "server_cpu_s", r.server_cpu_s);
  WriteOptional(w, "server_cpu_pct", Percent(r.server_cpu_s, r.duration_s));
  WriteOptionalInt(w, "server_rss_kib", r.server_rss_kib);
  w.EndObject();
  return out;
}

std::string ToJson(const IdleReport& r) {
  std::string out;
  core::JsonWriter w(out);
  w.BeginObject();
  w.FieldString("mode", "idle");
  w.FieldInt("connections_requested", r.requested);
  w.FieldInt("threads", r.threads);
  w.FieldInt("source_addresses", r.source_addresses);
  w.FieldInt("keep_alive_s", r.keep_alive_s);
  WriteCount(w, "fd_limit", r.fd_limit);
  WriteCount(w, "connections_opened", r.opened);
  WriteCount(w, "connections_failed", r.failed);
  WriteCount(w, "connections_open", r.open_at_end);
  WriteDouble(w, "setup_s", r.setup_s);
  WriteOptionalInt(w, "server_rss_kib_before", r.server_rss_kib_before);
  WriteOptionalInt(w, "server_rss_kib_after", r.server_rss_kib_after);
  std::optional<double> per_connection;
  if (r.server_rss_kib_before && r.server_rss_kib_after && r.open_at_end > 0) {
    per_connection = static_cast<double>(*r.server_rss_kib_after - *r.server_rss_kib_before) /
                     static_cast<double>(r.open_at_end);
  }
  WriteOptional(w, "rss_per_connection_kib", per_connection);
  WriteDouble(w, "tool_cpu_s", r.tool_cpu_s);
  w.EndObject();
  return out;
}

}  // namespace dh::bench::mqtt_load
