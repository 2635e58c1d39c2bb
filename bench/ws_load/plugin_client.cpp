#include "ws_load/plugin_client.hpp"

#include "ws_load/proxy_wire.hpp"

namespace dh::bench {

PluginClient::PluginClient(LoadContext& ctx, const PluginAccess& access)
    : ReceiverClient(ctx, WsConnection::kPluginProxyPath), access_(access) {}

void PluginClient::OnOpen() {
  Authenticating();
  connection().Send(PluginAuthenticateMessage(access_.access_token));
}

void PluginClient::OnMessage(std::string_view text) {
  const int64_t now = NowNs();
  if (IsDelivery(text)) return RecordPush(DeliverySendTime(text), now);
  const std::string_view action = ReplyActionOf(text);
  if (action == "authenticate" && phase() == Phase::kAuthenticating) {
    if (!IsProxySuccess(text)) return SetUpFailed();
    Subscribing();
    connection().Send(TopicSubscribeMessage(access_.topic, access_.group));
    return;
  }
  if (action == "subscribe" && phase() == Phase::kSubscribing) {
    return IsProxySuccess(text) ? SetUpDone() : SetUpFailed();
  }
  ++ctx().stats.bad_messages;
}

}  // namespace dh::bench
