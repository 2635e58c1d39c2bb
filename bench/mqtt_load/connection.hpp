#pragma once
// One MQTT client connection to the broker under test: TCP connect (optionally from a given
// source address), CONNECT, and CONNACK checked with the repo's codec; then every packet is
// framed in place in the read buffer and handed to the listener as a view.
//
// Writes are batched: Send() only appends to a buffer and posts one flush, so everything sent
// during one handler (a pacer tick, a read's worth of deliveries) goes out in one write; while a
// write is in flight, sends collect in a second buffer. No allocation per message once the
// buffers have grown. Unsent bytes are bounded: past `max_queue_bytes` Send() refuses.
//
// Single-threaded: call it only from the thread running its io_context. The owner keeps it
// alive until that io_context has stopped.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mqtt/codec/fixed_header.hpp"

namespace dh::bench::mqtt_load {

class MqttConnection {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // CONNACK accepted: Send() may be called.
    virtual void OnConnected() = 0;
    // A packet after CONNACK; `body` is valid during the call only. `now_ns`: when the read
    // that brought it completed.
    virtual void OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body,
                          int64_t now_ns) = 0;
    // Called once when the connection fails or ends, whether or not OnConnected was called.
    virtual void OnClosed() = 0;
  };

  // `read_buffer`: the initial read buffer size (it grows for a larger packet, up to 1 MiB).
  MqttConnection(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& broker,
                 Listener& listener, size_t read_buffer, size_t max_queue_bytes);
  MqttConnection(const MqttConnection&) = delete;
  MqttConnection& operator=(const MqttConnection&) = delete;

  // Connects, sends `connect_packet` and waits for CONNACK.
  void Open(std::optional<boost::asio::ip::address> source, std::string connect_packet);
  // Queues `bytes` for the next write; false (nothing queued) when the connection is not up or
  // the queue is full.
  bool Send(std::string_view bytes);
  // Closes the socket; OnClosed follows.
  void Close();

  bool connected() const { return connected_; }

 private:
  void OnConnect(boost::system::error_code ec);
  void Read();
  void OnRead(boost::system::error_code ec, size_t bytes);
  // Frames and dispatches every whole packet in the buffer; false on a protocol error.
  bool Dispatch(int64_t now_ns);
  bool HandleConnAck(const mqtt::FixedHeader& header, std::span<const uint8_t> body);
  void ScheduleFlush();
  void Flush();
  void End();

  boost::asio::ip::tcp::socket socket_;
  const boost::asio::ip::tcp::endpoint& broker_;
  Listener& listener_;
  size_t max_queue_bytes_;
  std::vector<uint8_t> in_;  // unparsed bytes are [in_begin_, in_end_)
  size_t in_begin_ = 0;
  size_t in_end_ = 0;
  std::string out_;      // collecting
  std::string writing_;  // being written
  bool flush_posted_ = false;
  bool write_busy_ = false;
  bool connected_ = false;
  bool ended_ = false;
};

}  // namespace dh::bench::mqtt_load
