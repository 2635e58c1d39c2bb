#pragma once
// A client's session (§3.1.2.4): its subscriptions and the state of its QoS 1 and 2 flows, which
// outlive a connection when the client connected with clean session 0.
//
// Outgoing QoS 1/2 messages take a packet id and wait in `inflight_` until acknowledged; at most
// `max_inflight` at a time, the rest queue in `pending_` (bounded: the oldest is dropped and
// counted). Without a connection, QoS 1/2 messages queue and QoS 0 ones are dropped. When a
// client resumes the session, unacknowledged PUBLISHes are resent with DUP set and PUBRELs
// resent, in their original order [MQTT-4.4.0-1], then the queue drains.
// Thread-safe: deliveries come from any publisher's thread, acks from the connection's.
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "mqtt/broker/link.hpp"
#include "mqtt/broker/message.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

struct SessionLimits {
  size_t max_inflight = 32;
  size_t max_queued = 1000;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::string client_id, bool clean, SessionLimits limits)
      : client_id_(std::move(client_id)), clean_(clean), limits_(limits) {}

  const std::string& client_id() const { return client_id_; }
  bool clean() const { return clean_; }

  // Binds the session to a connection and resends what the client has not acknowledged.
  void Attach(std::shared_ptr<Link> link);
  // Unbinds `link` if it is still the session's; later deliveries queue (or drop, QoS 0).
  void Detach(const Link* link);
  // Unbinds whatever connection the session has and returns it (a takeover closes it).
  std::shared_ptr<Link> Release();
  bool attached() const;

  // Sends `message` at `qos` (the lower of the message's and the subscription's), with the
  // RETAIN flag `retain` (set only for retained messages sent on subscribe).
  void Deliver(const MessagePtr& message, uint8_t qos, bool retain);

  // The client acknowledged: PUBACK (QoS 1 done), PUBREC (QoS 2: send PUBREL), PUBCOMP (done).
  void OnPubAck(uint16_t packet_id);
  void OnPubRec(uint16_t packet_id);
  void OnPubComp(uint16_t packet_id);

  // Incoming QoS 2: true when `packet_id` starts a new message (deliver it), false for a
  // retransmission of one already received and not yet released.
  bool ReceiveQos2(uint16_t packet_id);
  void ReleaseQos2(uint16_t packet_id);

  // Messages dropped by the queue bound (or QoS 0 while disconnected).
  uint64_t dropped() const;

  // Guarded by the broker, not by the session: the filters the client holds, with their QoS.
  std::map<std::string, uint8_t>& subscriptions() { return subscriptions_; }
  // The will of the current connection, published if it ends without DISCONNECT.
  std::unique_ptr<Will>& will() { return will_; }
  // Per-session state of the broker's hooks (the DeviceHive layer keeps its principal here).
  std::shared_ptr<void>& hook_state() { return hook_state_; }

 private:
  struct Outgoing {
    MessagePtr message;
    uint8_t qos;
    bool retain;
    bool released = false;  // QoS 2: PUBREC received, PUBREL sent
  };

  void SendPublish(Link& link, uint16_t packet_id, const Outgoing& out, bool dup);
  void SendPubRel(Link& link, uint16_t packet_id);
  uint16_t NextId();
  void Drain();  // moves pending messages into free in-flight slots

  // The QoS 1/2 state: allocated with the first QoS 1/2 message either way, so the many idle
  // sessions that never see one stay small.
  struct Flow {
    std::map<uint16_t, Outgoing> inflight;  // keyed by id; `order` keeps send order
    std::vector<uint16_t> order;            // at most max_inflight ids
    std::unique_ptr<std::deque<Outgoing>> pending;
    std::set<uint16_t> incoming_qos2;
  };
  Flow& flow();

  const std::string client_id_;
  const bool clean_;
  const SessionLimits limits_;

  mutable std::mutex mutex_;
  // Weak: a connection owns its session, not the other way round (no cycle to leak).
  std::weak_ptr<Link> link_;
  std::unique_ptr<Flow> flow_;
  uint16_t next_id_ = 0;
  uint64_t dropped_ = 0;

  std::map<std::string, uint8_t> subscriptions_;
  std::unique_ptr<Will> will_;
  std::shared_ptr<void> hook_state_;
};

}  // namespace dh::mqtt
