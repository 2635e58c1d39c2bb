// /device/{id}/notification...: insert, get, list, poll; /device/notification/poll (pollMany).
#include "api/json/message_views.hpp"
#include "api/json/requests.hpp"
#include "api/rest/message_routes.hpp"
#include "api/rest/routes.hpp"

namespace dh::api::rest {
namespace {

using auth::Action;

Reply Insert(Call& call, service::MessageService& messages) {
  DH_TRY(auto body, call.RequiredBody());
  DH_TRY(auto input, json::ParseNotificationInput(body));
  messages.InsertNotification(
      call.principal(), call.Param(0), std::move(input), /*reserved_names_allowed=*/false,
      AnswerWith<hotstore::NotificationPtr>(call.Defer(), 201, [](auto& w, const auto& n) {
        json::WriteNotificationInserted(w, *n);
      }));
  return Reply::Later();
}

Reply List(Call& call, service::MessageService& messages) {
  DH_TRY(auto query, ParseItemList(call.query(), "notification"));
  const auto sort = call.query().Get("sortField").value_or("timestamp");
  if (core::EqualsIgnoreCase(sort, "notification")) query.sort = hotstore::SortField::kName;
  messages.ListNotifications(call.principal(), {call.Param(0)}, std::move(query),
                             AnswerWith<std::vector<hotstore::NotificationPtr>>(
                                 call.Defer(), 200, ArrayOf(json::WriteNotification)));
  return Reply::Later();
}

Reply Get(Call& call, service::MessageService& messages) {
  DH_TRY(const int64_t id, call.IdParam(1));
  messages.GetNotification(
      call.principal(), call.Param(0), id,
      AnswerWith<hotstore::NotificationPtr>(
          call.Defer(), 200, [](auto& w, const auto& n) { json::WriteNotification(w, *n); }));
  return Reply::Later();
}

// poll (one device) and pollMany share everything but how the scope is named.
Reply Poll(Call& call, const PollContext& context, service::SubscriptionScopes& scopes,
           service::SubscriptionScope scope) {
  DH_TRY(const auto wait, ParseWaitTimeout(call.query()));
  DH_TRY(const auto since, call.query().Time("timestamp"));
  scope.names = call.query().List("names");
  DH_TRY(auto filter, scopes.Resolve(call.principal(), scope, Action::kGetDeviceNotification));
  if (service::GrantsNothing(filter)) return Reply(200, "[]");
  bus::SubscribeRequest request;
  request.kind = bus::EventKind::kNotification;
  request.filter = std::move(filter);
  request.since = since.value_or(context.clock.Now());
  request.history_limit = 100;
  StartLongPoll(
      context, wait,
      [&bus = context.bus, request](std::shared_ptr<bus::EventSink> sink,
                                    bus::Done<bus::Subscribed> done) mutable {
        request.sink = std::move(sink);
        bus.Subscribe(std::move(request), std::move(done));
      },
      EventArray, call.Defer());
  return Reply::Later();
}

Reply PollMany(Call& call, const PollContext& context, service::SubscriptionScopes& scopes) {
  service::SubscriptionScope scope;
  if (call.query().Has("deviceId")) {
    scope.device_id = call.query().Get("deviceId");
    if (!scope.device_id) {
      return core::Fail(core::Errc::kBadRequest, "Device id is wrong or empty");
    }
  }
  DH_TRY(scope.network_ids, IdList(call.query(), "networkIds"));
  DH_TRY(scope.device_type_ids, IdList(call.query(), "deviceTypeIds"));
  return Poll(call, context, scopes, std::move(scope));
}

}  // namespace

void AddNotificationRoutes(Router& frontend, service::MessageService& messages,
                           service::SubscriptionScopes& scopes, const PollContext& context) {
  using net::HttpVerb;
  const auto read = RouteGuard::Needs(Action::kGetDeviceNotification);
  frontend.Add(HttpVerb::post, "/device/{id}/notification",
               RouteGuard::Needs(Action::kCreateDeviceNotification),
               [&](Call& call) { return Insert(call, messages); });
  frontend.Add(HttpVerb::get, "/device/{id}/notification", read,
               [&](Call& call) { return List(call, messages); });
  frontend.Add(HttpVerb::get, "/device/{id}/notification/{notificationId}", read,
               [&](Call& call) { return Get(call, messages); });
  frontend.Add(HttpVerb::get, "/device/{id}/notification/poll", read, [&, context](Call& call) {
    service::SubscriptionScope scope;
    scope.device_id = call.Param(0);
    return Poll(call, context, scopes, std::move(scope));
  });
  frontend.Add(HttpVerb::get, "/device/notification/poll", read,
               [&, context](Call& call) { return PollMany(call, context, scopes); });
}

}  // namespace dh::api::rest
