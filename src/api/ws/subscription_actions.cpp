// subscription/list: the connection's subscriptions of the kinds the caller may read.
#include "api/ws/actions.hpp"
#include "auth/access.hpp"
#include "core/json_read.hpp"

namespace dh::api::ws {
namespace {

void WriteIds(core::JsonWriter& w, std::string_view key,
              const std::optional<std::vector<int64_t>>& ids) {
  w.Key(key);
  if (!ids) return w.Null();
  w.BeginArray();
  for (int64_t id : *ids) w.Int(id);
  w.EndArray();
}

void WriteInfo(core::JsonWriter& w, int64_t id, const SubscriptionInfo& info) {
  w.BeginObject();
  w.FieldInt("subscriptionId", id);
  w.FieldString("type", info.kind == bus::EventKind::kNotification ? "notification" : "command");
  w.FieldString("deviceId", info.filter.device_id);
  WriteIds(w, "networkIds", info.filter.network_ids);
  WriteIds(w, "deviceTypeIds", info.filter.device_type_ids);
  w.Key("names");
  if (info.filter.names.empty()) {
    w.Null();
  } else {
    w.BeginArray();
    for (const auto& name : info.filter.names) w.String(name);
    w.EndArray();
  }
  w.FieldTime("timestamp", info.timestamp);
  w.EndObject();
}

void List(ActionCall& call) {
  auto type = core::JsonFields(call.request).String("type");
  if (!type) return call.respond.Fail(type.error());
  const auto& principal = call.connection->principal();
  const bool commands = auth::RequireAction(principal, auth::Action::kGetDeviceCommand) &&
                        (!*type || **type == "command");
  const bool notifications = auth::RequireAction(principal, auth::Action::kGetDeviceNotification) &&
                             (!*type || **type == "notification");
  if (!commands && !notifications) {
    auto denied = auth::RequireAction(principal, auth::Action::kGetDeviceNotification);
    return call.respond.Fail(denied ? core::Fail(core::Errc::kForbidden, "Access is denied")
                                    : denied.error());
  }
  call.respond.Succeed([&](core::JsonWriter& w) {
    w.Key("subscriptions");
    w.BeginArray();
    for (const auto& [id, info] : call.connection->subscriptions()) {
      const bool is_command = info.kind != bus::EventKind::kNotification;
      if (is_command ? commands : notifications) WriteInfo(w, id, info);
    }
    w.EndArray();
  });
}

}  // namespace

void AddSubscriptionActions(ActionTable& table, ActionServices&) {
  table["subscription/list"] = [](ActionCall& call) { List(call); };
}

}  // namespace dh::api::ws
