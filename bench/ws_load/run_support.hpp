#pragma once
// Steps every mode shares: where to connect and with which token (source addresses and waits
// are common/run_support.hpp).
#include <string>

#include "common/run_support.hpp"
#include "core/error.hpp"
#include "ws_load/connection.hpp"
#include "ws_load/options.hpp"

namespace dh::bench {

core::Result<Target> MakeTarget(const Options& options);

// --token, or one obtained with --login/--password.
core::Result<std::string> ObtainToken(const Options& options, const Target& target);

}  // namespace dh::bench
