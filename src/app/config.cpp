#include "app/config.hpp"

#include <CLI/CLI.hpp>

#include "core/strings.hpp"

namespace dh::app {

std::string ParseRoles(const std::string& text, Roles& roles) {
  Roles parsed{false, false, false, false};
  bool any = false;
  for (const auto& item : core::SplitList(text)) {
    any = true;
    if (item == "all") {
      parsed = Roles{};
    } else if (item == "frontend") {
      parsed.frontend = true;
    } else if (item == "auth") {
      parsed.auth = true;
    } else if (item == "plugin") {
      parsed.plugin = true;
    } else if (item == "mqtt") {
      parsed.mqtt = true;
    } else if (item != "backend") {  // implied: see Roles
      return "unknown role '" + item + "' (roles: all, frontend, backend, auth, plugin, mqtt)";
    }
  }
  if (!any) return "no role given (roles: all, frontend, backend, auth, plugin, mqtt)";
  roles = parsed;
  return {};
}

void AddOptions(CLI::App& cli, Config& config) {
  cli.add_option_function<std::string>(
         "--roles",
         [&config](const std::string& text) {
           if (auto error = ParseRoles(text, config.roles); !error.empty()) {
             throw CLI::ValidationError("--roles", error);
           }
         },
         "Roles this process runs, comma-separated: all, or frontend, backend, auth, plugin, "
         "mqtt (the backend always runs with the in-process bus)")
      ->envname("DH_ROLES")
      ->default_str("all");
  cli.add_option("--http-address", config.http_address, "Address the HTTP server listens on")
      ->envname("DH_HTTP_ADDRESS")
      ->capture_default_str();
  cli.add_option("--http-port", config.http_port,
                 "HTTP port for /api and /auth (0 picks a free port)")
      ->envname("DH_HTTP_PORT")
      ->capture_default_str();
  cli.add_option("--mqtt-port", config.mqtt_port, "MQTT port (0 picks a free port)")
      ->envname("DH_MQTT_PORT")
      ->capture_default_str();
  cli.add_option("--mqtt-max-packet-size", config.mqtt_max_packet_bytes,
                 "Largest MQTT packet accepted; bigger ones close the connection")
      ->envname("DH_MQTT_MAX_PACKET_SIZE")
      ->capture_default_str()
      ->check(CLI::Range(size_t{64}, size_t{256} << 20));
  cli.add_option("--data-dir", config.data_dir, "Directory for the embedded database")
      ->envname("DH_DATA_DIR")
      ->capture_default_str();
  cli.add_option("--log-level", config.log_level, "trace, debug, info, warn, error or off")
      ->envname("DH_LOG_LEVEL")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  cli.add_option("--threads", config.threads, "I/O threads (0: one per CPU core)")
      ->envname("DH_THREADS")
      ->capture_default_str()
      ->check(CLI::Range(0u, 256u));
  cli.add_option("--max-body-size", config.max_body_bytes, "Largest accepted request body, bytes")
      ->envname("DH_MAX_BODY_SIZE")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{64} << 20));
  cli.add_option("--http-timeout", config.http_timeout_s,
                 "Seconds a client has to send a whole request, or may stay idle")
      ->envname("DH_HTTP_TIMEOUT")
      ->capture_default_str()
      ->check(CLI::Range(1u, 3600u));
  cli.add_option("--max-connections", config.max_connections, "Open connections at most")
      ->envname("DH_MAX_CONNECTIONS")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{10'000'000}));
  cli.add_option("--access-token-ttl", config.access_token_ttl_s,
                 "Lifetime of access tokens, seconds")
      ->envname("DH_ACCESS_TOKEN_TTL")
      ->capture_default_str()
      ->check(CLI::Range(1u, 366u * 86400u));
  cli.add_option("--refresh-token-ttl", config.refresh_token_ttl_s,
                 "Lifetime of refresh tokens, seconds")
      ->envname("DH_REFRESH_TOKEN_TTL")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{10} * 366 * 86400));
  cli.add_option("--shutdown-timeout", config.shutdown_timeout_s,
                 "Seconds to let requests in flight finish on SIGTERM/SIGINT")
      ->envname("DH_SHUTDOWN_TIMEOUT")
      ->capture_default_str()
      ->check(CLI::Range(0u, 600u));
  cli.add_option("--ws-max-message-size", config.ws_max_message_bytes,
                 "Largest accepted WebSocket message, bytes (a larger one closes with 1009)")
      ->envname("DH_WS_MAX_MESSAGE_SIZE")
      ->capture_default_str()
      ->check(CLI::Range(size_t{256}, size_t{64} << 20));
  cli.add_option("--ws-max-queued-messages", config.ws_max_queued_messages,
                 "Outbound WebSocket messages waiting per connection before it is dropped")
      ->envname("DH_WS_MAX_QUEUED_MESSAGES")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{10'000'000}));
  cli.add_option("--ws-max-queued-bytes", config.ws_max_queued_bytes,
                 "Outbound WebSocket bytes waiting per connection before it is dropped")
      ->envname("DH_WS_MAX_QUEUED_BYTES")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1} << 32));
  cli.add_option(
         "--ws-idle-timeout", config.ws_idle_timeout_s,
         "Seconds a WebSocket peer may stay silent (pings are answered) before it is dropped")
      ->envname("DH_WS_IDLE_TIMEOUT")
      ->capture_default_str()
      ->check(CLI::Range(1u, 86400u));
  cli.add_option("--plugin-proxy-endpoint", config.plugin_proxy_endpoint,
                 "URL plugin registrations return as proxyEndpoint (default: this server's "
                 "ws://<host>/plugin/proxy as the caller reached it); set it behind a gateway")
      ->envname("DH_PLUGIN_PROXY_ENDPOINT");
  cli.add_option("--hotstore-ttl", config.hotstore_ttl_s,
                 "Seconds notifications and commands stay available (each store restarts it)")
      ->envname("DH_HOTSTORE_TTL")
      ->capture_default_str()
      ->check(CLI::Range(1u, 7u * 86400u));
  cli.add_option("--hotstore-max-items", config.hotstore_max_items,
                 "Notifications and commands kept in memory at most (oldest dropped first)")
      ->envname("DH_HOTSTORE_MAX_ITEMS")
      ->capture_default_str()
      ->check(CLI::Range(size_t{16}, size_t{1'000'000'000}));
  cli.add_option("--hotstore-max-per-device", config.hotstore_max_per_device,
                 "Notifications (and as many commands) kept per device at most")
      ->envname("DH_HOTSTORE_MAX_PER_DEVICE")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{100'000'000}));
  cli.add_option("--port-file", config.port_file,
                 "Write the bound ports here as JSON once listening (for scripts and tests)")
      ->envname("DH_PORT_FILE");
  cli.footer(
      "Environment: JWT_SECRET sets the token signing secret (DeviceHive's variable); without "
      "it the secret stored in the database is used, or a random one is generated and stored.");
}

}  // namespace dh::app
