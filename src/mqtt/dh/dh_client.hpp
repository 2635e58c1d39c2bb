#pragma once
// An MQTT client as the DeviceHive layer sees it (the session's hook state): the principal it
// authenticated as, the response topics it holds, and its event subscriptions on the bus. It is
// also the api::ws::Connection that dh/request actions answer through: a response with action A
// goes to the client as dh/response/A@<clientId> if it subscribed to exactly that topic, and the
// pushes of its subscriptions go out on their concrete event topics (dh_topics.hpp), QoS 0.
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "api/ws/connection.hpp"
#include "mqtt/broker/session.hpp"

namespace dh::mqtt {

class DhClient final : public api::ws::Connection, public std::enable_shared_from_this<DhClient> {
 public:
  DhClient(auth::Principal principal, std::weak_ptr<Session> session, std::string client_id)
      : principal_(std::move(principal)),
        session_(std::move(session)),
        client_id_(std::move(client_id)) {}

  const std::string& client_id() const { return client_id_; }
  void Bind(std::weak_ptr<Session> session);

  // Response topics (exact strings, as the reference matched them).
  void AddResponseTopic(const std::string& action);
  void RemoveResponseTopic(const std::string& action);
  // Bus subscriptions made for MQTT filters; Take removes and returns them.
  void AddFilterSubscription(const std::string& filter, int64_t subscription_id);
  std::optional<int64_t> TakeFilterSubscription(const std::string& filter);
  std::vector<int64_t> TakeAllSubscriptions();
  // What a resumed persistent session restores: the response topics and the event filters held.
  std::vector<std::string> ResponseActions() const;
  std::vector<std::string> EventFilters() const;

  // Publishes an event to this client on its concrete topic.
  void Publish(int64_t subscription_id, const bus::Event& event);

  // api::ws::Connection
  const auth::Principal& principal() const override;
  void SetPrincipal(auth::Principal principal) override;
  const std::string& host() const override { return host_; }
  std::shared_ptr<bus::EventSink> sink() override;
  void Track(int64_t subscription_id, api::ws::SubscriptionInfo info) override;
  std::vector<int64_t> Untrack(bool commands, std::optional<int64_t> id) override;
  const std::map<int64_t, api::ws::SubscriptionInfo>& subscriptions() const override {
    return tracked_;
  }
  void Send(std::string message) override;

 private:
  void Deliver(std::string topic, std::string payload);

  mutable std::mutex mutex_;
  auth::Principal principal_;
  std::weak_ptr<Session> session_;
  const std::string client_id_;
  const std::string host_ = "localhost";
  std::set<std::string> response_actions_;
  std::map<std::string, int64_t> filter_subscriptions_;
  std::map<int64_t, api::ws::SubscriptionInfo> tracked_;  // made through dh/request actions
  std::shared_ptr<bus::EventSink> sink_;
};

}  // namespace dh::mqtt
