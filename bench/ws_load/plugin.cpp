#include "ws_load/plugin.hpp"

#include <cstdio>
#include <memory>
#include <utility>

#include "ws_load/device_load.hpp"
#include "ws_load/plugin_client.hpp"
#include "ws_load/rest_setup.hpp"

namespace dh::bench {

core::Result<ThroughputReport> RunPlugin(const Options& o) {
  DH_TRY(const DeviceSetup setup, PrepareDevices(o));
  // The plugin follows device 0's network: registration puts every bench device in the admin's
  // default network.
  DH_TRY(const int64_t network,
         FetchDeviceNetwork(setup.target.endpoint, setup.token, setup.device_ids.front()));
  DH_TRY(auto registered,
         RegisterPlugin(setup.target.endpoint, setup.token, network, "bench-plugin"));
  const PluginAccess access{std::move(registered.access_token), std::move(registered.topic),
                            o.plugin_group};

  Receivers receivers;
  receivers.count = o.plugin_connections;
  // A group takes each event once; ungrouped connections each take it.
  receivers.pushes_per_insert.assign(o.devices, o.plugin_group.empty() ? o.plugin_connections : 1);
  receivers.make = [&](LoadContext& ctx, unsigned) -> std::shared_ptr<ReceiverClient> {
    return std::make_shared<PluginClient>(ctx, access);
  };
  // A plugin connection takes the events of every device: paced by insert replies, the devices
  // would outrun it until the server cut it off as too slow.
  receivers.paced_by_delivery = true;
  auto report = RunDeviceLoad(o, setup, receivers);
  // Runs against one server do not pile plugins up.
  if (auto deleted = DeletePlugin(setup.target.endpoint, setup.token, access.topic); !deleted) {
    std::fprintf(stderr, "dh_ws_load: warning: %s\n", deleted.error().message.c_str());
  }
  if (report) report->plugin = PluginShape{o.plugin_connections, o.plugin_group};
  return report;
}

}  // namespace dh::bench
