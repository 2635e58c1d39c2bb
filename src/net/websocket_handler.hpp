#pragma once
// What the HTTP server hands a connection to when its request asks to upgrade to WebSocket on
// a registered path (e.g. /api/websocket).
#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "net/http_types.hpp"

namespace dh::net {

class WebSocketHandler {
 public:
  virtual ~WebSocketHandler() = default;
  // Takes over the connection; `request` is the upgrade request, not answered yet. Called on the
  // connection's strand (the socket's executor). `slot` counts the connection against the
  // server's limit while it is held.
  virtual void Upgrade(boost::asio::ip::tcp::socket socket, HttpRequest request,
                       std::shared_ptr<void> slot) = 0;
};

}  // namespace dh::net
