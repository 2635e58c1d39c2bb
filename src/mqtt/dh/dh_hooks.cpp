#include "mqtt/dh/dh_hooks.hpp"

#include <spdlog/spdlog.h>

#include "api/ws/dispatch.hpp"
#include "core/json_read.hpp"
#include "mqtt/dh/dh_client.hpp"
#include "mqtt/dh/dh_topics.hpp"

namespace dh::mqtt {
namespace {

bool LooksLikeJwt(std::string_view text) {
  const auto first = text.find('.');
  return first != std::string_view::npos && text.find('.', first + 1) != std::string_view::npos &&
         text.find(' ') == std::string_view::npos;
}

// Unauthenticated clients may only wait for the answers that authenticate them.
bool MayHoldResponseTopic(const auth::Principal& principal, std::string_view action) {
  return principal.authenticated() || action.starts_with("token") ||
         action.starts_with("authenticate");
}

auth::Action ReadActionOf(bus::EventKind kind) {
  return kind == bus::EventKind::kNotification ? auth::Action::kGetDeviceNotification
                                               : auth::Action::kGetDeviceCommand;
}

}  // namespace

void DhHooks::Authenticate(const Connect& connect, AuthenticateDone done) {
  // Plain MQTT clients never touch dh/ topics: their state is made on first use (ClientOf).
  if (!connect.username || !connect.password) return done(kConnAckAccepted, nullptr);
  if (LooksLikeJwt(*connect.password)) {  // a token: a signature check, done here
    auto [code, state] = Accept(*connect.password, connect.client_id);
    return done(code, std::move(state));
  }
  // A DeviceHive login: the Argon2 check (tens of ms) and the lastLogin write go to the
  // blocking pool, so a burst of logins does not stall the other clients of this I/O thread.
  services_.run_blocking([this, login = *connect.username, password = *connect.password,
                          client_id = connect.client_id, done = std::move(done)] {
    auto pair = services_.tokens.Login(login, password);
    if (!pair) return done(kConnAckNotAuthorized, nullptr);
    auto [code, state] = Accept(pair->access_token, client_id);
    done(code, std::move(state));
  });
}

std::pair<uint8_t, std::shared_ptr<void>> DhHooks::Accept(const std::string& token,
                                                          const std::string& client_id) const {
  auto principal = services_.authenticator.FromToken(token);
  if (!principal) return {kConnAckNotAuthorized, nullptr};
  return {kConnAckAccepted,
          std::make_shared<DhClient>(std::move(*principal), std::weak_ptr<Session>(), client_id)};
}

std::shared_ptr<DhClient> DhHooks::ClientOf(Session& session) {
  auto client = std::static_pointer_cast<DhClient>(session.hook_state());
  if (!client) {  // no credentials at CONNECT (or a resumed session): unauthenticated
    client = std::make_shared<DhClient>(auth::Principal{}, std::weak_ptr<Session>(),
                                        session.client_id());
    session.hook_state() = client;
  }
  client->Bind(session.weak_from_this());
  return client;
}

bool DhHooks::Publish(Session& session, const mqtt::Publish& publish,
                      std::function<void(bool ok)> done) {
  if (!IsDhTopic(publish.topic)) return false;
  auto client = ClientOf(session);
  if (publish.topic == "dh/request") {
    done(true);  // accepted (PUBACK first); the action answers on its response topic
    api::ws::Dispatch(services_.actions, publish.payload, client);
    return true;
  }
  if (ParseEventTopic(publish.topic)) {
    Insert(*client, publish, std::move(done));
    return true;
  }
  done(true);  // other dh/ topics are not for clients to publish: ignored, as upstream
  return true;
}

void DhHooks::Insert(DhClient& client, const mqtt::Publish& publish,
                     std::function<void(bool)> done) {
  const auto topic = *ParseEventTopic(publish.topic);
  std::optional<std::string> parameters;
  if (!publish.payload.empty()) {
    auto parsed = core::ParseJson(publish.payload);
    if (!parsed || !parsed->is_object()) {
      spdlog::debug("mqtt {}: {} payload is not a JSON object", client.client_id(), publish.topic);
      return done(false);
    }
    parameters = core::ToJsonText(*parsed);
  }
  const auto report = [done, topic = publish.topic,
                       id = client.client_id()](const core::Status& status) {
    if (!status) {
      spdlog::info("mqtt {}: publish to {} refused: {}", id, topic, status.error().message);
    }
    done(status.has_value());
  };
  if (topic.kind == bus::EventKind::kNotification) {
    service::NotificationInput input{topic.name, std::nullopt, std::move(parameters)};
    services_.messages.InsertNotification(
        client.principal(), topic.device_id, std::move(input), false,
        [report](core::Result<hotstore::NotificationPtr> result) {
          report(result ? core::Status{} : core::Status(result.error()));
        });
  } else if (topic.kind == bus::EventKind::kCommand) {
    service::CommandInput input;
    input.command = topic.name;
    input.parameters = std::move(parameters);
    services_.messages.InsertCommand(
        client.principal(), topic.device_id, std::move(input),
        [report](core::Result<hotstore::CommandPtr> result) {
          report(result ? core::Status{} : core::Status(result.error()));
        });
  } else {
    done(true);  // command updates go through dh/request (command/update names the command)
  }
}

uint8_t DhHooks::Subscribe(Session& session, const std::string& filter, uint8_t qos,
                           bool& handled) {
  if (!IsDhTopic(filter)) return qos;
  if (CoversRequestTopic(filter)) return kSubAckFailure;
  handled = true;
  auto client = ClientOf(session);
  if (auto action = ResponseAction(filter, session.client_id())) {
    if (!MayHoldResponseTopic(client->principal(), *action)) return kSubAckFailure;
    client->AddResponseTopic(*action);
    return 0;
  }
  if (!client->principal().authenticated()) return kSubAckFailure;
  return SubscribeEvents(*client, filter);
}

uint8_t DhHooks::SubscribeEvents(DhClient& client, const std::string& filter) {
  const auto parsed = ParseEventFilter(filter);
  if (!parsed) return kSubAckFailure;
  auto resolved =
      services_.scopes.Resolve(client.principal(), parsed->scope, ReadActionOf(parsed->kind));
  if (!resolved) {
    spdlog::debug("mqtt {}: subscription {} refused: {}", client.client_id(), filter,
                  resolved.error().message);
    return kSubAckFailure;
  }
  if (service::GrantsNothing(*resolved)) return 0;  // nothing visible: nothing will arrive
  if (auto previous = client.TakeFilterSubscription(filter)) {
    services_.bus.Unsubscribe({*previous});
  }
  bus::SubscribeRequest request;
  request.kind = parsed->kind;
  request.filter = std::move(*resolved);
  request.sink = client.sink();
  uint8_t granted = kSubAckFailure;
  services_.bus.Subscribe(std::move(request), [&](core::Result<bus::Subscribed> subscribed) {
    if (!subscribed) return;
    client.AddFilterSubscription(filter, subscribed->subscription_id);
    granted = 0;
  });
  // The in-process bus answers before Subscribe returns; a networked one would need SUBACK to
  // wait, which BrokerHooks does not offer yet.
  return granted;
}

void DhHooks::Unsubscribe(Session& session, const std::string& filter) {
  if (!IsDhTopic(filter)) return;
  auto client = ClientOf(session);
  if (auto action = ResponseAction(filter, session.client_id())) {
    client->RemoveResponseTopic(*action);
  } else if (auto id = client->TakeFilterSubscription(filter)) {
    services_.bus.Unsubscribe({*id});
  }
}

void DhHooks::Resumed(Session& session, const std::shared_ptr<void>& previous) {
  if (!previous) return;
  const auto old = std::static_pointer_cast<DhClient>(previous);
  const auto actions = old->ResponseActions();
  const auto filters = old->EventFilters();
  // The old subscriptions end before the new ones begin: an event in between is missed rather
  // than delivered twice through the one session (QoS 0 is at most once).
  Ended(previous);
  auto client = ClientOf(session);
  for (const auto& action : actions) {
    if (MayHoldResponseTopic(client->principal(), action)) client->AddResponseTopic(action);
  }
  for (const auto& filter : filters) {
    // No SUBACK to send now: a filter the new connection may not hold is dropped, and logged.
    if (!client->principal().authenticated() ||
        SubscribeEvents(*client, filter) == kSubAckFailure) {
      spdlog::info("mqtt {}: {} not restored: the new connection may not subscribe to it",
                   session.client_id(), filter);
    }
  }
}

void DhHooks::Ended(const std::shared_ptr<void>& state) {
  if (!state) return;
  auto client = std::static_pointer_cast<DhClient>(state);
  auto ids = client->TakeAllSubscriptions();
  if (!ids.empty()) services_.bus.Unsubscribe(std::move(ids));
}

}  // namespace dh::mqtt
