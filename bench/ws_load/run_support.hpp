#pragma once
// Steps every mode shares: where to connect, from which source addresses, with which token,
// and a bounded wait for a condition.
#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "ws_load/connection.hpp"
#include "ws_load/options.hpp"

namespace dh::bench {

core::Result<Target> MakeTarget(const Options& options);

// How many source addresses `connections` connections use: --source-addresses, or one per
// 16,000 connections (the ephemeral port range holds about 28,000 per address pair).
unsigned SourceAddressCount(const Options& options, size_t connections);
// The source address of connection `index`: 127.0.0.2, 127.0.0.3, ... in turn.
std::optional<boost::asio::ip::address> SourceAddress(unsigned count, size_t index);

// --token, or one obtained with --login/--password.
core::Result<std::string> ObtainToken(const Options& options, const Target& target);

// Polls `done` every 5 ms until it holds (true) or `seconds` pass (false).
bool WaitFor(const std::function<bool()>& done, double seconds);
// Sleeps until the steady clock reads `ns`.
void SleepUntilNs(int64_t ns);

}  // namespace dh::bench
