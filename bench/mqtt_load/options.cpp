#include "mqtt_load/options.hpp"

#include <CLI/CLI.hpp>

#include "mqtt_load/packets.hpp"

namespace dh::bench::mqtt_load {

namespace {

void AddCommon(CLI::App& cli, Options& o) {
  cli.add_option("--host", o.host, "Broker address (loopback)")->capture_default_str();
  cli.add_option("--port", o.port, "Broker MQTT port")->capture_default_str();
  cli.add_option("--server-pid", o.server_pid, "Broker pid: report its CPU time and RSS");
  cli.add_option("--threads", o.threads, "Load threads, one io_context each")
      ->capture_default_str()
      ->check(CLI::Range(1u, 64u));
  cli.add_option("--connect-timeout", o.connect_timeout_s,
                 "Seconds for all connections to open (CONNACK, SUBACK)")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  cli.add_option("--source-addresses", o.source_addresses,
                 "Bind to 127.0.0.2..127.0.0.(1+n) in turn (0: one per 16,000 connections)")
      ->capture_default_str()
      ->check(CLI::Range(0u, 250u));
  cli.add_option("--client-prefix", o.client_prefix, "Client ids start with this")
      ->capture_default_str();
  cli.add_option("--keep-alive", o.keep_alive_s,
                 "CONNECT keep-alive seconds (0: throughput 60, idle 600); PINGREQ every half")
      ->capture_default_str();
}

void AddThroughput(CLI::App& sub, Options& o) {
  sub.fallthrough();
  sub.add_option("--pairs", o.pairs, "Publisher/subscriber pairs, pair i on topic bench/<i>")
      ->capture_default_str()
      ->check(CLI::Range(1u, 50'000u));
  sub.add_option("--qos", o.qos, "QoS of the publishes and of the subscriptions")
      ->capture_default_str()
      ->check(CLI::Range(0u, 1u));
  sub.add_option("--rate", o.rate, "Publishes/s over all pairs, open loop; 0: saturation")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 10'000'000.0));
  sub.add_option("--window", o.window, "With --rate 0: publishes in flight per pair")
      ->capture_default_str()
      ->check(CLI::Range(1u, 10'000u));
  sub.add_option("--payload-size", o.payload_size,
                 "Payload bytes (the first 16 carry the send time and a sequence number)")
      ->capture_default_str()
      ->check(CLI::Range(kMinPayload, size_t{1} << 20));
  sub.add_option("--warmup", o.warmup_s, "Seconds of load before measuring")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 600.0));
  sub.add_option("--duration", o.duration_s, "Seconds measured")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  sub.add_option("--drain", o.drain_s, "Seconds to wait for late deliveries and PUBACKs")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 60.0));
  sub.add_option("--max-queue", o.max_queue_bytes, "Unsent bytes per connection at most")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1024}, size_t{1} << 30));
}

}  // namespace

core::Result<Options> ParseOptions(int argc, char** argv) {
  Options o;
  CLI::App cli{"MQTT 3.1.1 load generator for any broker (loopback only)"};
  cli.require_subcommand(1);
  AddCommon(cli, o);

  auto* throughput = cli.add_subcommand(
      "throughput", "Pairs of connections publish and subscribe; publish-to-delivery latency");
  AddThroughput(*throughput, o);

  auto* idle = cli.add_subcommand("idle", "Hold idle connected clients open");
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
  o.mode = idle->parsed() ? Mode::kIdle : Mode::kThroughput;
  if (o.host == "localhost") o.host = "127.0.0.1";
  if (!o.host.starts_with("127.")) {
    return core::Fail(core::Errc::kBadRequest, "--host must be a loopback address");
  }
  if (o.keep_alive_s == 0) o.keep_alive_s = o.mode == Mode::kIdle ? 600 : 60;
  return o;
}

}  // namespace dh::bench::mqtt_load
