#pragma once
// The open-loop schedule of one worker's devices: message k is due at start + k / rate and goes
// to device k mod n, so each device sends at rate / n with its own phase. A timer wakes the
// pacer at the next due time and it sends everything due by then, however late it woke: sends
// never wait for replies, so a slow server cannot slow the offered load down (no coordinated
// omission). Worker thread only.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <vector>

#include "ws_load/device_client.hpp"

namespace dh::bench {

class Pacer {
 public:
  // Sends from start_ns (inclusive) to end_ns (exclusive) at `rate` messages/s in total.
  Pacer(boost::asio::io_context& io, std::vector<std::shared_ptr<DeviceClient>> devices,
        double rate, int64_t start_ns, int64_t end_ns);

  void Start();
  void Stop();

 private:
  int64_t DueNs(uint64_t k) const;
  void Arm();
  void Tick();

  boost::asio::steady_timer timer_;
  std::vector<std::shared_ptr<DeviceClient>> devices_;
  double interval_ns_;
  int64_t start_ns_;
  int64_t end_ns_;
  uint64_t next_ = 0;  // the next message to send
  bool stopped_ = false;
};

}  // namespace dh::bench
