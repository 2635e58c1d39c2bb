#include "ws_load/report.hpp"

#include "core/json_writer.hpp"

namespace dh::bench {

std::string ToJson(const ThroughputReport& r) {
  std::string out;
  core::JsonWriter w(out);
  w.BeginObject();
  w.FieldString("mode", r.plugin ? "plugin" : "throughput");
  w.FieldInt("devices", r.devices);
  w.FieldString("device_transport", r.mqtt_devices ? "mqtt" : "ws");
  w.FieldInt("subscribers", r.subscribers);
  if (r.plugin) {
    w.FieldInt("plugin_connections", r.plugin->connections);
    w.Key("plugin_group");
    r.plugin->group.empty() ? w.Null() : w.String(r.plugin->group);
  }
  w.FieldInt("threads", r.threads);
  WriteDouble(w, "rate_target", r.rate_target);
  w.Key("window");
  r.rate_target == 0 ? w.Int(r.window) : w.Null();
  WriteDouble(w, "warmup_s", r.warmup_s);
  WriteDouble(w, "duration_s", r.duration_s);
  WriteDouble(w, "offered_per_s", r.offered_per_s);
  WriteDouble(w, "acked_per_s", r.acked_per_s);
  WriteDouble(w, "delivered_per_s", r.delivered_per_s);
  WriteLatency(w, "latency_ms", r.latency);
  WriteLatency(w, "ack_latency_ms", r.ack_latency);
  WriteLatency(w, "send_lag_ms", r.send_lag);
  w.Key("errors");
  w.BeginObject();
  w.FieldInt("insert_errors", static_cast<int64_t>(r.insert_errors));
  w.FieldInt("dropped", static_cast<int64_t>(r.dropped));
  w.FieldInt("bad_messages", static_cast<int64_t>(r.bad_messages));
  w.FieldInt("connections_lost", static_cast<int64_t>(r.connections_lost));
  w.FieldInt("unanswered", static_cast<int64_t>(r.unanswered));
  w.FieldInt("undelivered", static_cast<int64_t>(r.undelivered));
  w.EndObject();
  WriteDouble(w, "tool_cpu_s", r.cpu.tool_cpu_s);
  WriteDouble(w, "tool_cpu_pct", 100.0 * r.cpu.tool_cpu_s / r.cpu.window_s);
  WriteOptional(w, "server_cpu_s", r.cpu.server_cpu_s);
  WriteOptional(w, "server_cpu_pct",
                r.cpu.server_cpu_s
                    ? std::optional<double>(100.0 * *r.cpu.server_cpu_s / r.cpu.window_s)
                    : std::nullopt);
  w.Key("server_rss_kib");
  r.cpu.server_rss_kib ? w.Int(*r.cpu.server_rss_kib) : w.Null();
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
  w.FieldInt("fd_limit", static_cast<int64_t>(r.fd_limit));
  w.FieldInt("connections_opened", static_cast<int64_t>(r.opened));
  w.FieldInt("connections_failed", static_cast<int64_t>(r.failed));
  w.FieldInt("connections_open", static_cast<int64_t>(r.open_at_end));
  WriteDouble(w, "setup_s", r.setup_s);
  w.Key("server_rss_kib_before");
  r.server_rss_kib_before ? w.Int(*r.server_rss_kib_before) : w.Null();
  w.Key("server_rss_kib_after");
  r.server_rss_kib_after ? w.Int(*r.server_rss_kib_after) : w.Null();
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

}  // namespace dh::bench
