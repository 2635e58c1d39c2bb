#pragma once
// One WebSocket API connection (internal to api/ws): reads requests and dispatches them to the
// action table on the connection's strand, and writes responses and pushes through a bounded
// queue. A consumer too slow to keep the queue under its limits is disconnected with close code
// 1008 "outbound queue overflow", so it cannot grow the server's memory or slow anyone else. The
// server pings every ping interval, and also a peer silent for half the idle timeout; a peer
// that sends nothing (not even a pong) for the idle timeout is dropped. Closing the connection
// removes its subscriptions.
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <memory>
#include <string>
#include <vector>

#include "api/ws/action.hpp"
#include "api/ws/connection.hpp"
#include "api/ws/ws_api.hpp"
#include "net/http_types.hpp"

namespace dh::api::ws {

class WsSession final : public Connection, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(boost::beast::tcp_stream stream, net::HttpRequest upgrade, std::shared_ptr<void> slot,
            std::shared_ptr<WsEnvironment> env);
  ~WsSession() override;

  void Start();
  // Closes with 1001 "going away" (server shutdown). Any thread.
  void Close();
  // Queues the push of an event to a subscription. Any thread.
  void Push(int64_t subscription_id, const bus::EventPtr& event);

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

 private:
  void OnAccept(boost::beast::error_code ec);
  void RejectHandshake(const core::Error& error);
  void DoRead();
  void OnRead(boost::beast::error_code ec);
  void Dispatch(std::string_view text);
  void Enqueue(std::string message);
  void DoWrite();
  void OnWrite(boost::beast::error_code ec);
  void SchedulePing();
  void CloseWith(boost::beast::websocket::close_code code, std::string_view reason);
  void End();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::asio::any_io_executor strand_;
  boost::beast::flat_buffer buffer_;
  net::HttpRequest upgrade_;  // kept until the handshake is answered
  std::shared_ptr<void> slot_;
  std::shared_ptr<WsEnvironment> env_;
  auth::Principal principal_;
  std::string host_;
  std::map<int64_t, SubscriptionInfo> subscriptions_;
  std::shared_ptr<bus::EventSink> sink_;
  std::vector<std::string> queue_;  // queue_[head_..] waits to be written
  size_t head_ = 0;
  size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool pinging_ = false;
  bool closing_ = false;
  bool ended_ = false;
  boost::asio::steady_timer ping_timer_;
};

}  // namespace dh::api::ws
