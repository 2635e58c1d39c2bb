#include "common/run_support.hpp"

#include <chrono>
#include <thread>

namespace dh::bench {

unsigned SourceAddressCount(unsigned requested, size_t connections) {
  if (requested > 0) return requested;
  return static_cast<unsigned>((connections + 15'999) / 16'000);
}

std::optional<boost::asio::ip::address> SourceAddress(unsigned count, size_t index) {
  if (count == 0) return std::nullopt;
  const auto host = static_cast<unsigned>(2 + index % count);
  return boost::asio::ip::address_v4((127u << 24) | host);
}

bool WaitFor(const std::function<bool()>& done, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

void SleepUntilNs(int64_t ns) {
  std::this_thread::sleep_until(
      std::chrono::steady_clock::time_point(std::chrono::nanoseconds(ns)));
}

}  // namespace dh::bench
