// /device/{id}/command...: insert, update, get, list, poll, wait; /device/command/poll.
#include "api/json/message_views.hpp"
#include "api/json/requests.hpp"
#include "api/rest/message_routes.hpp"
#include "api/rest/routes.hpp"
#include "core/json_read.hpp"

namespace dh::api::rest {
namespace {

using auth::Action;

Reply Insert(Call& call, service::MessageService& messages) {
  DH_TRY(auto body, call.RequiredBody());
  DH_TRY(auto input, json::ParseCommandInput(body));
  messages.InsertCommand(
      call.principal(), call.Param(0), std::move(input),
      AnswerWith<hotstore::CommandPtr>(
          call.Defer(), 201, [](auto& w, const auto& c) { json::WriteCommandInserted(w, *c); }));
  return Reply::Later();
}

Reply Update(Call& call, service::MessageService& messages) {
  DH_TRY(const int64_t id, call.IdParam(1));
  DH_TRY(auto body, call.RequiredBody());
  core::JsonFields fields(body);
  DH_TRY(auto status, fields.String("status"));
  DH_TRY(auto result, fields.ObjectText("result"));
  messages.UpdateCommand(call.principal(), call.Param(0), id, std::move(status), std::move(result),
                         [reply = call.Defer()](core::Result<hotstore::CommandPtr> updated) {
                           reply(updated ? Reply::NoContent() : Reply(updated.error()));
                         });
  return Reply::Later();
}

Reply List(Call& call, service::MessageService& messages) {
  DH_TRY(auto query, ParseItemList(call.query(), "command"));
  query.status = call.query().Get("status");
  const auto sort = call.query().Get("sortField").value_or("timestamp");
  if (core::EqualsIgnoreCase(sort, "command")) query.sort = hotstore::SortField::kName;
  if (core::EqualsIgnoreCase(sort, "status")) query.sort = hotstore::SortField::kStatus;
  messages.ListCommands(call.principal(), {call.Param(0)}, std::move(query),
                        AnswerWith<std::vector<hotstore::CommandPtr>>(call.Defer(), 200,
                                                                      ArrayOf(json::WriteCommand)));
  return Reply::Later();
}

Reply Get(Call& call, service::MessageService& messages) {
  DH_TRY(const int64_t id, call.IdParam(1));
  DH_TRY(const auto updated_only, call.query().Bool("returnUpdatedCommands"));
  messages.GetCommand(
      call.principal(), call.Param(0), id,
      [reply = call.Defer(), id,
       updated_only = updated_only.value_or(false)](core::Result<hotstore::CommandPtr> found) {
        if (found && updated_only && !(*found)->is_updated) {
          return reply(Reply(core::Fail(core::Errc::kNotFound,
                                        "Command with id = " + std::to_string(id) + " not found")));
        }
        reply(JsonOr(found, 200, [](auto& w, const auto& c) { json::WriteCommand(w, *c); }));
      });
  return Reply::Later();
}

Reply Poll(Call& call, const PollContext& context, service::SubscriptionScopes& scopes,
           service::SubscriptionScope scope, bool updated_allowed) {
  DH_TRY(const auto wait, ParseWaitTimeout(call.query()));
  DH_TRY(const auto since, call.query().Time("timestamp"));
  DH_TRY(const auto updated, call.query().Bool("returnUpdatedCommands"));
  DH_TRY(const auto limit, call.query().Int("limit"));
  if (limit && *limit < 0) {
    return core::Fail(core::Errc::kBadRequest, "limit must be greater than or equal to 0");
  }
  scope.names = call.query().List("names");
  DH_TRY(auto filter, scopes.Resolve(call.principal(), scope, Action::kGetDeviceCommand));
  if (service::GrantsNothing(filter)) return Reply(200, "[]");
  bus::SubscribeRequest request;
  request.kind = updated_allowed && updated.value_or(false) ? bus::EventKind::kCommandUpdate
                                                            : bus::EventKind::kCommand;
  request.filter = std::move(filter);
  request.since = since.value_or(context.clock.Now());
  request.history_limit = limit.value_or(100);
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
  return Poll(call, context, scopes, std::move(scope), /*updated_allowed=*/false);
}

// GET /device/{id}/command/{commandId}/poll: the command once updated; 204 on timeout or when
// it is not (or no longer) stored.
Reply Wait(Call& call, const PollContext& context, service::DeviceService& devices) {
  DH_TRY(const int64_t command_id, call.IdParam(1));
  DH_TRY(const auto wait, ParseWaitTimeout(call.query()));
  DH_TRY(auto device,
         devices.FindTarget(call.principal(), call.Param(0), Action::kGetDeviceCommand));
  StartLongPoll(
      context, wait,
      [&bus = context.bus, device_id = device.id, command_id](std::shared_ptr<bus::EventSink> sink,
                                                              bus::Done<bus::Subscribed> done) {
        bus.WaitCommand(device_id, command_id, std::move(sink), std::move(done));
      },
      [](const std::vector<bus::EventPtr>& events) {
        if (events.empty()) return Reply::NoContent();
        return Reply(200, json::ClientView(*events.front()));
      },
      call.Defer());
  return Reply::Later();
}

}  // namespace

void AddCommandRoutes(Router& frontend, service::MessageService& messages,
                      service::DeviceService& devices, service::SubscriptionScopes& scopes,
                      const PollContext& context) {
  using net::HttpVerb;
  const auto read = RouteGuard::Needs(Action::kGetDeviceCommand);
  frontend.Add(HttpVerb::post, "/device/{id}/command",
               RouteGuard::Needs(Action::kCreateDeviceCommand),
               [&](Call& call) { return Insert(call, messages); });
  frontend.Add(HttpVerb::put, "/device/{id}/command/{commandId}",
               RouteGuard::Needs(Action::kUpdateDeviceCommand),
               [&](Call& call) { return Update(call, messages); });
  frontend.Add(HttpVerb::get, "/device/{id}/command", read,
               [&](Call& call) { return List(call, messages); });
  frontend.Add(HttpVerb::get, "/device/{id}/command/{commandId}", read,
               [&](Call& call) { return Get(call, messages); });
  frontend.Add(HttpVerb::get, "/device/{id}/command/poll", read, [&, context](Call& call) {
    service::SubscriptionScope scope;
    scope.device_id = call.Param(0);
    return Poll(call, context, scopes, std::move(scope), /*updated_allowed=*/true);
  });
  frontend.Add(HttpVerb::get, "/device/command/poll", read,
               [&, context](Call& call) { return PollMany(call, context, scopes); });
  frontend.Add(HttpVerb::get, "/device/{id}/command/{commandId}/poll", read,
               [&, context](Call& call) { return Wait(call, context, devices); });
}

}  // namespace dh::api::rest
