#include "common/worker.hpp"

#include <sys/prctl.h>

namespace dh::bench {

Worker::Worker() : guard_(io_.get_executor()) {}

Worker::~Worker() { Join(); }

void Worker::Start() {
  thread_ = std::thread([this] {
    // Timers fire when asked, not up to 50 us later: the open-loop schedule depends on it.
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    io_.run();
  });
}

void Worker::Join() {
  guard_.reset();
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace dh::bench
