#include <CLI/CLI.hpp>
#include <cstdlib>

#include "app/config.hpp"
#include "app/server.hpp"
#include "core/log.hpp"

int main(int argc, char** argv) {
  dh::app::Config config;
  CLI::App cli{
      "devicehive: a DeviceHive-compatible IoT server in one binary.\n"
      "Runs every role with embedded defaults: REST and WebSocket API, auth service,\n"
      "SQLite metadata under --data-dir."};
  cli.set_version_flag("--version", "devicehive " DH_VERSION);
  dh::app::AddOptions(cli, config);
  cli.add_subcommand("serve", "Run the server (the default)")->fallthrough();
  cli.require_subcommand(0, 1);
  CLI11_PARSE(cli, argc, argv);
  if (const char* secret = std::getenv("JWT_SECRET")) config.jwt_secret = secret;
  dh::core::SetUpLogging(config.log_level);
  return dh::app::Serve(config);
}
