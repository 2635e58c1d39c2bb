#include "api/ws/ws_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>

#include "api/json/message_views.hpp"
#include "core/json_read.hpp"

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
  auto parsed = core::ParseJson(text);
  if (!parsed || !parsed->is_object()) return Send(BareError(400, "Malformed Json received."));
  const auto& request = parsed->get_object();
  const auto* request_id = request.if_contains("requestId");
  std::string request_id_text = request_id != nullptr ? core::ToJsonText(*request_id) : "null";
  const auto* action = request.if_contains("action");
  if (action == nullptr || !action->is_string()) {
    return Responder(shared_from_this(), {}, std::move(request_id_text))
        .Fail(core::Fail(core::Errc::kInternal,
                         "'action' field could not be parsed to known endpoint"));
  }
  std::string name(action->get_string());
  ActionCall call{request, shared_from_this(),
                  Responder(shared_from_this(), name, std::move(request_id_text))};
  const auto handler = env_->actions.find(name);
  if (handler == env_->actions.end()) {
    return call.respond.Fail(core::Fail(core::Errc::kBadRequest, "Illegal argument: " + name));
  }
  try {
    handler->second(call);
  } catch (const std::exception& e) {
    spdlog::error("websocket action {} failed: {}", name, e.what());
    call.respond.Fail(core::Fail(core::Errc::kInternal, "Internal server error"));
  }
}

void WsSession::Push(int64_t subscription_id, const bus::EventPtr& event) {
  const std::string& view = json::ClientView(*event);
  std::string message;
  message.reserve(view.size() + 96);
  switch (event->kind) {
    case bus::EventKind::kNotification:
      message = R"({"action":"notification/insert","notification":)";
      break;
    case bus::EventKind::kCommand:
      message = R"({"action":"command/insert","command":)";
      break;
    case bus::EventKind::kCommandUpdate:
      message = R"({"action":"command/update","command":)";
      break;
  }
  message += view;
  message += R"(,"subscriptionId":)";
  message += std::to_string(subscription_id);
  message += '}';
  Send(std::move(message));
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
