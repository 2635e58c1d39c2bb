#include "mqtt/server/deadlines.hpp"

#include "mqtt/server/connection.hpp"

namespace dh::mqtt {

Deadlines::Deadlines(boost::asio::any_io_executor executor, std::chrono::milliseconds tick,
                     size_t slots)
    : tick_(tick), timer_(std::move(executor)), slots_(slots) {}

void Deadlines::Start() {
  std::lock_guard lock(mutex_);
  cursor_time_ = Clock::now() + tick_;
  timer_.expires_at(cursor_time_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) Tick();
  });
}

void Deadlines::Stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  timer_.cancel();
  for (auto& slot : slots_) slot.clear();
}

void Deadlines::Schedule(std::weak_ptr<Connection> connection, uint32_t generation,
                         Clock::time_point when) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  // Slots ahead of the cursor, rounded up: never early unless beyond the span.
  size_t ahead = 0;
  if (when > cursor_time_) {
    ahead = static_cast<size_t>((when - cursor_time_ + tick_ - Clock::duration(1)) / tick_);
  }
  ahead = std::min(ahead, slots_.size() - 1);
  slots_[(cursor_ + ahead) % slots_.size()].push_back({std::move(connection), generation});
}

void Deadlines::Tick() {
  std::vector<Entry> due;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    due.swap(slots_[cursor_]);
    cursor_ = (cursor_ + 1) % slots_.size();
    cursor_time_ += tick_;
    // A late tick (a busy machine) catches up rather than drifting.
    if (cursor_time_ < Clock::now() - tick_) cursor_time_ = Clock::now();
    timer_.expires_at(cursor_time_);
    timer_.async_wait([this](boost::system::error_code ec) {
      if (!ec) Tick();
    });
  }
  for (auto& entry : due) {
    if (auto connection = entry.connection.lock()) connection->Expire(entry.generation);
  }
}

}  // namespace dh::mqtt
