// dh_mqtt_load: MQTT 3.1.1 load generator for any broker (ours or mosquitto), loopback only.
//   dh_mqtt_load [--port P] [--server-pid PID] throughput [--pairs N] [--qos 0|1] [--rate R] ...
//   dh_mqtt_load [--port P] [--server-pid PID] idle [--connections C] ...
// Prints one JSON object on stdout (see report.hpp); errors go to stderr with exit status 1.
#include <cstdio>

#include "mqtt_load/idle.hpp"
#include "mqtt_load/options.hpp"
#include "mqtt_load/throughput.hpp"

int main(int argc, char** argv) {
  using namespace dh::bench::mqtt_load;
  auto options = ParseOptions(argc, argv);
  if (!options) {
    if (options.error().message.empty()) return 0;  // --help
    std::fprintf(stderr, "%s\n", options.error().message.c_str());
    return 2;
  }
  std::string json;
  if (options->mode == Mode::kIdle) {
    auto report = RunIdle(*options);
    if (!report) {
      std::fprintf(stderr, "dh_mqtt_load: %s\n", report.error().message.c_str());
      return 1;
    }
    json = ToJson(*report);
  } else {
    auto report = RunThroughput(*options);
    if (!report) {
      std::fprintf(stderr, "dh_mqtt_load: %s\n", report.error().message.c_str());
      return 1;
    }
    json = ToJson(*report);
  }
  std::printf("%s\n", json.c_str());
  return 0;
}
