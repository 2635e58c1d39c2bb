#pragma once
// The MQTT broker's shared state: sessions by client id, the topic tree of their subscriptions
// and the retained messages. Connections (mqtt/server) decode packets and call in here; the
// broker routes each application message to the sessions whose filters match it.
//
// Locking: one reader-writer lock. A publish holds it shared while it matches and hands the
// message to each session (Session::Deliver only queues); CONNECT, SUBSCRIBE, UNSUBSCRIBE and
// session ends hold it exclusively. Sessions never call back into the broker, and Links only
// queue, so the lock is never held across I/O. Thread-safe.
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "mqtt/broker/hooks.hpp"
#include "mqtt/broker/session.hpp"
#include "mqtt/broker/topic_tree.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

struct BrokerOptions {
  SessionLimits session;
  size_t max_subscriptions_per_session = 1000;
  size_t max_retained = 100'000;
};

struct BrokerStats {
  size_t sessions = 0;
  size_t connected = 0;
  size_t subscriptions = 0;
  size_t retained = 0;
};

class Broker {
 public:
  explicit Broker(BrokerOptions options) : options_(options) {}

  struct Connected {
    std::shared_ptr<Session> session;
    bool session_present = false;
  };
  // Opens or resumes the client's session and attaches `link` (after CONNACK is queued by the
  // caller, resends follow). A live connection with the same client id is closed and its will
  // published [MQTT-3.1.4-2]. Hook states dropped here (an ended session's, or the one a resumed
  // session had) are appended to `ended_states` for BrokerHooks::Ended.
  Connected Connect(const Connect& connect, std::shared_ptr<Link> link,
                    std::shared_ptr<void> hook_state,
                    std::vector<std::shared_ptr<void>>& ended_states);
  // The connection `link` ended; `graceful` when it sent DISCONNECT (its will is discarded,
  // else published). A clean session ends with it and is returned (for the hooks), else null.
  std::shared_ptr<Session> Disconnect(const std::shared_ptr<Session>& session, const Link* link,
                                      bool graceful);

  // Routes an application message to every matching session and updates the retained store.
  void Route(const MessagePtr& message);
  // Adds one filter; returns the granted QoS or kSubAckFailure (too many subscriptions). The
  // retained messages the filter matches are appended to `retained` under the same lock, so each
  // message reaches the session once: stored before the subscription (sent by SendRetained) or
  // routed after it (sent live), never both.
  uint8_t Subscribe(Session& session, const std::string& filter, uint8_t qos,
                    std::vector<MessagePtr>& retained);
  // Sends what Subscribe collected, with RETAIN set (after the caller queued the SUBACK).
  static void SendRetained(Session& session, const std::vector<MessagePtr>& retained, uint8_t qos);
  void Unsubscribe(Session& session, const std::string& filter);

  // Whether a session with clean session 0 is stored for `client_id` (CONNACK's session present).
  bool HasPersistentSession(const std::string& client_id) const;

  BrokerStats stats() const;

 private:
  // Removes the session's subscriptions and forgets it. Exclusive lock held.
  void Forget(const std::shared_ptr<Session>& session);
  void RouteLocked(const MessagePtr& message);
  static MessagePtr WillMessage(const Will& will);

  const BrokerOptions options_;
  mutable std::shared_mutex mutex_;
  // Keyed by a view of the session's own client id (no second copy per session).
  std::unordered_map<std::string_view, std::shared_ptr<Session>> sessions_;
  TopicTree tree_;
  std::map<std::string, MessagePtr> retained_;
};

}  // namespace dh::mqtt
