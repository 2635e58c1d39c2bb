// dh_ws_load: WebSocket load generator for the DeviceHive server, loopback only.
//   dh_ws_load [--port P] [--server-pid PID] throughput [--rate R] [--devices N] ...
//   dh_ws_load [--port P] [--server-pid PID] plugin [--plugin-connections K] [--plugin-group G] ...
//   dh_ws_load [--port P] [--server-pid PID] idle [--connections C] ...
// Prints one JSON object on stdout (see report.hpp); errors go to stderr with exit status 1.
#include <cstdio>

#include "ws_load/idle.hpp"
#include "ws_load/options.hpp"
#include "ws_load/plugin.hpp"
#include "ws_load/throughput.hpp"

int main(int argc, char** argv) {
  using namespace dh::bench;
  auto options = ParseOptions(argc, argv);
  if (!options) {
    if (options.error().message.empty()) return 0;  // --help
    std::fprintf(stderr, "%s\n", options.error().message.c_str());
    return 2;
  }
  std::string json;
  if (options->mode != Mode::kIdle) {
    auto report = options->mode == Mode::kPlugin ? RunPlugin(*options) : RunThroughput(*options);
    if (!report) {
      std::fprintf(stderr, "dh_ws_load: %s\n", report.error().message.c_str());
      return 1;
    }
    json = ToJson(*report);
  } else {
    auto report = RunIdle(*options);
    if (!report) {
      std::fprintf(stderr, "dh_ws_load: %s\n", report.error().message.c_str());
      return 1;
    }
    json = ToJson(*report);
  }
  std::printf("%s\n", json.c_str());
  return 0;
}
