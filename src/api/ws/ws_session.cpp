#include "api/ws/ws_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>

#include "api/ws/dispatch.hpp"

namespace dh::api::ws {

namespace {

// Hands a subscription's events to its session for as long as the session lives.
class SessionSink final : public bus::EventSink {
 public:
  explicit SessionSink(std::weak_ptr<WsSession> session) : session_(std::move(session)) {}
  void Deliver(int64_t subscription_id, const bus::EventPtr& event) override {
    if (auto session = session_.lock()) session->Push(subscription_id, event);
  }

 private:
  std::weak_ptr<WsSession> session_;
};

bool IsCommandKind(bus::EventKind kind) { return kind != bus::EventKind::kNotification; }

}  // namespace

WsSession::WsSession(auth::Principal principal, std::string host, std::shared_ptr<void> slot,
                     std::shared_ptr<WsEnvironment> env)
    : slot_(std::move(slot)),
      env_(std::move(env)),
      principal_(std::move(principal)),
      host_(std::move(host)) {
  std::lock_guard lock(env_->mutex);
  env_->sessions.insert(this);
}

WsSession::~WsSession() {
  std::lock_guard lock(env_->mutex);
  env_->sessions.erase(this);
}

void WsSession::Attach(std::shared_ptr<net::websocket::Connection> transport) {
  executor_ = transport->executor();
  transport_ = transport;
}

void WsSession::OnMessage(std::string_view text) {
  Dispatch(env_->actions, text, shared_from_this());
}

void WsSession::Push(int64_t subscription_id, const bus::EventPtr& event) {
  Send(PushMessage(subscription_id, *event));
}

void WsSession::Send(std::string message) {
  if (auto transport = transport_.lock()) transport->Send(std::move(message));
}

void WsSession::Close() {
  if (auto transport = transport_.lock()) transport->Close(1001, "server shutting down");
}

void WsSession::OnClosed() {
  ended_ = true;
  std::vector<int64_t> ids;
  ids.reserve(subscriptions_.size());
  for (const auto& [id, info] : subscriptions_) ids.push_back(id);
  subscriptions_.clear();
  if (!ids.empty()) env_->bus.Unsubscribe(std::move(ids));
}

std::shared_ptr<bus::EventSink> WsSession::sink() {
  if (!sink_) sink_ = std::make_shared<SessionSink>(weak_from_this());
  return sink_;
}

void WsSession::Track(int64_t subscription_id, SubscriptionInfo info) {
  boost::asio::dispatch(
      executor_, [self = shared_from_this(), subscription_id, info = std::move(info)]() mutable {
        if (self->ended_) return self->env_->bus.Unsubscribe({subscription_id});
        self->subscriptions_.emplace(subscription_id, std::move(info));
      });
}

std::vector<int64_t> WsSession::Untrack(bool commands, std::optional<int64_t> id) {
  std::vector<int64_t> ids;
  for (auto it = subscriptions_.begin(); it != subscriptions_.end();) {
    if (IsCommandKind(it->second.kind) == commands && (!id || it->first == *id)) {
      ids.push_back(it->first);
      it = subscriptions_.erase(it);
    } else {
      ++it;
    }
  }
  return ids;
}

}  // namespace dh::api::ws
