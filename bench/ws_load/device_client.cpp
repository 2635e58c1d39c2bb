#include "ws_load/device_client.hpp"

#include <algorithm>

namespace dh::bench {

bool DeviceClient::Insert(int64_t t_ns) {
  if (phase_ != Phase::kReady || !Queue(t_ns)) {
    ++ctx_.stats.dropped;
    return false;
  }
  Progress::Bump(ctx_.progress.sent);
  return true;
}

void DeviceClient::SendScheduled(int64_t due_ns, int64_t now_ns) {
  if (ctx_.plan.InWindow(due_ns)) {
    ++ctx_.stats.offered;
    ctx_.stats.send_lag_ns.Record(static_cast<uint64_t>(std::max<int64_t>(0, now_ns - due_ns)));
  }
  // The scheduled time, not the actual one, is what the latency counts from: if the tool or
  // the server falls behind, the wait shows up in the latency instead of being hidden.
  Insert(due_ns);
}

void DeviceClient::StartClosedLoop(unsigned window) {
  closed_loop_ = true;
  for (unsigned i = 0; i < window; ++i) {
    if (!SendNow(NowNs())) break;
  }
}

bool DeviceClient::SendNow(int64_t now_ns) {
  if (ctx_.plan.InWindow(now_ns)) ++ctx_.stats.offered;
  return Insert(now_ns);
}

void DeviceClient::Ready() {
  phase_ = Phase::kReady;
  Progress::Bump(ctx_.progress.ready);
}

void DeviceClient::SetUpFailed() {
  if (phase_ != Phase::kSettingUp) return;
  phase_ = Phase::kEnded;
  Progress::Bump(ctx_.progress.failed);
}

void DeviceClient::Answered(bool success, std::optional<int64_t> sent_ns, int64_t now_ns) {
  Progress::Bump(ctx_.progress.answered);
  if (!success) {
    ++ctx_.stats.insert_errors;
  } else {
    Progress::Bump(ctx_.progress.expected_pushes, pushes_per_insert_);
    if (ctx_.plan.InWindow(now_ns)) {
      ++ctx_.stats.acked;
      if (sent_ns) {
        ctx_.stats.ack_ns.Record(static_cast<uint64_t>(std::max<int64_t>(0, now_ns - *sent_ns)));
      }
    }
  }
  if (!sent_ns) ++ctx_.stats.bad_messages;
  if (closed_loop_ && now_ns < ctx_.plan.measure_end_ns && !ctx_.stopping) SendNow(now_ns);
}

void DeviceClient::Ended() {
  const Phase was = phase_;
  phase_ = Phase::kEnded;
  if (was == Phase::kSettingUp) {
    Progress::Bump(ctx_.progress.failed);
  } else if (was == Phase::kReady) {
    if (!ctx_.stopping) ++ctx_.stats.connections_lost;
    Progress::Bump(ctx_.progress.closed);
  }
}

}  // namespace dh::bench
