#pragma once
// The built devicehive binary, started in a temporary data directory on a free port for one
// test suite, and stopped with SIGTERM (which must exit 0, so ASan findings fail the test).
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace dh::test {

struct ServerOptions {
  std::vector<std::string> args;           // extra flags
  std::map<std::string, std::string> env;  // extra environment
  std::filesystem::path data_dir;          // empty: a fresh one in the process's temp dir
};

class ServerProcess {
 public:
  // The JWT secret every test server uses unless the options set another.
  static constexpr const char* kSecret = "devicehive";

  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  uint16_t port() const { return port_; }
  // The MQTT listener's port (--mqtt-port 0 picks a free one).
  uint16_t mqtt_port() const { return mqtt_port_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // Sends SIGTERM and waits; returns the exit status (0 for a clean shutdown), -1 on timeout.
  int Stop(std::chrono::seconds timeout = std::chrono::seconds(20));
  // What the server logged so far.
  std::string Log() const;
  bool running() const { return pid_ > 0; }

 private:
  TempDir dir_;
  std::filesystem::path data_dir_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  uint16_t mqtt_port_ = 0;
};

}  // namespace dh::test
