#pragma once
// The open-loop schedule of one worker's senders: message k is due at start + k / rate and goes
// to sender k mod n, so each sender sends at rate / n with its own phase. A timer wakes the
// pacer at the next due time and it sends everything due by then, however late it woke: sends
// never wait for replies, so a slow server cannot slow the offered load down (no coordinated
// omission). Worker thread only.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>

namespace dh::bench {

class Pacer {
 public:
  // Sends message `k` (due at `due_ns`, sent at `now_ns`) through sender `index` = k mod n.
  using Send = std::function<void(size_t index, int64_t due_ns, int64_t now_ns)>;

  // Sends from start_ns (inclusive) to end_ns (exclusive) at `rate` messages/s in total over
  // `senders` senders.
  Pacer(boost::asio::io_context& io, size_t senders, Send send, double rate, int64_t start_ns,
        int64_t end_ns);

  void Start();
  void Stop();

 private:
  int64_t DueNs(uint64_t k) const;
  void Arm();
  void Tick();

  boost::asio::steady_timer timer_;
  size_t senders_;
  Send send_;
  double interval_ns_;
  int64_t start_ns_;
  int64_t end_ns_;
  uint64_t next_ = 0;  // the next message to send
  bool stopped_ = false;
};

}  // namespace dh::bench
