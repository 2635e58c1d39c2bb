#include "ws_load/throughput.hpp"

#include "ws_load/device_load.hpp"
#include "ws_load/subscriber_client.hpp"

namespace dh::bench {

core::Result<ThroughputReport> RunThroughput(const Options& o) {
  DH_TRY(const DeviceSetup setup, PrepareDevices(o));
  // Subscriber j follows device j % devices.
  Receivers receivers;
  receivers.count = o.subscribers;
  receivers.pushes_per_insert.assign(o.devices, 0);
  for (unsigned j = 0; j < o.subscribers; ++j) ++receivers.pushes_per_insert[j % o.devices];
  receivers.make = [&](LoadContext& ctx, unsigned j) -> std::shared_ptr<ReceiverClient> {
    return std::make_shared<SubscriberClient>(ctx, setup.device_ids[j % o.devices]);
  };
  DH_TRY(ThroughputReport report, RunDeviceLoad(o, setup, receivers));
  report.subscribers = o.subscribers;
  return report;
}

}  // namespace dh::bench
