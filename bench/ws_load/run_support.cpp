#include "ws_load/run_support.hpp"

#include <chrono>
#include <thread>

#include "ws_load/load_context.hpp"
#include "ws_load/rest_setup.hpp"

namespace dh::bench {

namespace asio = boost::asio;

core::Result<Target> MakeTarget(const Options& options) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec || !address.is_loopback()) {
    return core::Fail(core::Errc::kBadRequest, "not a loopback address: " + options.host);
  }
  Target target;
  target.endpoint = asio::ip::tcp::endpoint(address, options.port);
  target.host = options.host + ":" + std::to_string(options.port);
  target.max_queue = options.max_queue;
  return target;
}

unsigned SourceAddressCount(const Options& options, size_t connections) {
  if (options.source_addresses > 0) return options.source_addresses;
  return static_cast<unsigned>((connections + 15'999) / 16'000);
}

std::optional<asio::ip::address> SourceAddress(unsigned count, size_t index) {
  if (count == 0) return std::nullopt;
  const auto host = static_cast<unsigned>(2 + index % count);
  return asio::ip::address_v4((127u << 24) | host);
}

core::Result<std::string> ObtainToken(const Options& options, const Target& target) {
  if (!options.token.empty()) return options.token;
  return FetchToken(target.endpoint, options.login, options.password);
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
