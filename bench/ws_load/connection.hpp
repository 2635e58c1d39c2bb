#pragma once
// One WebSocket client connection to the server under test (ws://host:port<path>: the client
// API /api/websocket, or the plugin proxy /plugin/proxy).
//
// The upgrade is a Beast HTTP exchange; after it the connection frames messages itself
// (ws_frame.hpp) instead of using beast::websocket::stream, whose client path costs one read
// syscall per 1.5 KB (a fixed internal buffer) and one write syscall per message: profiled, that
// put two thirds of the tool's CPU in the kernel. Here reads take up to 64 KiB at a time and
// every message queued while a write is in flight goes out with the next single write.
//
// A connection lives on one io_context run by a single thread; call it only from that thread.
// Outgoing messages are bounded by Target::max_queue: a full queue refuses the message. Incoming
// text is handed to the listener as a view, valid only during the call. Pings are answered.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ws_load/ws_frame.hpp"

namespace dh::bench {

struct Target {
  boost::asio::ip::tcp::endpoint endpoint;
  std::string host;                              // Host header
  boost::asio::ip::tcp::endpoint mqtt_endpoint;  // the MQTT port, for --device-transport mqtt
  size_t max_queue = 10'000;
};

class WsConnection : public std::enable_shared_from_this<WsConnection> {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    // The upgrade succeeded; Send() may be called.
    virtual void OnOpen() = 0;
    virtual void OnMessage(std::string_view text) = 0;
    // Called once when the connection fails or ends, whether or not OnOpen was called.
    virtual void OnClosed(boost::system::error_code ec) = 0;
  };

  static constexpr std::string_view kClientApiPath = "/api/websocket";
  static constexpr std::string_view kPluginProxyPath = "/plugin/proxy";

  // `listener` must outlive every handler this connection runs; `path` is the upgrade target.
  WsConnection(boost::asio::io_context& io, const Target& target, Listener& listener,
               std::string_view path = kClientApiPath);

  // Connects (from `source`, port chosen by the kernel, when given) and upgrades.
  void Open(std::optional<boost::asio::ip::address> source);
  // Queues a text message. False (and nothing queued) when the connection is not open, is
  // closing, or max_queue messages already wait.
  bool Send(std::string_view text);
  // Sends a close frame and, once it is written, shuts the sending side; OnClosed follows when
  // the server closes too. Before the upgrade, aborts. Idempotent.
  void Close();
  // Messages queued or being written.
  size_t queued() const { return pending_count_ + writing_count_; }

 private:
  void OnConnect(boost::system::error_code ec);
  void OnUpgraded(boost::system::error_code ec);
  void DoRead();
  void OnRead(boost::system::error_code ec, size_t bytes);
  // Handles the complete frames at the front of buffer_; false once the connection is done.
  bool HandleFrames();
  void Queue(Opcode opcode, std::string_view payload);
  void Flush();
  void Finish(boost::system::error_code ec);
  uint32_t NextMask();

  boost::asio::ip::tcp::socket socket_;
  const Target& target_;
  Listener& listener_;
  std::string path_;
  boost::beast::flat_buffer buffer_;
  size_t read_chunk_ = 4096;  // grows while reads fill it, up to 64 KiB
  std::string fragments_;     // a fragmented message being assembled
  std::string pending_;       // frames queued since the last write started
  std::string writing_;       // frames of the write in flight
  size_t pending_count_ = 0;
  size_t writing_count_ = 0;
  uint64_t prng_;
  bool open_ = false;
  bool write_in_flight_ = false;
  bool closing_ = false;  // a close frame is queued or sent: send nothing more
  bool finished_ = false;
};

}  // namespace dh::bench
