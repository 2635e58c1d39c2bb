// command/insert, update, get, list, subscribe, unsubscribe.
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

constexpr std::string_view kCommandIdWrong = "Command id is wrong or empty";

void Insert(ActionCall& call, ActionServices& s) {
  auto device_id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!device_id) return call.respond.Fail(device_id.error());
  auto body = RequireObject(call.request, "command", "Command is required");
  if (!body) return call.respond.Fail(body.error());
  auto input = json::ParseCommandInput(**body);
  if (!input) return call.respond.Fail(input.error());
  s.messages.InsertCommand(call.connection->principal(), *device_id, std::move(*input),
                           [respond = call.respond](core::Result<hotstore::CommandPtr> stored) {
                             respond.Answer(stored, [](core::JsonWriter& w, const auto& c) {
                               w.Key("command");
                               json::WriteCommandInserted(w, *c);
                             });
                           });
}

void Update(ActionCall& call, ActionServices& s) {
  auto device_id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!device_id) return call.respond.Fail(device_id.error());
  auto id = RequireId(call.request, "commandId", kCommandIdWrong);
  if (!id) return call.respond.Fail(id.error());
  auto body = RequireObject(call.request, "command", "Command is required");
  if (!body) return call.respond.Fail(body.error());
  core::JsonFields fields(**body);
  auto status = fields.String("status");
  auto result = fields.ObjectText("result");
  if (!status) return call.respond.Fail(status.error());
  if (!result) return call.respond.Fail(result.error());
  s.messages.UpdateCommand(call.connection->principal(), *device_id, *id, std::move(*status),
                           std::move(*result),
                           [respond = call.respond](core::Result<hotstore::CommandPtr> updated) {
                             updated ? respond.Succeed() : respond.Fail(updated.error());
                           });
}

void Get(ActionCall& call, ActionServices& s) {
  auto device_id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!device_id) return call.respond.Fail(device_id.error());
  auto id = RequireId(call.request, "commandId", kCommandIdWrong);
  if (!id) return call.respond.Fail(id.error());
  s.messages.GetCommand(call.connection->principal(), *device_id, *id,
                        [respond = call.respond](core::Result<hotstore::CommandPtr> found) {
                          respond.Answer(found, [](core::JsonWriter& w, const auto& c) {
                            w.Key("command");
                            json::WriteCommand(w, *c);
                          });
                        });
}

void List(ActionCall& call, ActionServices& s) {
  auto devices = ListDevices(call.request);
  if (!devices) return call.respond.Fail(devices.error());
  auto query = ListItems(call.request, "command");
  if (!query) return call.respond.Fail(query.error());
  core::JsonFields fields(call.request);
  auto status = fields.String("status");
  auto updated = fields.Bool("returnUpdated");
  auto sort = fields.String("sortField");
  if (!status) return call.respond.Fail(status.error());
  if (!updated) return call.respond.Fail(updated.error());
  if (!sort) return call.respond.Fail(sort.error());
  query->status = std::move(*status);
  query->updated_only = updated->value_or(false);
  if (*sort && core::EqualsIgnoreCase(**sort, "command")) query->sort = hotstore::SortField::kName;
  if (*sort && core::EqualsIgnoreCase(**sort, "status")) query->sort = hotstore::SortField::kStatus;
  s.messages.ListCommands(
      call.connection->principal(), *devices, std::move(*query),
      [respond = call.respond](core::Result<std::vector<hotstore::CommandPtr>> found) {
        respond.Answer(found, [](core::JsonWriter& w, const auto& list) {
          w.Key("commands");
          w.BeginArray();
          for (const auto& c : list) json::WriteCommand(w, *c);
          w.EndArray();
        });
      });
}

void Subscribe(ActionCall& call, ActionServices& s) {
  core::JsonFields fields(call.request);
  auto updated = fields.Bool("returnUpdatedCommands");
  auto limit = fields.Int("limit");
  if (!updated) return call.respond.Fail(updated.error());
  if (!limit) return call.respond.Fail(limit.error());
  if (*limit && **limit < 0) {
    return call.respond.Fail(
        core::Fail(core::Errc::kBadRequest, "limit must be greater than or equal to 0"));
  }
  SubscribeAndAnswer(
      call, s,
      {updated->value_or(false) ? bus::EventKind::kCommandUpdate : bus::EventKind::kCommand,
       Action::kGetDeviceCommand, limit->value_or(20)});
}

}  // namespace

void AddCommandActions(ActionTable& table, ActionServices& s) {
  table["command/insert"] = [&s](ActionCall& call) { Insert(call, s); };
  table["command/update"] = [&s](ActionCall& call) { Update(call, s); };
  table["command/get"] = [&s](ActionCall& call) { Get(call, s); };
  table["command/list"] = [&s](ActionCall& call) { List(call, s); };
  table["command/subscribe"] = [&s](ActionCall& call) { Subscribe(call, s); };
  table["command/unsubscribe"] = [&s](ActionCall& call) {
    UnsubscribeAndAnswer(call, s, /*commands=*/true);
  };
}

}  // namespace dh::api::ws
