#pragma once
// One plugin proxy connection (internal to src/proxy): parses each frame's messages and answers
// them in order, on the connection's strand. Before `plugin/authenticate` only `health` and the
// authentication itself pass; afterwards the plugin may create, subscribe, unsubscribe and
// publish on its own topic only. A constraint failure ("Plugin not authorized", no permission,
// buffer full) drops the rest of the frame's messages, as the reference proxy does.
//
// "Buffer" here is the connection's outbound queue: while half of it is taken by replies and
// events the plugin has not read, further requests are refused with "Message buffer is full",
// and a queue that overflows closes the connection (net::websocket::Connection).
#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <optional>
#include <string>

#include "net/websocket/connection.hpp"
#include "proxy/message.hpp"
#include "proxy/plugin_proxy.hpp"
#include "proxy/subscriber.hpp"

namespace dh::proxy {

class ProxySession final : public net::websocket::Peer,
                           public Subscriber,
                           public std::enable_shared_from_this<ProxySession> {
 public:
  ProxySession(std::shared_ptr<void> slot, std::shared_ptr<ProxyEnvironment> env);
  ~ProxySession() override;

  void Attach(const std::shared_ptr<net::websocket::Connection>& transport);
  void Close();  // 1001, any thread

  // net::websocket::Peer
  void OnMessage(std::string_view text) override;
  void OnClosed() override;
  // Subscriber
  void Deliver(const std::shared_ptr<const std::string>& frame) override;

 private:
  // False: drop the rest of the frame.
  bool Handle(const Message& message);
  bool Authenticate(const Message& message);
  bool HandleTopic(const Message& message);
  bool Publish(const Message& message);
  std::string Health() const;
  void Send(std::string text);

  std::weak_ptr<net::websocket::Connection> transport_;  // weak: see api/ws/ws_session.hpp
  boost::asio::any_io_executor executor_;
  std::shared_ptr<void> slot_;
  std::shared_ptr<ProxyEnvironment> env_;
  std::optional<std::string> topic_;  // the plugin's topic, once authenticated
  bool joined_ = false;               // counted in env_->connections_by_topic
  bool ended_ = false;
};

}  // namespace dh::proxy
