#pragma once
// Steps every mode of every load tool shares: from which source addresses to connect, and
// bounded waits on the main thread.
#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

namespace dh::bench {

// How many source addresses `connections` connections use: `requested` if > 0, else one per
// 16,000 connections (the ephemeral port range holds about 28,000 per address pair).
unsigned SourceAddressCount(unsigned requested, size_t connections);
// The source address of connection `index`: 127.0.0.2, 127.0.0.3, ... in turn; nullopt (let
// the kernel pick) when `count` is 0.
std::optional<boost::asio::ip::address> SourceAddress(unsigned count, size_t index);

// Polls `done` every 5 ms until it holds (true) or `seconds` pass (false).
bool WaitFor(const std::function<bool()>& done, double seconds);
// Sleeps until the steady clock reads `ns`.
void SleepUntilNs(int64_t ns);

}  // namespace dh::bench
