#pragma once
// The closed loop (--rate 0) of a run whose receivers can fall behind the inserts: the plugin
// mode, where one connection takes every notification. Paced by insert replies, the devices
// would insert faster than the server delivers, the receiver's queue in the server would fill
// and the server would cut it off. Here deliveries pace the devices instead: every kPeriod the
// pacer of each worker tops the notifications in flight (inserted but not yet delivered, over
// all workers) up to the cap, its share of it, its devices sending in turn. So the slowest stage
// of the delivery path sets the rate, and at most `cap` notifications wait anywhere.
// Worker thread only; `in_flight` is called on the worker thread.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "ws_load/device_client.hpp"

namespace dh::bench {

class DeliveryPacer {
 public:
  static constexpr std::chrono::microseconds kPeriod{200};

  // Sends from now until end_ns while in_flight() < cap; this worker sends `share` (0..1) of
  // what the cap allows.
  DeliveryPacer(boost::asio::io_context& io, std::vector<std::shared_ptr<DeviceClient>> devices,
                std::function<double()> in_flight, double cap, double share, int64_t end_ns);

  void Start();
  void Stop();

 private:
  void Arm();
  void Tick();

  boost::asio::steady_timer timer_;
  std::vector<std::shared_ptr<DeviceClient>> devices_;
  std::function<double()> in_flight_;
  double cap_;
  double share_;
  int64_t end_ns_;
  size_t next_ = 0;  // the device that sends next
  bool stopped_ = false;
};

}  // namespace dh::bench
