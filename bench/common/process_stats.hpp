#pragma once
// CPU time and memory of this process and of the server under test (from /proc), so a report
// can show the tool's and the server's CPU separately.
#include <sys/types.h>

#include <cstdint>
#include <optional>

namespace dh::bench {

// User + system CPU seconds this process has used (getrusage).
double SelfCpuSeconds();
// User + system CPU seconds of `pid` (/proc/<pid>/stat); nullopt if unreadable.
std::optional<double> ProcessCpuSeconds(pid_t pid);
// VmRSS of `pid` in KiB (/proc/<pid>/status); nullopt if unreadable.
std::optional<int64_t> RssKib(pid_t pid);
// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now in force.
uint64_t RaiseFileLimit();

}  // namespace dh::bench
