#pragma once
// A server-side WebSocket connection (RFC 6455) after the opening handshake, on a TCP socket
// whose executor is a strand. Every public method may be called from any thread.
//
// Writes: messages are framed into one contiguous buffer while a write is in progress, and all
// of it goes out with the next send(). Loopback profiles showed one sendmsg per message as half
// of the server's CPU under load; batching is why this is not Beast's stream. (A gather write
// of header and payload per message was tried: Asio passes at most 64 buffers to one sendmsg
// (32 messages), so a big batch took several round trips through the scheduler while new pushes
// kept arriving, and a busy subscriber's queue grew until it overflowed. Copying small frames
// is cheaper.)
// A peer too slow to drain the queue is closed with 1008 "outbound queue overflow".
//
// Reads: one buffer, grown up to the message size limit (1009 "message too big" beyond it);
// pings are answered, fragments are reassembled, protocol errors close with 1002.
//
// Liveness: the server pings every ping interval, and sooner once the peer has been silent for
// half the idle timeout; a peer silent (not even a pong) for the whole idle timeout is dropped.
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/websocket/frame.hpp"

namespace dh::net::websocket {

struct Options {
  size_t max_message_bytes = 64 * 1024;
  size_t max_queued_messages = 4096;
  size_t max_queued_bytes = 8 * 1024 * 1024;
  std::chrono::seconds ping_interval{30};
  std::chrono::seconds idle_timeout{120};
};

// What an endpoint does with its connection. Called on the connection's strand.
class Peer {
 public:
  virtual ~Peer() = default;
  // One whole text message, well-formed UTF-8 (any other closes the connection with 1007);
  // `payload` is valid during the call only.
  virtual void OnMessage(std::string_view payload) = 0;
  // One whole binary message; taken as text unless overridden.
  virtual void OnBinary(std::string_view payload) { OnMessage(payload); }
  // The connection ended (called once; nothing is delivered after it).
  virtual void OnClosed() = 0;
};

class Connection final : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, Options options);
  ~Connection();

  // Writes the handshake response (`accept`, raw HTTP) and starts reading for `peer`, which the
  // connection keeps alive until OnClosed.
  void Start(std::string accept, std::shared_ptr<Peer> peer);
  // Queues a text message.
  void Send(std::string text) { SendData(Opcode::kText, std::move(text)); }
  // Queues a binary message.
  void SendBinary(std::string bytes) { SendData(Opcode::kBinary, std::move(bytes)); }
  // Starts the closing handshake with `code` and `reason`.
  void Close(uint16_t code, std::string_view reason);
  // Messages queued or being written; any thread (a snapshot).
  size_t queued_messages() const { return queued_messages_.load(std::memory_order_relaxed); }
  // The strand every callback runs on.
  boost::asio::any_io_executor executor() { return socket_.get_executor(); }

 private:
  void SendData(Opcode opcode, std::string payload);
  // Frames `payload` into the queue (raw, without a frame header, when `opcode` is nullopt:
  // the handshake response).
  void Enqueue(std::optional<Opcode> opcode, std::string_view payload);
  void Control(Opcode opcode, std::string payload);
  void DoWrite();
  void OnWrite(boost::system::error_code ec);
  void DoRead();
  void OnRead(boost::system::error_code ec, size_t bytes);
  // Handles the complete frames at the front of the buffer; false when the connection closed.
  bool ProcessFrames();
  bool HandleFrame(const FrameHeader& header, std::span<uint8_t> payload);
  void Deliver(bool binary, std::string_view payload);
  void CloseWith(uint16_t code, std::string_view reason);
  // Sends our close frame (nothing else after it) and arms the closing deadline.
  void BeginClose(std::string close_payload);
  void ScheduleTick();
  void End();

  boost::asio::ip::tcp::socket socket_;
  const Options options_;
  std::shared_ptr<Peer> peer_;
  boost::asio::steady_timer timer_;  // pings, idle timeout, closing deadline

  std::vector<uint8_t> in_;  // bytes read, in_[0..in_size_) valid
  size_t in_size_ = 0;
  std::string message_;  // a fragmented message being reassembled
  bool fragmented_ = false;
  bool fragmented_binary_ = false;

  std::string queue_;                       // frames waiting for the next write
  std::string inflight_;                    // frames being written (untouched until done)
  size_t queue_messages_ = 0;               // in queue_
  size_t inflight_messages_ = 0;            // in inflight_
  std::atomic<size_t> queued_messages_{0};  // both, published for other threads
  bool writing_ = false;

  std::chrono::steady_clock::time_point last_heard_;
  std::chrono::steady_clock::time_point last_ping_;
  bool closing_ = false;  // our close frame is queued: send nothing else
  bool shut_after_write_ = false;
  bool ended_ = false;
};

}  // namespace dh::net::websocket
