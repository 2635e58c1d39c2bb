#pragma once
// The connect and keep-alive deadlines of every MQTT connection on one coarse timer: a timing
// wheel of `tick`-wide slots. A waiting connection holds one small entry here instead of a timer
// and a pending wait (an idle broker's memory is mostly per-connection state). A deadline fires
// up to one tick late; one beyond the wheel's span fires at the span, and the connection then
// schedules itself again. Thread-safe.
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace dh::mqtt {

class Connection;

class Deadlines {
 public:
  using Clock = std::chrono::steady_clock;

  Deadlines(boost::asio::any_io_executor executor, std::chrono::milliseconds tick, size_t slots);

  // Starts ticking; call once.
  void Start();
  // Stops ticking; entries not yet due never fire.
  void Stop();
  // Calls `connection->Expire(generation)` once `when` has passed (on no strand in particular).
  void Schedule(std::weak_ptr<Connection> connection, uint32_t generation, Clock::time_point when);

 private:
  struct Entry {
    std::weak_ptr<Connection> connection;
    uint32_t generation;
  };

  void Tick();

  const std::chrono::milliseconds tick_;
  boost::asio::steady_timer timer_;
  std::mutex mutex_;
  std::vector<std::vector<Entry>> slots_;
  size_t cursor_ = 0;                // the slot the next tick fires
  Clock::time_point cursor_time_{};  // when it fires
  bool stopped_ = false;
};

}  // namespace dh::mqtt
