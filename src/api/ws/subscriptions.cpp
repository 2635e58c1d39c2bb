#include "api/ws/subscriptions.hpp"

#include "api/json/requests.hpp"
#include "api/ws/fields.hpp"
#include "core/json_read.hpp"

namespace dh::api::ws {

void SubscribeAndAnswer(ActionCall& call, ActionServices& s, const SubscribeOptions& options) {
  const auto& request = call.request;
  service::SubscriptionScope scope;
  auto device_id = core::JsonFields(request).String("deviceId");
  if (!device_id) return call.respond.Fail(device_id.error());
  scope.device_id = std::move(*device_id);
  auto networks = IdArray(request, "networkIds");
  auto types = IdArray(request, "deviceTypeIds");
  auto names = StringArray(request, "names");
  auto since = json::ParseTime(request, "timestamp");
  if (!networks) return call.respond.Fail(networks.error());
  if (!types) return call.respond.Fail(types.error());
  if (!names) return call.respond.Fail(names.error());
  if (!since) return call.respond.Fail(since.error());
  scope.network_ids = std::move(*networks);
  scope.device_type_ids = std::move(*types);
  scope.names = std::move(*names);

  auto filter = s.scopes.Resolve(call.connection->principal(), scope, options.action);
  if (!filter) return call.respond.Fail(filter.error());
  if (service::GrantsNothing(*filter)) {
    return call.respond.Fail(
        core::Fail(core::Errc::kForbidden, "No access to any device type or network"));
  }
  bus::SubscribeRequest subscribe;
  subscribe.kind = options.kind;
  subscribe.filter = *filter;
  subscribe.since = *since;
  subscribe.history_limit = options.history_limit;
  subscribe.sink = call.connection->sink();
  s.bus.Subscribe(
      std::move(subscribe), [connection = call.connection, respond = call.respond,
                             info = SubscriptionInfo{options.kind, std::move(*filter), *since}](
                                core::Result<bus::Subscribed> subscribed) mutable {
        if (!subscribed) return respond.Fail(subscribed.error());
        const int64_t id = subscribed->subscription_id;
        connection->Track(id, std::move(info));
        respond.Succeed([id](core::JsonWriter& w) { w.FieldInt("subscriptionId", id); });
        auto sink = connection->sink();
        for (const auto& event : subscribed->history) sink->Deliver(id, event);
      });
}

void UnsubscribeAndAnswer(ActionCall& call, ActionServices& s, bool commands) {
  auto id = core::JsonFields(call.request).Int("subscriptionId");
  if (!id) return call.respond.Fail(id.error());
  auto ids = call.connection->Untrack(commands, *id);
  if (*id && ids.empty()) {
    return call.respond.Fail(core::Fail(
        core::Errc::kNotFound, "Subscription with id " + std::to_string(**id) + " was not found"));
  }
  if (!ids.empty()) s.bus.Unsubscribe(std::move(ids));
  call.respond.Succeed();
}

}  // namespace dh::api::ws
