#include "ws_load/subscriber_client.hpp"

#include <utility>

#include "ws_load/wire.hpp"

namespace dh::bench {

SubscriberClient::SubscriberClient(LoadContext& ctx, std::string device_id)
    : ReceiverClient(ctx, WsConnection::kClientApiPath), device_id_(std::move(device_id)) {}

void SubscriberClient::OnOpen() {
  Authenticating();
  connection().Send(AuthenticateMessage(ctx().token));
}

void SubscriberClient::OnMessage(std::string_view text) {
  const int64_t now = NowNs();
  const std::string_view action = ActionOf(text);
  if (action == "notification/insert") return RecordPush(PushSendTime(text), now);
  if (action == "authenticate" && phase() == Phase::kAuthenticating) {
    if (!IsSuccess(text)) return SetUpFailed();
    Subscribing();
    connection().Send(SubscribeMessage(device_id_));
    return;
  }
  if (action == "notification/subscribe" && phase() == Phase::kSubscribing) {
    return IsSuccess(text) ? SetUpDone() : SetUpFailed();
  }
  ++ctx().stats.bad_messages;
}

}  // namespace dh::bench
