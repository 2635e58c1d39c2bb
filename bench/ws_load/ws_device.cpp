#include "ws_load/device_client.hpp"

#include <utility>

#include "ws_load/wire.hpp"

namespace dh::bench {

DeviceClient::DeviceClient(LoadContext& ctx, std::string device_id, unsigned pushes_per_insert)
    : ctx_(ctx), device_id_(std::move(device_id)), pushes_per_insert_(pushes_per_insert) {}

void DeviceClient::Open(std::optional<boost::asio::ip::address> source) {
  connection_ = std::make_shared<WsConnection>(ctx_.worker.io(), ctx_.target, *this);
  connection_->Open(std::move(source));
}

void DeviceClient::OnOpen() {
  phase_ = Phase::kAuthenticating;
  connection_->Send(AuthenticateMessage(ctx_.token));
}

bool DeviceClient::Insert(int64_t t_ns) {
  if (phase_ != Phase::kReady || !connection_->Send(InsertMessage(device_id_, t_ns))) {
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

void DeviceClient::OnMessage(std::string_view text) {
  const int64_t now = NowNs();
  const std::string_view action = ActionOf(text);
  if (action == "notification/insert") return OnInsertReply(text, now);
  if (action == "authenticate" && phase_ == Phase::kAuthenticating) {
    if (IsSuccess(text)) {
      phase_ = Phase::kReady;
      Progress::Bump(ctx_.progress.ready);
    } else {
      phase_ = Phase::kEnded;
      Progress::Bump(ctx_.progress.failed);
      connection_->Close();
    }
    return;
  }
  ++ctx_.stats.bad_messages;
}

void DeviceClient::OnInsertReply(std::string_view text, int64_t now_ns) {
  Progress::Bump(ctx_.progress.answered);
  const auto sent = IntAfter(text, R"("requestId":)");
  if (!IsSuccess(text)) {
    ++ctx_.stats.insert_errors;
  } else {
    Progress::Bump(ctx_.progress.expected_pushes, pushes_per_insert_);
    if (ctx_.plan.InWindow(now_ns)) {
      ++ctx_.stats.acked;
      if (sent)
        ctx_.stats.ack_ns.Record(static_cast<uint64_t>(std::max<int64_t>(0, now_ns - *sent)));
    }
  }
  if (!sent) ++ctx_.stats.bad_messages;
  if (closed_loop_ && now_ns < ctx_.plan.measure_end_ns && !ctx_.stopping) SendNow(now_ns);
}

void DeviceClient::Close() {
  if (connection_) connection_->Close();
}

void DeviceClient::OnClosed(boost::system::error_code) {
  const Phase was = phase_;
  phase_ = Phase::kEnded;
  if (was == Phase::kConnecting || was == Phase::kAuthenticating) {
    Progress::Bump(ctx_.progress.failed);
    return;
  }
  if (was == Phase::kReady) {
    if (!ctx_.stopping) ++ctx_.stats.connections_lost;
    Progress::Bump(ctx_.progress.closed);
  }
}

}  // namespace dh::bench
