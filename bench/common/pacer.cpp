#include "common/pacer.hpp"

#include <cmath>
#include <utility>

#include "common/load_plan.hpp"

namespace dh::bench {

Pacer::Pacer(boost::asio::io_context& io, size_t senders, Send send, double rate, int64_t start_ns,
             int64_t end_ns)
    : timer_(io),
      senders_(senders),
      send_(std::move(send)),
      interval_ns_(1e9 / rate),
      start_ns_(start_ns),
      end_ns_(end_ns) {}

int64_t Pacer::DueNs(uint64_t k) const {
  return start_ns_ + static_cast<int64_t>(std::llround(static_cast<double>(k) * interval_ns_));
}

void Pacer::Start() {
  if (senders_ > 0) Arm();
}

void Pacer::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void Pacer::Arm() {
  const int64_t due = DueNs(next_);
  if (stopped_ || due >= end_ns_) return;
  timer_.expires_at(std::chrono::steady_clock::time_point(std::chrono::nanoseconds(due)));
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Tick();
  });
}

void Pacer::Tick() {
  // A bounded batch per wake-up, so replies and pushes are still read when the tool runs late.
  constexpr int kMaxBatch = 1024;
  const int64_t now = NowNs();
  int64_t due = DueNs(next_);
  for (int sent = 0; sent < kMaxBatch && due <= now && due < end_ns_; ++sent) {
    send_(static_cast<size_t>(next_ % senders_), due, now);
    due = DueNs(++next_);
  }
  Arm();
}

}  // namespace dh::bench
