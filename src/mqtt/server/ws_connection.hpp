#pragma once
// MQTT over WebSocket (subprotocol "mqtt", at /mqtt on the HTTP port): the MQTT byte stream
// travels in binary WebSocket messages, which may hold several packets or part of one. Each
// batch of outgoing packets is one binary message.
#include <memory>
#include <string_view>
#include <vector>

#include "mqtt/server/connection.hpp"
#include "net/websocket/connection.hpp"

namespace dh::mqtt {

class WsConnection final : public Connection, public net::websocket::Peer {
 public:
  // `strand` is the WebSocket connection's; QoS 0 publishes are dropped while it has
  // `congested_at` messages or more waiting.
  WsConnection(boost::asio::any_io_executor strand, const ServerContext& context,
               size_t congested_at);

  // The WebSocket connection under this one, held weakly: it holds us until OnClosed.
  void Attach(std::weak_ptr<net::websocket::Connection> wire) { wire_ = std::move(wire); }

  // net::websocket::Peer. Packets travel in binary messages only: a text message closes the
  // connection [MQTT-6.0.0-1].
  void OnMessage(std::string_view payload) override;
  void OnBinary(std::string_view payload) override;
  void OnClosed() override;

 private:
  const boost::asio::any_io_executor& strand() override { return strand_; }
  void WireRead(size_t) override {}  // messages are pushed to OnMessage
  void WireWrite(std::string& bytes) override;
  void WireClose() override;
  bool WireCongested() const override;

  const boost::asio::any_io_executor strand_;
  std::weak_ptr<net::websocket::Connection> wire_;
  const size_t congested_at_;
};

}  // namespace dh::mqtt
