#include "ws_load/receiver_client.hpp"

#include <algorithm>
#include <utility>

namespace dh::bench {

ReceiverClient::ReceiverClient(LoadContext& ctx, std::string_view path) : ctx_(ctx), path_(path) {}

void ReceiverClient::Open(std::optional<boost::asio::ip::address> source) {
  connection_ = std::make_shared<WsConnection>(ctx_.worker.io(), ctx_.target, *this, path_);
  connection_->Open(std::move(source));
}

void ReceiverClient::Close() {
  if (connection_) connection_->Close();
}

void ReceiverClient::Authenticating() { phase_ = Phase::kAuthenticating; }

void ReceiverClient::Subscribing() { phase_ = Phase::kSubscribing; }

void ReceiverClient::SetUpDone() {
  phase_ = Phase::kReady;
  Progress::Bump(ctx_.progress.ready);
}

void ReceiverClient::SetUpFailed() {
  phase_ = Phase::kEnded;
  Progress::Bump(ctx_.progress.failed);
  connection_->Close();
}

void ReceiverClient::RecordPush(std::optional<int64_t> sent_ns, int64_t now_ns) {
  if (!sent_ns) {
    ++ctx_.stats.bad_messages;
    return;
  }
  Progress::Bump(ctx_.progress.delivered);
  if (!ctx_.plan.InWindow(now_ns)) return;
  ++ctx_.stats.delivered;
  ctx_.stats.delivery_ns.Record(static_cast<uint64_t>(std::max<int64_t>(0, now_ns - *sent_ns)));
}

void ReceiverClient::OnClosed(boost::system::error_code) {
  const Phase was = phase_;
  phase_ = Phase::kEnded;
  if (was == Phase::kReady) {
    if (!ctx_.stopping) ++ctx_.stats.connections_lost;
    Progress::Bump(ctx_.progress.closed);
  } else if (was != Phase::kEnded) {
    Progress::Bump(ctx_.progress.failed);
  }
}

}  // namespace dh::bench
