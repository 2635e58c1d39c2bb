#pragma once
// Server settings: every one has a command-line flag and an environment variable.
#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace dh::app {

struct Config {
  std::string http_address = "0.0.0.0";
  uint16_t http_port = 8080;
  uint16_t mqtt_port = 1883;
  size_t mqtt_max_packet_bytes = 1 << 20;
  std::string data_dir = "./data";
  std::string log_level = "info";
  unsigned threads = 0;  // 0: one per core
  size_t max_body_bytes = 1 << 20;
  unsigned http_timeout_s = 30;
  size_t max_connections = 100'000;
  unsigned access_token_ttl_s = 1800;
  uint64_t refresh_token_ttl_s = 15'724'800;
  unsigned shutdown_timeout_s = 10;
  size_t ws_max_message_bytes = 64 * 1024;
  size_t ws_max_queued_messages = 4096;
  size_t ws_max_queued_bytes = 8 * 1024 * 1024;
  unsigned ws_idle_timeout_s = 120;
  unsigned hotstore_ttl_s = 120;
  size_t hotstore_max_items = 2'000'000;
  size_t hotstore_max_per_device = 10'000;
  std::string plugin_proxy_endpoint;  // empty: ws://<Host of the registration>/plugin/proxy
  std::string port_file;
  std::string jwt_secret;  // JWT_SECRET only (a flag would show it in `ps`)
};

// Registers the options on `cli`, writing into `config`.
void AddOptions(CLI::App& cli, Config& config);

}  // namespace dh::app
