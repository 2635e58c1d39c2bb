#include "proxy/proxy_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "core/json_writer.hpp"
#include "core/time.hpp"

namespace dh::proxy {
namespace {

constexpr size_t kMaxMessagesPerFrame = 1024;
constexpr std::string_view kNotAuthorized = "Plugin not authorized";
constexpr std::string_view kNoPermission = "Plugin has no permissions for this operation";

// The `t` list of a topic payload, when it is an array of strings.
std::optional<std::vector<std::string>> Topics(const boost::json::value& payload) {
  const auto* object = payload.if_object();
  const auto* list = object != nullptr ? object->if_contains("t") : nullptr;
  if (list == nullptr || !list->is_array()) return std::nullopt;
  std::vector<std::string> topics;
  for (const auto& item : list->get_array()) {
    if (!item.is_string()) return std::nullopt;
    topics.emplace_back(item.get_string());
  }
  return topics;
}

const boost::json::string* StringField(const boost::json::value& payload, std::string_view key) {
  const auto* object = payload.if_object();
  const auto* field = object != nullptr ? object->if_contains(key) : nullptr;
  return field != nullptr ? field->if_string() : nullptr;
}

std::string TopicsPayload(const std::vector<std::string>& topics, const std::string* group) {
  std::string out;
  core::JsonWriter w(out);
  w.BeginObject();
  if (group != nullptr) w.FieldString("sg", *group);
  w.Key("t");
  w.BeginArray();
  for (const auto& topic : topics) w.String(topic);
  w.EndArray();
  w.EndObject();
  return out;
}

}  // namespace

ProxySession::ProxySession(std::shared_ptr<void> slot, std::shared_ptr<ProxyEnvironment> env)
    : slot_(std::move(slot)), env_(std::move(env)) {
  std::lock_guard lock(env_->sessions_mutex);
  env_->sessions.insert(this);
}

ProxySession::~ProxySession() {
  std::lock_guard lock(env_->sessions_mutex);
  env_->sessions.erase(this);
}

void ProxySession::Attach(const std::shared_ptr<net::websocket::Connection>& transport) {
  executor_ = transport->executor();
  transport_ = transport;
}

void ProxySession::Close() {
  if (auto transport = transport_.lock()) transport->Close(1001, "server shutting down");
}

void ProxySession::Send(std::string text) {
  if (auto transport = transport_.lock()) transport->Send(std::move(text));
}

void ProxySession::Deliver(const std::shared_ptr<const std::string>& frame) { Send(*frame); }

void ProxySession::OnMessage(std::string_view text) {
  auto messages = ParseFrame(text, kMaxMessagesPerFrame);
  if (!messages) return Send(FrameError(messages.error().message));
  for (const auto& message : *messages) {
    if (!Handle(message)) break;
  }
}

bool ProxySession::Handle(const Message& message) {
  if (message.type == "health") {
    Send(Success(message, Health()));
    return true;
  }
  if (auto transport = transport_.lock();
      transport && transport->queued_messages() >= env_->options.max_queued_messages / 2) {
    Send(Failure(message, kBufferFullText));
    return false;
  }
  if (message.type == "plugin") {
    if (message.action == "authenticate") return Authenticate(message);
    if (!topic_) {
      Send(Failure(message, kNotAuthorized));
      return false;
    }
    Send(Failure(message, "Unsupported plugin message action: " + message.action));
    return true;
  }
  if (!topic_) {
    Send(Failure(message, kNotAuthorized));
    return false;
  }
  if (message.type == "topic") return HandleTopic(message);
  if (message.type == "notif") {
    if (message.action == "create") return Publish(message);
    Send(Failure(message, "Unsupported notification message action: " + message.action));
    return true;
  }
  Send(Failure(message, "Unsupported message type: " + message.type));
  return true;
}

bool ProxySession::Authenticate(const Message& message) {
  const auto* token = StringField(message.payload, "token");
  if (token == nullptr) {
    Send(Failure(message, "Payload should consist property \"token\" to authenticate plugin"));
    return true;
  }
  auto payload = env_->tokens.Authenticate(*token);
  if (!payload) {
    Send(Failure(message, payload.error().message));
    return false;
  }
  if (topic_ && *topic_ != *payload->topic) {
    Send(Failure(message, kNoPermission));  // one plugin per connection
    return false;
  }
  topic_ = *payload->topic;
  std::string reply_payload;
  {
    core::JsonWriter w(reply_payload);
    w.BeginObject();
    w.FieldInt("e", core::ToEpochMs(payload->expiration));
    w.FieldInt("t", static_cast<int64_t>(payload->type));
    w.FieldString("tpc", *topic_);
    w.EndObject();
  }
  if (joined_) {
    Send(Success(message, reply_payload));
    return true;
  }
  joined_ = true;
  env_->Join(*topic_, [self = shared_from_this(), message, reply_payload](core::Status status) {
    boost::asio::dispatch(self->executor_, [self, message, reply_payload, status] {
      if (status) return self->Send(Success(message, reply_payload));
      spdlog::warn("plugin {} could not be activated: {}", *self->topic_, status.error().message);
      // Join did not count this connection: it stays unauthenticated and may retry.
      self->topic_.reset();
      self->joined_ = false;
      self->Send(Failure(message, status.error().message));
    });
  });
  return true;
}

bool ProxySession::HandleTopic(const Message& message) {
  if (message.action == "list") {
    Send(Failure(message, kNoPermission));
    return false;
  }
  const bool create = message.action == "create";
  const bool subscribe = message.action == "subscribe";
  const bool unsubscribe = message.action == "unsubscribe";
  if (!create && !subscribe && !unsubscribe) {
    Send(Failure(message, "Unsupported topic message action: " + message.action));
    return true;
  }
  const auto topics = Topics(message.payload);
  if (!topics) {
    Send(Failure(message, create ? "Payload should consist an array with topics to create"
                                 : "Payload should consist property \"t\" with list of topics "
                                   "to " +
                                       message.action));
    return true;
  }
  if (topics->size() != 1 || topics->front() != *topic_) {
    Send(Failure(message, kNoPermission));
    return false;
  }
  const auto* group = StringField(message.payload, "sg");
  const std::string group_name = group != nullptr ? std::string(*group) : std::string();
  if (subscribe) env_->hub.Subscribe(*topic_, group_name, shared_from_this());
  if (unsubscribe) env_->hub.Unsubscribe(*topic_, this);
  const std::string* echoed = subscribe && group != nullptr ? &group_name : nullptr;
  Send(Success(message, TopicsPayload(*topics, echoed)));
  return true;
}

bool ProxySession::Publish(const Message& message) {
  const auto* topic = StringField(message.payload, "t");
  const auto* text = StringField(message.payload, "m");
  if (topic == nullptr || text == nullptr) {
    Send(Failure(message, "Payload should consist properties \"t\" and \"m\""));
    return true;
  }
  if (*topic != *topic_) {
    Send(Failure(message, kNoPermission));
    return false;
  }
  env_->hub.Publish(*topic_, *text);
  Send(Success(message, {}));
  return true;
}

std::string ProxySession::Health() const {
  double fill = 0;
  if (auto transport = transport_.lock(); transport && env_->options.max_queued_messages > 0) {
    fill = 100.0 * static_cast<double>(transport->queued_messages()) /
           static_cast<double>(env_->options.max_queued_messages);
  }
  char percent[16];
  std::snprintf(percent, sizeof percent, "%.2f", fill);
  return std::string(R"({"prx":"Available","mb":"Available","mbfp":")") + percent +
         R"(","comm":"Available"})";
}

void ProxySession::OnClosed() {
  ended_ = true;
  env_->hub.UnsubscribeAll(this);
  if (joined_) env_->Leave(*topic_);
}

}  // namespace dh::proxy
