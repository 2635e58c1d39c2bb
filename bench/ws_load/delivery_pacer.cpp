#include "ws_load/delivery_pacer.hpp"

#include <cmath>

namespace dh::bench {

DeliveryPacer::DeliveryPacer(boost::asio::io_context& io,
                             std::vector<std::shared_ptr<DeviceClient>> devices,
                             std::function<double()> in_flight, double cap, double share,
                             int64_t end_ns)
    : timer_(io),
      devices_(std::move(devices)),
      in_flight_(std::move(in_flight)),
      cap_(cap),
      share_(share),
      end_ns_(end_ns) {}

void DeliveryPacer::Start() {
  if (!devices_.empty()) Tick();
}

void DeliveryPacer::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void DeliveryPacer::Arm() {
  if (stopped_) return;
  timer_.expires_after(kPeriod);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Tick();
  });
}

void DeliveryPacer::Tick() {
  const int64_t now = NowNs();
  if (stopped_ || now >= end_ns_) return;
  // Rounded up, so a small share still sends; workers overshoot the cap by one each at most.
  const double room = std::ceil((cap_ - in_flight_()) * share_);
  for (int64_t sent = 0; sent < static_cast<int64_t>(room); ++sent) {
    // A dropped send (connection gone or its queue full) ends this round: the next one retries.
    if (!devices_[next_++ % devices_.size()]->SendNow(now)) break;
  }
  Arm();
}

}  // namespace dh::bench
