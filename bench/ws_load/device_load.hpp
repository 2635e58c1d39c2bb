#pragma once
// What the throughput and plugin modes share: device connections insert notifications (open
// loop at a fixed rate, or closed loop as fast as a window allows) while receiver connections
// (client API subscribers, or plugin proxy connections) record their arrival; the report gives
// the rates and the insert-to-delivery latency of the measurement window.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "ws_load/connection.hpp"
#include "ws_load/options.hpp"
#include "ws_load/report.hpp"

namespace dh::bench {

class ReceiverClient;
struct LoadContext;

// The server, the admin token, and the device ids <prefix>0 .. <prefix>(devices - 1).
struct DeviceSetup {
  Target target;
  std::string token;
  std::vector<std::string> device_ids;
};

// Obtains the token and registers the devices (unless --no-register).
core::Result<DeviceSetup> PrepareDevices(const Options& options);

// The receiving side of a run.
struct Receivers {
  unsigned count = 0;
  // Per device: how many pushes each of its successful inserts causes in total.
  std::vector<unsigned> pushes_per_insert;
  // Receiver `index` (0 .. count - 1), driven by the worker of `ctx`.
  std::function<std::shared_ptr<ReceiverClient>(LoadContext& ctx, unsigned index)> make;
  // With --rate 0: deliveries, not insert replies, release the next inserts (DeliveryPacer);
  // --window is then the notifications in flight per device until delivered.
  bool paced_by_delivery = false;
};

// Sets every connection up (or fails after --connect-timeout), runs warm-up + duration + at
// most --drain seconds, and closes everything. Fills every report field but `subscribers` and
// `plugin`, which are the caller's.
core::Result<ThroughputReport> RunDeviceLoad(const Options& options, const DeviceSetup& setup,
                                             const Receivers& receivers);

}  // namespace dh::bench
