#pragma once
// One MQTT client connection over TCP, on its own strand: reads bytes into the codec's Decoder,
// handles each packet (one handle_*.cpp file per packet type, as in mosquitto), and writes what
// the broker queues through Link::Send. Writes are batched: everything queued while a write is
// in progress goes out as one gather write.
//
// Limits: CONNECT must arrive within `connect_timeout`; after it, a client silent for 1.5 times
// its keep-alive is dropped [MQTT-3.1.2-24]; packets over `max_packet_size` close the
// connection; the outbound queue is bounded: beyond `max_queued_bytes` QoS 0 publishes are
// dropped, and beyond twice that the connection is closed.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "mqtt/broker/broker.hpp"
#include "mqtt/broker/hooks.hpp"
#include "mqtt/broker/link.hpp"
#include "mqtt/codec/decoder.hpp"

namespace dh::mqtt {

struct ConnectionOptions {
  size_t max_packet_size = 1 << 20;
  size_t max_queued_bytes = 4 << 20;
  std::chrono::seconds connect_timeout{10};
};

// What every connection shares.
struct ServerContext {
  Broker& broker;
  BrokerHooks* hooks;  // null: a plain broker
  ConnectionOptions options;
};

class Connection final : public Link, public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, const ServerContext& context);
  ~Connection() override;

  // Keeps `token` until the connection is destroyed (the server's count and registry).
  void Hold(std::shared_ptr<void> token) { slot_ = std::move(token); }
  void Start();

  // Link
  void Send(std::string packet, bool droppable) override;
  void Close() override;

 private:
  void DoRead();
  void OnRead(boost::system::error_code ec, size_t bytes);
  void Enqueue(std::string packet);
  void DoWrite();
  void ArmTimer(std::chrono::milliseconds after);
  void End(bool graceful);

  // Packet handlers (handle_*.cpp); false when the connection must close.
  bool Handle(Packet& packet);
  bool HandleConnect(Connect& connect);
  bool HandlePublish(Publish& publish);
  bool HandleSubscribe(const Subscribe& subscribe);
  bool HandleUnsubscribe(const Unsubscribe& unsubscribe);
  bool HandleAck(const Ack& ack);
  void SendPacket(const Packet& packet);
  void Acknowledge(const Publish& publish);

  boost::asio::ip::tcp::socket socket_;
  const ServerContext& context_;
  std::shared_ptr<void> slot_;
  boost::asio::steady_timer timer_;
  Decoder decoder_;

  std::vector<std::string> queue_;
  std::vector<std::string> inflight_;
  std::vector<boost::asio::const_buffer> buffers_;
  size_t queued_bytes_ = 0;  // queue_ + inflight_
  bool writing_ = false;
  bool close_after_write_ = false;
  size_t read_chunk_;  // adapts to the traffic: small while idle, up to 16 KiB under load
  bool ended_ = false;
  bool graceful_ = false;  // DISCONNECT received: no will

  std::shared_ptr<Session> session_;  // after CONNECT
  std::chrono::milliseconds keep_alive_{0};
  std::chrono::steady_clock::time_point last_heard_;
  uint64_t dropped_ = 0;
};

}  // namespace dh::mqtt
