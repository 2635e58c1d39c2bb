#pragma once
// The WebSocket API front door at /api/websocket (spec §4): accepts upgraded connections and
// runs one WsSession per connection over the action table.
#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "api/ws/action.hpp"
#include "auth/authenticator.hpp"
#include "bus/bus.hpp"
#include "net/websocket/connection.hpp"
#include "net/websocket_handler.hpp"

namespace dh::api::ws {

// Message size, outbound queue, ping and idle limits of every connection.
using WsOptions = net::websocket::Options;

class WsSession;

// What every session shares. Thread-safe. Owned jointly by the WsApi and its sessions: at
// shutdown the io_context may destroy a session, with the handlers holding it, after the WsApi is
// gone. The references are used only while handlers run, never by a session's destructor.
struct WsEnvironment {
  const ActionTable& actions;
  const auth::Authenticator& authenticator;
  bus::Bus& bus;
  WsOptions options;

  std::mutex mutex;
  std::unordered_set<WsSession*> sessions;  // live ones, for a graceful shutdown
};

class WsApi final : public net::WebSocketHandler {
 public:
  WsApi(const ActionTable& actions, const auth::Authenticator& authenticator, bus::Bus& bus,
        WsOptions options);
  ~WsApi() override;

  // Refuses the upgrade with 401 when its Authorization header carries a bad token, with 400
  // when it is not a valid handshake; else starts a session, authenticated when the header
  // carried a good token.
  void Upgrade(boost::asio::ip::tcp::socket socket, net::HttpRequest request,
               std::shared_ptr<void> slot) override;
  // Closes every connection with 1001 "going away".
  void CloseAll();
  size_t connections() const;

 private:
  std::shared_ptr<WsEnvironment> env_;
};

}  // namespace dh::api::ws
