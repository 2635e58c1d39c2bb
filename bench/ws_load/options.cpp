#include "ws_load/options.hpp"

#include <CLI/CLI.hpp>

namespace dh::bench {

namespace {

void AddCommon(CLI::App& cli, Options& o) {
  cli.add_option("--host", o.host, "Server address (loopback)")->capture_default_str();
  cli.add_option("--port", o.port, "Server HTTP/WebSocket port")->capture_default_str();
  cli.add_option("--token", o.token, "Admin access token (default: log in over REST)");
  cli.add_option("--login", o.login, "Login for POST /api/rest/token")->capture_default_str();
  cli.add_option("--password", o.password, "Password for POST /api/rest/token");
  cli.add_option("--server-pid", o.server_pid, "Server pid: report its CPU time and RSS");
  cli.add_option("--threads", o.threads, "Load threads, one io_context each")
      ->capture_default_str()
      ->check(CLI::Range(1u, 64u));
  cli.add_option("--connect-timeout", o.connect_timeout_s,
                 "Seconds for all connections to open and authenticate")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  cli.add_option("--source-addresses", o.source_addresses,
                 "Bind to 127.0.0.2..127.0.0.(1+n) in turn (0: one per 16,000 connections)")
      ->capture_default_str()
      ->check(CLI::Range(0u, 250u));
}

// The options of the modes where devices insert notifications (throughput, plugin).
void AddDeviceLoad(CLI::App& sub, Options& o) {
  sub.fallthrough();
  sub.add_option("--devices", o.devices, "Device connections")
      ->capture_default_str()
      ->check(CLI::Range(1u, 100'000u));
  sub.add_option_function<std::string>(
         "--device-transport",
         [&o](const std::string& name) {
           o.device_transport =
               name == "mqtt" ? DeviceTransport::kMqtt : DeviceTransport::kWebSocket;
         },
         "ws: notification/insert over the client API; mqtt: QoS 1 PUBLISH to "
         "dh/notification/0/0/<device>/load (the admin token as MQTT password)")
      ->check(CLI::IsMember({"ws", "mqtt"}))
      ->default_str("ws");
  sub.add_option("--mqtt-port", o.mqtt_port, "Server MQTT port (--device-transport mqtt)")
      ->capture_default_str();
  sub.add_option("--rate", o.rate,
                 "Notifications/s over all devices, open loop; 0: as fast as possible")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10'000'000.0));
  sub.add_option("--window", o.window,
                 "With --rate 0: inserts in flight per device (plugin: until delivered)")
      ->capture_default_str()
      ->check(CLI::Range(1u, 10'000u));
  sub.add_option("--warmup", o.warmup_s, "Seconds of load before measuring")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 600.0));
  sub.add_option("--duration", o.duration_s, "Seconds measured")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  sub.add_option("--drain", o.drain_s, "Seconds to wait for late replies and pushes")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 60.0));
  sub.add_option("--max-queue", o.max_queue, "Unsent messages per connection at most")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{10'000'000}));
  sub.add_option("--device-prefix", o.device_prefix, "Device ids are <prefix><index>")
      ->capture_default_str();
  sub.add_flag("!--no-register", o.register_devices,
               "Skip PUT /api/rest/device/{id} (devices already exist)");
}

}  // namespace

core::Result<Options> ParseOptions(int argc, char** argv) {
  Options o;
  CLI::App cli{"WebSocket load generator for the DeviceHive server (loopback only)"};
  cli.require_subcommand(1);
  AddCommon(cli, o);

  auto* throughput = cli.add_subcommand(
      "throughput", "Devices insert notifications; one subscriber per device receives them");
  AddDeviceLoad(*throughput, o);
  throughput->add_option("--subscribers", o.subscribers, "Subscriber connections")
      ->capture_default_str()
      ->check(CLI::Range(0u, 100'000u));

  auto* plugin = cli.add_subcommand(
      "plugin", "Devices insert notifications; one plugin receives them over the proxy");
  AddDeviceLoad(*plugin, o);
  plugin->add_option("--plugin-connections", o.plugin_connections, "Proxy connections")
      ->capture_default_str()
      ->check(CLI::Range(1u, 10'000u));
  plugin->add_option("--plugin-group", o.plugin_group,
                     "Subscription group of every connection: each notification reaches one of "
                     "them (default: none, each reaches all)");

  auto* idle = cli.add_subcommand("idle", "Hold authenticated idle connections open");
  idle->fallthrough();
  idle->add_option("--connections", o.connections, "Connections to open")
      ->capture_default_str()
      ->check(CLI::Range(1u, 1'000'000u));
  idle->add_option("--connect-concurrency", o.connect_concurrency,
                   "Connections being set up at once")
      ->capture_default_str()
      ->check(CLI::Range(1u, 100'000u));
  idle->add_option("--hold", o.hold_s, "Seconds to hold them open before measuring")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return core::Fail(core::Errc::kBadRequest, code == 0 ? "" : "invalid command line");
  }
  o.mode = idle->parsed() ? Mode::kIdle : plugin->parsed() ? Mode::kPlugin : Mode::kThroughput;
  if (o.host != "127.0.0.1" && o.host != "localhost" && !o.host.starts_with("127.")) {
    return core::Fail(core::Errc::kBadRequest, "--host must be a loopback address");
  }
  if (o.host == "localhost") o.host = "127.0.0.1";
  return o;
}

}  // namespace dh::bench
