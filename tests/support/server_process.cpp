#include "support/server_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace dh::test {
namespace {

// The number after "key": in the port file; 0 when absent or null.
uint16_t PortOf(const std::string& text, const std::string& key) {
  const auto at = text.find('"' + key + "\":");
  if (at == std::string::npos) return 0;
  const std::string value = text.substr(at + key.size() + 3);
  if (value.rfind("null", 0) == 0) return 0;
  return static_cast<uint16_t>(std::stoi(value));
}

// Reads {"http":H,"mqtt":M} from the port file once the server has written all of it (M is
// null without the mqtt role, and mqtt then 0).
bool ReadPorts(const std::filesystem::path& file, uint16_t& http, uint16_t& mqtt) {
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.find('}') == std::string::npos) return false;
  http = PortOf(text, "http");
  mqtt = PortOf(text, "mqtt");
  return http != 0;
}

}  // namespace

ServerProcess::ServerProcess(ServerOptions options)
    : data_dir_(options.data_dir.empty() ? dir_.path() / "data" : options.data_dir),
      log_path_(dir_.path() / "server.log") {
  const auto port_file = dir_.path() / "ports.json";
  std::vector<std::string> args = {DH_SERVER_BINARY,
                                   "--http-address",
                                   "127.0.0.1",
                                   "--http-port",
                                   "0",
                                   "--mqtt-port",
                                   "0",
                                   "--data-dir",
                                   data_dir_.string(),
                                   "--port-file",
                                   port_file.string(),
                                   "--log-level",
                                   "debug"};
  args.insert(args.end(), options.args.begin(), options.args.end());

  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos && !entry.starts_with("DH_") && !entry.starts_with("JWT_")) {
      env[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
  }
  env["JWT_SECRET"] = kSecret;
  for (const auto& [k, v] : options.env) env[k] = v;

  std::vector<std::string> env_strings;
  for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + args[0]);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(port_file) && ReadPorts(port_file, port_, mqtt_port_)) return;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the server exited during start-up:\n" + Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Stop();
  throw std::runtime_error("the server did not start within 20 s:\n" + Log());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
}

int ServerProcess::Stop(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

std::string ServerProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace dh::test
