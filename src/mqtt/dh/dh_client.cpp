#include "mqtt/dh/dh_client.hpp"

#include "api/ws/dispatch.hpp"
#include "mqtt/dh/dh_topics.hpp"

namespace dh::mqtt {
namespace {

// Publishes a subscription's events to its client for as long as the client lives.
class ClientSink final : public bus::EventSink {
 public:
  explicit ClientSink(std::weak_ptr<DhClient> client) : client_(std::move(client)) {}
  void Deliver(int64_t subscription_id, const bus::EventPtr& event) override {
    if (auto client = client_.lock()) client->Publish(subscription_id, *event);
  }

 private:
  std::weak_ptr<DhClient> client_;
};

// The "action" of a response envelope, which Responder always writes first.
std::string_view ActionOf(std::string_view message) {
  constexpr std::string_view kPrefix = R"({"action":")";
  if (!message.starts_with(kPrefix)) return {};
  const auto end = message.find('"', kPrefix.size());
  return end == std::string_view::npos ? std::string_view()
                                       : message.substr(kPrefix.size(), end - kPrefix.size());
}

}  // namespace

void DhClient::Bind(std::weak_ptr<Session> session) {
  std::lock_guard lock(mutex_);
  session_ = std::move(session);
}

void DhClient::AddResponseTopic(const std::string& action) {
  std::lock_guard lock(mutex_);
  response_actions_.insert(action);
}

void DhClient::RemoveResponseTopic(const std::string& action) {
  std::lock_guard lock(mutex_);
  response_actions_.erase(action);
}

void DhClient::AddFilterSubscription(const std::string& filter, int64_t subscription_id) {
  std::lock_guard lock(mutex_);
  filter_subscriptions_[filter] = subscription_id;
}

std::optional<int64_t> DhClient::TakeFilterSubscription(const std::string& filter) {
  std::lock_guard lock(mutex_);
  const auto it = filter_subscriptions_.find(filter);
  if (it == filter_subscriptions_.end()) return std::nullopt;
  const int64_t id = it->second;
  filter_subscriptions_.erase(it);
  return id;
}

std::vector<std::string> DhClient::ResponseActions() const {
  std::lock_guard lock(mutex_);
  return {response_actions_.begin(), response_actions_.end()};
}

std::vector<std::string> DhClient::EventFilters() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> filters;
  for (const auto& [filter, id] : filter_subscriptions_) filters.push_back(filter);
  return filters;
}

std::vector<int64_t> DhClient::TakeAllSubscriptions() {
  std::lock_guard lock(mutex_);
  std::vector<int64_t> ids;
  for (const auto& [filter, id] : filter_subscriptions_) ids.push_back(id);
  for (const auto& [id, info] : tracked_) ids.push_back(id);
  filter_subscriptions_.clear();
  tracked_.clear();
  return ids;
}

void DhClient::Publish(int64_t subscription_id, const bus::Event& event) {
  Deliver(TopicOf(event), api::ws::PushMessage(subscription_id, event));
}

void DhClient::Deliver(std::string topic, std::string payload) {
  std::shared_ptr<Session> session;
  {
    std::lock_guard lock(mutex_);
    session = session_.lock();
  }
  if (!session) return;
  auto message = std::make_shared<Message>();
  message->topic = std::move(topic);
  message->payload = std::move(payload);
  session->Deliver(message, 0, false);
}

const auth::Principal& DhClient::principal() const { return principal_; }

void DhClient::SetPrincipal(auth::Principal principal) { principal_ = std::move(principal); }

std::shared_ptr<bus::EventSink> DhClient::sink() {
  std::lock_guard lock(mutex_);
  if (!sink_) sink_ = std::make_shared<ClientSink>(weak_from_this());
  return sink_;
}

void DhClient::Track(int64_t subscription_id, api::ws::SubscriptionInfo info) {
  std::lock_guard lock(mutex_);
  tracked_.emplace(subscription_id, std::move(info));
}

std::vector<int64_t> DhClient::Untrack(bool commands, std::optional<int64_t> id) {
  std::lock_guard lock(mutex_);
  std::vector<int64_t> ids;
  for (auto it = tracked_.begin(); it != tracked_.end();) {
    const bool is_command = it->second.kind != bus::EventKind::kNotification;
    if (is_command == commands && (!id || it->first == *id)) {
      ids.push_back(it->first);
      it = tracked_.erase(it);
    } else {
      ++it;
    }
  }
  return ids;
}

void DhClient::Send(std::string message) {
  const std::string action(ActionOf(message));
  {
    std::lock_guard lock(mutex_);
    if (response_actions_.count(action) == 0) return;  // nobody listens: dropped, as upstream
  }
  Deliver("dh/response/" + action + "@" + client_id_, std::move(message));
}

}  // namespace dh::mqtt
