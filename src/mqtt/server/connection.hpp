#pragma once
// One MQTT client connection, on its own strand: reads bytes into the codec's Decoder, handles
// each packet (one handle_*.cpp file per packet type, as in mosquitto), and writes what the
// broker queues through Link::Send. Writes are batched: everything queued while a write is in
// progress goes to the wire in one piece. The wire is a subclass: TCP (tcp_connection.hpp) or
// binary WebSocket messages (ws_connection.hpp).
//
// Limits: CONNECT must arrive within `connect_timeout`; after it, a client silent for 1.5 times
// its keep-alive is dropped [MQTT-3.1.2-24]; packets over `max_packet_size` close the
// connection; the outbound queue is bounded: beyond `max_queued_bytes` QoS 0 publishes are
// dropped, and beyond twice that the connection is closed.
#include <boost/asio/any_io_executor.hpp>
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

class Deadlines;
class Registry;

// What every connection shares.
struct ServerContext {
  Broker& broker;
  BrokerHooks* hooks;  // null: a plain broker
  ConnectionOptions options;
  Deadlines& deadlines;
};

class Connection : public Link, public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(const ServerContext& context);
  ~Connection() override;

  // Keeps `slot` (the listener's count) and stays in `registry` until destroyed.
  void Register(std::shared_ptr<Registry> registry, std::shared_ptr<void> slot);
  void Start();

  // Link
  void Send(std::string packet, bool droppable) override;
  void SendPublish(MessagePtr message, PublishHeader header) override;
  void Close() override;

  // The deadline scheduled as `generation` came (Deadlines calls this; any thread): the
  // connection ends if it is still due, else schedules its next check.
  void Expire(uint32_t generation);

 protected:
  // The smallest read chunk: the wire's choice while traffic is thin.
  static constexpr size_t kMinReadChunk = 256;

  // The wire, called on the strand. WireRead reads up to `chunk` bytes into
  // decoder_.Prepare(...) and reports them through OnRead (a wire that pushes, like WebSocket,
  // calls OnRead when bytes arrive instead); WireWrite sends `bytes` (whole packets), which it
  // may move from, and reports through OnWritten; WireClose shuts the wire down and may be
  // called again.
  virtual void WireRead(size_t chunk) = 0;
  virtual void WireWrite(std::string& bytes) = 0;
  virtual void WireClose() = 0;
  // Whether the wire holds a backlog of its own (QoS 0 publishes are dropped while it does).
  virtual bool WireCongested() const { return false; }

  // The strand every handler runs on (the wire's).
  virtual const boost::asio::any_io_executor& strand() = 0;

  void OnRead(boost::system::error_code ec, size_t bytes);
  void OnWritten(boost::system::error_code ec);
  // Ends the connection once: the broker hears of it (the will unless `graceful`), then the wire
  // is closed.
  void End(bool graceful);

  Decoder decoder_;
  bool ended_ = false;

 private:
  void DoRead();
  // On the strand: whether a packet may be queued now. A droppable one is refused (and counted)
  // while the queue or the wire is congested; any is refused, and the connection closed, beyond
  // twice the queue limit.
  bool Admit(bool droppable);
  void Enqueue(std::string_view packet);
  size_t queued_bytes() const { return queue_.size() + inflight_.size(); }
  void DoWrite();
  // Schedules the next deadline check `after` from now, replacing any earlier one.
  void ScheduleCheck(std::chrono::milliseconds after);
  void CheckDeadline();

  // Closes once what is queued has been written (at once when nothing is).
  void CloseWhenWritten();
  // Handles the whole packets buffered; false when reading must not go on (closing, or a
  // CONNECT waiting for the hooks).
  bool ProcessPackets();
  // Goes on after the hooks accepted a CONNECT: the packets behind it, then reading.
  void Resume();

  // Packet handlers (handle_*.cpp); false when the connection must close.
  bool Handle(Packet& packet);
  bool HandleConnect(Connect& connect);
  // Completes a CONNECT once the hooks answered `code` (CONNACK, session, keep-alive).
  bool FinishConnect(const Connect& connect, uint8_t code, std::shared_ptr<void> hook_state);
  bool HandlePublish(Publish& publish);
  bool HandleSubscribe(const Subscribe& subscribe);
  bool HandleUnsubscribe(const Unsubscribe& unsubscribe);
  bool HandleAck(const Ack& ack);
  void SendPacket(const Packet& packet);
  void Acknowledge(const Publish& publish);

  const ServerContext& context_;
  std::shared_ptr<void> slot_;
  std::shared_ptr<Registry> registry_;
  friend class Registry;
  Connection* registry_prev_ = nullptr;
  Connection* registry_next_ = nullptr;
  uint32_t deadline_generation_ = 0;  // of the one check that counts

  // Packets queued, encoded back to back: one contiguous buffer is one send() however many
  // packets it holds (Asio passes at most 64 buffers to one sendmsg, and a big batch then took
  // several trips through the scheduler while new packets kept arriving).
  std::string queue_;
  std::string inflight_;  // being written
  bool writing_ = false;
  bool close_after_write_ = false;
  size_t read_chunk_;        // adapts to the traffic: small while idle, up to 16 KiB under load
  bool graceful_ = false;    // DISCONNECT received: no will
  bool connecting_ = false;  // CONNECT waits for the hooks: reading is paused

  std::shared_ptr<Session> session_;  // after CONNECT
  std::chrono::milliseconds keep_alive_{0};
  std::chrono::steady_clock::time_point last_heard_;
  uint64_t dropped_ = 0;
};

}  // namespace dh::mqtt
