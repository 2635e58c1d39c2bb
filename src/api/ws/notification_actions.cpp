// notification/insert, get, list, subscribe, unsubscribe.
#include "api/json/message_views.hpp"
#include "api/json/requests.hpp"
#include "api/ws/actions.hpp"
#include "api/ws/fields.hpp"
#include "api/ws/list_query.hpp"
#include "api/ws/subscriptions.hpp"
#include "core/json_read.hpp"
#include "core/strings.hpp"

namespace dh::api::ws {
namespace {

using auth::Action;

void Insert(ActionCall& call, ActionServices& s) {
  auto device_id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!device_id) return call.respond.Fail(device_id.error());
  auto body = RequireObject(call.request, "notification", "Notification is required");
  if (!body) return call.respond.Fail(body.error());
  auto input = json::ParseNotificationInput(**body);
  if (!input) return call.respond.Fail(input.error());
  s.messages.InsertNotification(
      call.connection->principal(), *device_id, std::move(*input),
      /*reserved_names_allowed=*/true,
      [respond = call.respond](core::Result<hotstore::NotificationPtr> stored) {
        respond.Answer(stored, [](core::JsonWriter& w, const auto& n) {
          w.Key("notification");
          json::WriteNotificationInserted(w, *n);
        });
      });
}

void Get(ActionCall& call, ActionServices& s) {
  auto device_id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!device_id) return call.respond.Fail(device_id.error());
  auto id = RequireId(call.request, "notificationId", "Notification id is wrong or empty");
  if (!id) return call.respond.Fail(id.error());
  s.messages.GetNotification(call.connection->principal(), *device_id, *id,
                             [respond = call.respond](core::Result<hotstore::NotificationPtr> n) {
                               respond.Answer(n, [](core::JsonWriter& w, const auto& found) {
                                 w.Key("notification");
                                 json::WriteNotification(w, *found);
                               });
                             });
}

void List(ActionCall& call, ActionServices& s) {
  auto devices = ListDevices(call.request);
  if (!devices) return call.respond.Fail(devices.error());
  auto query = ListItems(call.request, "notification");
  if (!query) return call.respond.Fail(query.error());
  auto sort = core::JsonFields(call.request).String("sortField");
  if (sort && *sort && core::EqualsIgnoreCase(**sort, "notification")) {
    query->sort = hotstore::SortField::kName;
  }
  s.messages.ListNotifications(
      call.connection->principal(), *devices, std::move(*query),
      [respond = call.respond](core::Result<std::vector<hotstore::NotificationPtr>> found) {
        respond.Answer(found, [](core::JsonWriter& w, const auto& list) {
          w.Key("notifications");
          w.BeginArray();
          for (const auto& n : list) json::WriteNotification(w, *n);
          w.EndArray();
        });
      });
}

}  // namespace

void AddNotificationActions(ActionTable& table, ActionServices& s) {
  table["notification/insert"] = [&s](ActionCall& call) { Insert(call, s); };
  table["notification/get"] = [&s](ActionCall& call) { Get(call, s); };
  table["notification/list"] = [&s](ActionCall& call) { List(call, s); };
  table["notification/subscribe"] = [&s](ActionCall& call) {
    SubscribeAndAnswer(call, s,
                       {bus::EventKind::kNotification, Action::kGetDeviceNotification, 100});
  };
  table["notification/unsubscribe"] = [&s](ActionCall& call) {
    UnsubscribeAndAnswer(call, s, /*commands=*/false);
  };
}

}  // namespace dh::api::ws
