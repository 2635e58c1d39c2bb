#include "mqtt/server/ws_connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <cstring>

namespace dh::mqtt {

WsConnection::WsConnection(boost::asio::any_io_executor strand, const ServerContext& context,
                           size_t congested_at)
    : Connection(context), strand_(std::move(strand)), congested_at_(congested_at) {}

void WsConnection::OnMessage(std::string_view) {
  spdlog::debug("mqtt over websocket: a text message; closing the connection");
  End(false);
}

void WsConnection::OnBinary(std::string_view payload) {
  if (ended_ || payload.empty()) return;
  auto buffer = decoder_.Prepare(payload.size());
  std::memcpy(buffer.data(), payload.data(), payload.size());
  OnRead({}, payload.size());
}

void WsConnection::OnClosed() { End(false); }

void WsConnection::WireWrite(std::string& bytes) {
  auto wire = wire_.lock();
  if (wire) wire->SendBinary(std::move(bytes));
  // The WebSocket connection queues the message itself (and bounds its queue): the batch has left.
  boost::asio::post(strand(), [self = shared_from_this(), this, ok = wire != nullptr] {
    OnWritten(ok ? boost::system::error_code{} : boost::asio::error::connection_aborted);
  });
}

void WsConnection::WireClose() {
  if (auto wire = wire_.lock()) wire->Close(1000, "");
}

bool WsConnection::WireCongested() const {
  auto wire = wire_.lock();
  return wire && wire->queued_messages() >= congested_at_;
}

}  // namespace dh::mqtt
