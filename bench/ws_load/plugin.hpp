#pragma once
// The plugin mode: the throughput mode's device connections insert notifications, and instead
// of client API subscribers one plugin (registered over REST for the devices' network,
// notifications only) receives them over --plugin-connections proxy connections. Without
// --plugin-group every connection receives every notification; with it the connections share
// one subscription group and each notification reaches one of them. At --rate 0 deliveries
// pace the devices (see DeliveryPacer): --window notifications per device until delivered.
#include "core/error.hpp"
#include "ws_load/options.hpp"
#include "ws_load/report.hpp"

namespace dh::bench {

// Registers the devices and the plugin, runs as RunThroughput does, and deletes the plugin.
core::Result<ThroughputReport> RunPlugin(const Options& options);

}  // namespace dh::bench
