#include "mqtt/broker/broker.hpp"

#include <spdlog/spdlog.h>

#include <mutex>

#include "mqtt/codec/topic.hpp"

namespace dh::mqtt {

MessagePtr Broker::WillMessage(const Will& will) {
  return std::make_shared<const Message>(Message{will.topic, will.payload, will.qos, will.retain});
}

Broker::Connected Broker::Connect(const mqtt::Connect& connect, std::shared_ptr<Link> link,
                                  std::shared_ptr<void> hook_state,
                                  std::vector<std::shared_ptr<void>>& ended_states) {
  std::unique_lock lock(mutex_);
  Connected connected;
  auto existing = sessions_.find(connect.client_id);
  if (existing != sessions_.end()) {
    auto old = existing->second;
    // Takeover: the old connection goes, and with it its will (it did not DISCONNECT).
    if (auto will = std::exchange(old->will(), nullptr)) RouteLocked(WillMessage(*will));
    if (auto old_link = old->Release()) old_link->Close();
    if (old->hook_state()) ended_states.push_back(std::exchange(old->hook_state(), nullptr));
    if (connect.clean_session || old->clean()) {
      Forget(old);
    } else {
      connected.session = old;
      connected.session_present = true;
    }
  }
  if (!connected.session) {
    connected.session =
        std::make_shared<Session>(connect.client_id, connect.clean_session, options_.session);
    sessions_.emplace(connected.session->client_id(), connected.session);
  }
  connected.session->will() = connect.will ? std::make_unique<Will>(*connect.will) : nullptr;
  connected.session->hook_state() = std::move(hook_state);
  connected.session->Attach(std::move(link));
  return connected;
}

std::shared_ptr<Session> Broker::Disconnect(const std::shared_ptr<Session>& session,
                                            const Link* link, bool graceful) {
  std::unique_lock lock(mutex_);
  const auto it = sessions_.find(session->client_id());
  if (it == sessions_.end() || it->second != session) return nullptr;  // taken over meanwhile
  // A takeover may have re-attached the session to a newer connection: then this one is gone.
  session->Detach(link);
  if (session->attached()) return nullptr;
  if (auto will = std::exchange(session->will(), nullptr); will && !graceful) {
    RouteLocked(WillMessage(*will));
  }
  if (!session->clean()) return nullptr;
  Forget(session);
  return session;
}

void Broker::Forget(const std::shared_ptr<Session>& session) {
  for (const auto& [filter, qos] : session->subscriptions())
    tree_.Unsubscribe(filter, session.get());
  session->subscriptions().clear();
  const auto it = sessions_.find(session->client_id());
  if (it != sessions_.end() && it->second == session) sessions_.erase(it);
}

void Broker::Route(const MessagePtr& message) {
  if (message->retain) {
    std::unique_lock lock(mutex_);
    RouteLocked(message);
  } else {
    std::shared_lock lock(mutex_);
    RouteLocked(message);
  }
}

void Broker::RouteLocked(const MessagePtr& message) {
  if (message->retain) {
    // An empty payload clears the topic's retained message [MQTT-3.3.1-10/11].
    if (message->payload.empty()) {
      retained_.erase(message->topic);
    } else if (retained_.size() < options_.max_retained || retained_.count(message->topic) > 0) {
      retained_[message->topic] = message;
    } else {
      spdlog::warn("mqtt: retained store full ({} topics): not retaining {}", retained_.size(),
                   message->topic);
    }
  }
  thread_local std::vector<TopicTree::Match> matches;
  tree_.Matches(message->topic, matches);
  for (const auto& match : matches) {
    // Forwarded to existing subscribers with RETAIN 0 [MQTT-3.3.1-9].
    match.session->Deliver(message, std::min(match.qos, message->qos), false);
  }
}

uint8_t Broker::Subscribe(Session& session, const std::string& filter, uint8_t qos,
                          std::vector<MessagePtr>& retained) {
  std::unique_lock lock(mutex_);
  auto& subscriptions = session.subscriptions();
  if (subscriptions.count(filter) == 0 &&
      subscriptions.size() >= options_.max_subscriptions_per_session) {
    return kSubAckFailure;
  }
  subscriptions[filter] = qos;
  tree_.Subscribe(filter, &session, qos);
  for (const auto& [topic, message] : retained_) {
    if (TopicMatches(filter, topic)) retained.push_back(message);
  }
  return qos;
}

void Broker::SendRetained(Session& session, const std::vector<MessagePtr>& retained, uint8_t qos) {
  for (const auto& message : retained) {
    session.Deliver(message, std::min(qos, message->qos), true);
  }
}

void Broker::Unsubscribe(Session& session, const std::string& filter) {
  std::unique_lock lock(mutex_);
  if (session.subscriptions().erase(filter) > 0) tree_.Unsubscribe(filter, &session);
}

bool Broker::HasPersistentSession(const std::string& client_id) const {
  std::shared_lock lock(mutex_);
  const auto it = sessions_.find(client_id);
  return it != sessions_.end() && !it->second->clean();
}

BrokerStats Broker::stats() const {
  std::shared_lock lock(mutex_);
  BrokerStats stats;
  stats.sessions = sessions_.size();
  for (const auto& [id, session] : sessions_) {
    if (session->attached()) ++stats.connected;
  }
  stats.subscriptions = tree_.size();
  stats.retained = retained_.size();
  return stats;
}

}  // namespace dh::mqtt
