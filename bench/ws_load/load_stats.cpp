#include "ws_load/load_context.hpp"

namespace dh::bench {

void LoadStats::Merge(const LoadStats& other) {
  delivery_ns.Merge(other.delivery_ns);
  ack_ns.Merge(other.ack_ns);
  send_lag_ns.Merge(other.send_lag_ns);
  offered += other.offered;
  acked += other.acked;
  delivered += other.delivered;
  insert_errors += other.insert_errors;
  dropped += other.dropped;
  bad_messages += other.bad_messages;
  connections_lost += other.connections_lost;
}

}  // namespace dh::bench
