#include "api/ws/ws_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/write.hpp>

#include "api/json/message_views.hpp"
#include "core/json_read.hpp"

namespace dh::api::ws {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

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

WsSession::WsSession(beast::tcp_stream stream, net::HttpRequest upgrade, std::shared_ptr<void> slot,
                     std::shared_ptr<WsEnvironment> env)
    : ws_(std::move(stream)),
      strand_(ws_.get_executor()),
      upgrade_(std::move(upgrade)),
      slot_(std::move(slot)),
      env_(std::move(env)),
      host_(upgrade_[http::field::host]),
      ping_timer_(strand_) {
  std::lock_guard lock(env_->mutex);
  env_->sessions.insert(this);
}

WsSession::~WsSession() {
  std::lock_guard lock(env_->mutex);
  env_->sessions.erase(this);
}

void WsSession::Start() {
  auto principal = env_->authenticator.FromHeader(upgrade_[http::field::authorization]);
  if (!principal) return RejectHandshake(principal.error());
  principal_ = std::move(*principal);
  // keep_alive_pings: a peer silent for half the idle timeout is pinged, so that a pong (any
  // frame) keeps a listening subscriber connected; silence for the other half drops it.
  ws_.set_option(
      websocket::stream_base::timeout{std::chrono::seconds(30), env_->options.idle_timeout, true});
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(http::field::server, "devicehive"); }));
  ws_.read_message_max(env_->options.max_message_bytes);
  ws_.auto_fragment(false);
  ws_.write_buffer_bytes(512);
  ws_.async_accept(upgrade_,
                   [self = shared_from_this()](beast::error_code ec) { self->OnAccept(ec); });
}

void WsSession::RejectHandshake(const core::Error& error) {
  auto response =
      std::make_shared<net::HttpResponse>(http::status::unauthorized, upgrade_.version());
  response->set(http::field::content_type, "application/json");
  response->body() = "{\"error\":401,\"message\":" + core::JsonQuote(error.message) + "}";
  response->keep_alive(false);
  response->prepare_payload();
  http::async_write(ws_.next_layer(), *response,
                    [self = shared_from_this(), response](beast::error_code, std::size_t) {
                      beast::error_code ignored;
                      self->ws_.next_layer().socket().shutdown(asio::ip::tcp::socket::shutdown_send,
                                                               ignored);
                      self->End();
                    });
}

void WsSession::OnAccept(beast::error_code ec) {
  upgrade_ = {};
  if (ec) return End();
  SchedulePing();
  DoRead();
}

void WsSession::DoRead() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->OnRead(ec);
  });
}

void WsSession::OnRead(beast::error_code ec) {
  if (ec) {
    if (ec == websocket::error::message_too_big) {
      spdlog::debug("websocket frame over {} bytes: closing", env_->options.max_message_bytes);
    }
    return End();
  }
  const std::string text = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  if (buffer_.capacity() > 16 * 1024) buffer_.shrink_to_fit();
  Dispatch(text);
  DoRead();
}

void WsSession::Dispatch(std::string_view text) {
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
  asio::dispatch(strand_, [self = shared_from_this(), message = std::move(message)]() mutable {
    self->Enqueue(std::move(message));
  });
}

void WsSession::Enqueue(std::string message) {
  if (closing_ || ended_) return;
  if (queue_.size() - head_ >= env_->options.max_queued_messages ||
      queued_bytes_ + message.size() > env_->options.max_queued_bytes) {
    spdlog::warn("websocket client too slow: {} messages ({} bytes) waiting; disconnecting it",
                 queue_.size() - head_, queued_bytes_);
    return CloseWith(websocket::close_code::policy_error, "outbound queue overflow");
  }
  // Every message is longer than the small-string buffer, so its characters live on the heap
  // and stay put when the vector grows under a write in progress.
  if (message.capacity() < 32) message.reserve(32);
  queued_bytes_ += message.size();
  queue_.push_back(std::move(message));
  if (!writing_) DoWrite();
}

void WsSession::DoWrite() {
  writing_ = true;
  ws_.text(true);
  ws_.async_write(
      asio::buffer(queue_[head_]),
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnWrite(ec); });
}

void WsSession::OnWrite(beast::error_code ec) {
  writing_ = false;
  queued_bytes_ -= std::min(queued_bytes_, queue_[head_].size());
  if (++head_ == queue_.size()) {
    queue_.clear();
    head_ = 0;
  }
  if (ec) return End();
  if (head_ < queue_.size() && !closing_) DoWrite();
}

void WsSession::SchedulePing() {
  ping_timer_.expires_after(env_->options.ping_interval);
  ping_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->closing_ || self->ended_) return;
    if (!self->pinging_) {
      self->pinging_ = true;
      self->ws_.async_ping({}, [self](beast::error_code) { self->pinging_ = false; });
    }
    self->SchedulePing();
  });
}

void WsSession::Close() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    self->CloseWith(websocket::close_code::going_away, "server shutting down");
  });
}

void WsSession::CloseWith(websocket::close_code code, std::string_view reason) {
  if (closing_ || ended_) return;
  closing_ = true;
  ping_timer_.cancel();
  // Drop what waits, but not the message a write in progress is still reading.
  queue_.resize(writing_ ? head_ + 1 : 0);
  if (!writing_) head_ = 0;
  queued_bytes_ = 0;
  ws_.async_close(websocket::close_reason(code, reason),
                  [self = shared_from_this()](beast::error_code) {});
}

void WsSession::End() {
  if (ended_) return;
  ended_ = true;
  closing_ = true;
  ping_timer_.cancel();
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
  asio::dispatch(strand_,
                 [self = shared_from_this(), subscription_id, info = std::move(info)]() mutable {
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
