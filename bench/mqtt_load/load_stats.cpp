#include "mqtt_load/load_context.hpp"

namespace dh::bench::mqtt_load {

void LoadStats::Merge(const LoadStats& other) {
  latency_ns.Merge(other.latency_ns);
  send_lag_ns.Merge(other.send_lag_ns);
  offered += other.offered;
  delivered += other.delivered;
  dropped += other.dropped;
  lost += other.lost;
  duplicates += other.duplicates;
  bad_packets += other.bad_packets;
  connections_lost += other.connections_lost;
  stalls += other.stalls;
}

}  // namespace dh::bench::mqtt_load
