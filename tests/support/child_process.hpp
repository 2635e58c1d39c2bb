#pragma once
// Another program run by a test (a real MQTT client, say): started with posix_spawn, its stdout
// and stderr captured to a file in a temporary directory, waited for with a deadline, and killed
// if still running when destroyed.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace dh::test {

class ChildProcess {
 public:
  // Runs argv[0] (looked up in PATH) with the test's environment; throws when it cannot start.
  explicit ChildProcess(std::vector<std::string> argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits for the exit; returns the exit code (128 + signal when killed), -1 on timeout (the
  // process keeps running).
  int Wait(std::chrono::milliseconds timeout);
  // Sends `signal` (a running process only).
  void Kill(int signal);
  // Waits until the output contains `text`; false at the deadline or when the process exited
  // without printing it.
  bool WaitForOutput(const std::string& text, std::chrono::milliseconds timeout);
  // stdout and stderr so far, interleaved.
  std::string Output() const;
  bool running() const { return pid_ > 0; }

  // Whether `program` is found in PATH.
  static bool Exists(const std::string& program);

 private:
  TempDir dir_;
  std::filesystem::path output_path_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

}  // namespace dh::test
