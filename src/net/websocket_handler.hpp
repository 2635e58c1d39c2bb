#pragma once
// What the HTTP server hands a connection to when its request asks to upgrade to WebSocket on
// a registered path (e.g. /api/websocket).
#include <boost/beast/core/tcp_stream.hpp>
#include <memory>

#include "net/http_types.hpp"

namespace dh::net {

class WebSocketHandler {
 public:
  virtual ~WebSocketHandler() = default;
  // Takes over the connection. Called on the connection's strand (the stream's executor).
  // `slot` counts the connection against the server's limit while it is held.
  virtual void Upgrade(boost::beast::tcp_stream stream, HttpRequest request,
                       std::shared_ptr<void> slot) = 0;
};

}  // namespace dh::net
