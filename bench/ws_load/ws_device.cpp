#include "ws_load/ws_device.hpp"

#include <utility>

#include "ws_load/wire.hpp"

namespace dh::bench {

WsDevice::WsDevice(LoadContext& ctx, std::string device_id, unsigned pushes_per_insert)
    : DeviceClient(ctx, pushes_per_insert), device_id_(std::move(device_id)) {}

void WsDevice::Open(std::optional<boost::asio::ip::address> source) {
  connection_ = std::make_shared<WsConnection>(ctx().worker.io(), ctx().target, *this);
  connection_->Open(std::move(source));
}

void WsDevice::Close() {
  if (connection_) connection_->Close();
}

void WsDevice::OnOpen() {
  authenticating_ = true;
  connection_->Send(AuthenticateMessage(ctx().token));
}

bool WsDevice::Queue(int64_t t_ns) { return connection_->Send(InsertMessage(device_id_, t_ns)); }

void WsDevice::OnMessage(std::string_view text) {
  const int64_t now = NowNs();
  const std::string_view action = ActionOf(text);
  if (action == "notification/insert") {
    return Answered(IsSuccess(text), IntAfter(text, R"("requestId":)"), now);
  }
  if (action == "authenticate" && authenticating_) {
    authenticating_ = false;
    if (IsSuccess(text)) return Ready();
    SetUpFailed();
    connection_->Close();
    return;
  }
  ++ctx().stats.bad_messages;
}

void WsDevice::OnClosed(boost::system::error_code) { Ended(); }

}  // namespace dh::bench
