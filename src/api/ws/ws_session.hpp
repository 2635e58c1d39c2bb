#pragma once
// One WebSocket API connection (internal to api/ws): dispatches each request to the action
// table and sends responses and subscription pushes through its transport
// (net::websocket::Connection, which bounds the outbound queue, pings, and times out silent
// peers). Runs on the connection's strand. Closing the connection removes its subscriptions.
#include <boost/asio/any_io_executor.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/ws/action.hpp"
#include "api/ws/connection.hpp"
#include "api/ws/ws_api.hpp"
#include "net/websocket/connection.hpp"

namespace dh::api::ws {

class WsSession final : public Connection,
                        public net::websocket::Peer,
                        public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(auth::Principal principal, std::string host, std::shared_ptr<void> slot,
            std::shared_ptr<WsEnvironment> env);
  ~WsSession() override;

  // Binds the transport the session sends through (before the transport starts).
  void Attach(std::shared_ptr<net::websocket::Connection> transport);
  // Closes with 1001 "going away" (server shutdown). Any thread.
  void Close();
  // Queues the push of an event to a subscription. Any thread.
  void Push(int64_t subscription_id, const bus::EventPtr& event);

  // Connection (what actions see).
  const auth::Principal& principal() const override { return principal_; }
  void SetPrincipal(auth::Principal principal) override { principal_ = std::move(principal); }
  const std::string& host() const override { return host_; }
  std::shared_ptr<bus::EventSink> sink() override;
  void Track(int64_t subscription_id, SubscriptionInfo info) override;
  std::vector<int64_t> Untrack(bool commands, std::optional<int64_t> id) override;
  const std::map<int64_t, SubscriptionInfo>& subscriptions() const override {
    return subscriptions_;
  }
  void Send(std::string message) override;

  // net::websocket::Peer (what the transport calls).
  void OnMessage(std::string_view text) override;
  void OnClosed() override;

 private:
  // Weak: the transport owns the session (as its peer) while it runs; the session must not keep
  // a transport alive past its last I/O, or neither would ever be freed.
  std::weak_ptr<net::websocket::Connection> transport_;
  boost::asio::any_io_executor executor_;
  std::shared_ptr<void> slot_;
  std::shared_ptr<WsEnvironment> env_;
  auth::Principal principal_;
  std::string host_;
  std::map<int64_t, SubscriptionInfo> subscriptions_;
  std::shared_ptr<bus::EventSink> sink_;
  bool ended_ = false;
};

}  // namespace dh::api::ws
