#pragma once
// Logging setup. Code logs through spdlog's default logger (spdlog::info(...)); this only
// configures it: one line per event on stderr, with time, level and thread.
#include <string_view>

namespace dh::core {

// Accepts trace, debug, info, warn, error, critical, off. Returns false for anything else.
bool SetUpLogging(std::string_view level);

}  // namespace dh::core
