#include "ws_load/subscriber_client.hpp"

#include <utility>

#include "ws_load/wire.hpp"

namespace dh::bench {

SubscriberClient::SubscriberClient(LoadContext& ctx, std::string device_id)
    : ctx_(ctx), device_id_(std::move(device_id)) {}

void SubscriberClient::Open(std::optional<boost::asio::ip::address> source) {
  connection_ = std::make_shared<WsConnection>(ctx_.worker.io(), ctx_.target, *this);
  connection_->Open(std::move(source));
}

void SubscriberClient::OnOpen() {
  phase_ = Phase::kAuthenticating;
  connection_->Send(AuthenticateMessage(ctx_.token));
}

void SubscriberClient::OnMessage(std::string_view text) {
  const int64_t now = NowNs();
  const std::string_view action = ActionOf(text);
  if (action == "notification/insert") return OnPush(text, now);
  if (action == "authenticate" && phase_ == Phase::kAuthenticating) {
    if (!IsSuccess(text)) return SetUpFailed();
    phase_ = Phase::kSubscribing;
    connection_->Send(SubscribeMessage(device_id_));
    return;
  }
  if (action == "notification/subscribe" && phase_ == Phase::kSubscribing) {
    if (!IsSuccess(text)) return SetUpFailed();
    phase_ = Phase::kReady;
    Progress::Bump(ctx_.progress.ready);
    return;
  }
  ++ctx_.stats.bad_messages;
}

void SubscriberClient::OnPush(std::string_view text, int64_t now_ns) {
  const auto sent = PushSendTime(text);
  if (!sent) {
    ++ctx_.stats.bad_messages;
    return;
  }
  Progress::Bump(ctx_.progress.delivered);
  if (!ctx_.plan.InWindow(now_ns)) return;
  ++ctx_.stats.delivered;
  ctx_.stats.delivery_ns.Record(static_cast<uint64_t>(std::max<int64_t>(0, now_ns - *sent)));
}

void SubscriberClient::SetUpFailed() {
  phase_ = Phase::kEnded;
  Progress::Bump(ctx_.progress.failed);
  connection_->Close();
}

void SubscriberClient::Close() {
  if (connection_) connection_->Close();
}

void SubscriberClient::OnClosed(boost::system::error_code) {
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
