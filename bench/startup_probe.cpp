// Measures how fast the server comes up and how much memory it holds when idle:
//   dh_startup_probe <devicehive binary> [runs]
// Each run starts the binary in a fresh data directory (first start: migrations and seeding
// included), polls GET /api/rest/info over a raw socket every 0.2 ms until it answers 200, then
// reads VmRSS after one idle second. Prints one JSON object with the median and worst values.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

bool InfoAnswers(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const char request[] =
        "GET /api/rest/info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (write(fd, request, sizeof request - 1) > 0) {
      char buf[512];
      const ssize_t n = read(fd, buf, sizeof buf - 1);
      ok = n > 12 && std::string(buf, static_cast<size_t>(n)).starts_with("HTTP/1.1 200");
    }
  }
  close(fd);
  return ok;
}

long RssKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

uint16_t FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

struct Run {
  double start_ms;
  long idle_rss_kb;
};

Run Once(const std::string& binary) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("dh-probe-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  const uint16_t port = FreePort();
  std::vector<std::string> args = {binary,
                                   "--http-address",
                                   "127.0.0.1",
                                   "--http-port",
                                   std::to_string(port),
                                   "--mqtt-port",
                                   "0",
                                   "--data-dir",
                                   (dir / "data").string(),
                                   "--log-level",
                                   "warn"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const auto started = Clock::now();
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    std::perror("posix_spawn");
    std::exit(1);
  }
  while (!InfoAnswers(port)) {
    if (Clock::now() - started > std::chrono::seconds(10)) {
      std::fprintf(stderr, "the server did not answer within 10 s\n");
      kill(pid, SIGKILL);
      std::exit(1);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const long rss = RssKb(pid);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  std::filesystem::remove_all(dir);
  return {ms, rss};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <devicehive binary> [runs]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<double> starts;
  std::vector<long> rss;
  for (int i = 0; i < runs; ++i) {
    const Run run = Once(argv[1]);
    starts.push_back(run.start_ms);
    rss.push_back(run.idle_rss_kb);
  }
  std::sort(starts.begin(), starts.end());
  std::sort(rss.begin(), rss.end());
  std::printf(
      "{\"runs\":%d,\"start_to_info_ms_median\":%.2f,\"start_to_info_ms_max\":%.2f,"
      "\"idle_rss_kb_median\":%ld,\"idle_rss_kb_max\":%ld}\n",
      runs, starts[starts.size() / 2], starts.back(), rss[rss.size() / 2], rss.back());
  return 0;
}
