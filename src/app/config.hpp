#pragma once
// Server settings: every one has a command-line flag and an environment variable.
#include <cstdint>
#include <string>

namespace CLI {
class App;
}

namespace dh::app {

// The roles of ARCHITECTURE.md §2 this process runs. With the in-process bus the backend always
// runs here (no other process could reach it), so it is implied.
struct Roles {
  bool frontend = true;  // REST /api/rest/*, WebSocket /api/websocket
  bool auth = true;      // /auth/rest/*, /api/rest/token*
  bool plugin = true;    // /plugin/rest/*, /api/rest/plugin*, /plugin/proxy
  bool mqtt = true;      // the MQTT port, /mqtt over WebSocket
};

// Roles from "all" or a comma-separated list of frontend, backend, auth, plugin, mqtt; an error
// text when an item is none of them.
std::string ParseRoles(const std::string& text, Roles& roles);

struct Config {
  Roles roles;
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
