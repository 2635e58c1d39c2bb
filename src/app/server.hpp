#pragma once
// The composition root: the one place that picks backends and wires the services, front doors
// and threads together.
#include "app/config.hpp"

namespace dh::app {

// Runs the server until SIGINT or SIGTERM; returns the process exit code.
int Serve(const Config& config);

}  // namespace dh::app
