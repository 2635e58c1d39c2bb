// device/get, device/list, device/count, device/save, device/delete.
#include "api/json/requests.hpp"
#include "api/json/views.hpp"
#include "api/ws/actions.hpp"
#include "api/ws/fields.hpp"
#include "core/json_read.hpp"
#include "core/strings.hpp"

namespace dh::api::ws {
namespace {

core::Result<storage::DeviceFilter> Filter(const boost::json::object& request) {
  core::JsonFields fields(request);
  storage::DeviceFilter filter;
  DH_TRY(filter.names.name, fields.String("name"));
  DH_TRY(filter.names.name_pattern, fields.String("namePattern"));
  DH_TRY(filter.network_id, fields.Int("networkId"));
  DH_TRY(filter.network_name, fields.String("networkName"));
  return filter;
}

core::Result<storage::DeviceQuery> Query(const boost::json::object& request) {
  storage::DeviceQuery query;
  DH_TRY(query.filter, Filter(request));
  DH_TRY(const auto sort, core::JsonFields(request).String("sortField"));
  if (sort) {
    const std::string field = core::ToLower(*sort);
    if (field == "name")
      query.sort = storage::DeviceSort::kName;
    else if (field == "network")
      query.sort = storage::DeviceSort::kNetwork;
    else if (field == "devicetype")
      query.sort = storage::DeviceSort::kDeviceType;
    else if (field == "status")
      query.sort = storage::DeviceSort::kStatus;
    else
      return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
  }
  DH_TRY(query.order, Order(request, storage::SortOrder::kAsc));
  DH_TRY(query.page, Paging(request, 20));
  return query;
}

void Get(ActionCall& call, ActionServices& s) {
  auto id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!id) return call.respond.Fail(id.error());
  call.respond.Answer(s.devices.Get(call.connection->principal(), *id),
                      [](core::JsonWriter& w, const domain::Device& device) {
                        w.Key("device");
                        json::WriteDevice(w, device);
                      });
}

void List(ActionCall& call, ActionServices& s) {
  auto query = Query(call.request);
  if (!query) return call.respond.Fail(query.error());
  call.respond.Answer(s.devices.List(call.connection->principal(), *query),
                      [](core::JsonWriter& w, const auto& devices) {
                        w.Key("devices");
                        w.BeginArray();
                        for (const auto& device : devices) json::WriteDevice(w, device);
                        w.EndArray();
                      });
}

void Count(ActionCall& call, ActionServices& s) {
  auto filter = Filter(call.request);
  if (!filter) return call.respond.Fail(filter.error());
  call.respond.Answer(s.devices.Count(call.connection->principal(), *filter),
                      [](core::JsonWriter& w, int64_t count) { w.FieldInt("count", count); });
}

void Save(ActionCall& call, ActionServices& s) {
  auto id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!id) return call.respond.Fail(id.error());
  auto body = RequireObject(call.request, "device", "Error! Validation failed: \nObject is null");
  if (!body) return call.respond.Fail(body.error());
  auto update = json::ParseDeviceUpdate(**body);
  if (!update) return call.respond.Fail(update.error());
  auto saved = s.devices.Save(call.connection->principal(), *id, *update);
  if (!saved) return call.respond.Fail(saved.error());
  call.respond.Succeed();
}

void Delete(ActionCall& call, ActionServices& s) {
  auto id = RequireString(call.request, "deviceId", kDeviceIdWrong);
  if (!id) return call.respond.Fail(id.error());
  auto deleted = s.devices.Delete(call.connection->principal(), *id);
  if (!deleted) return call.respond.Fail(deleted.error());
  call.respond.Succeed();
}

}  // namespace

void AddDeviceActions(ActionTable& table, ActionServices& s) {
  table["device/get"] = [&s](ActionCall& call) { Get(call, s); };
  table["device/list"] = [&s](ActionCall& call) { List(call, s); };
  table["device/count"] = [&s](ActionCall& call) { Count(call, s); };
  table["device/save"] = [&s](ActionCall& call) { Save(call, s); };
  table["device/delete"] = [&s](ActionCall& call) { Delete(call, s); };
}

}  // namespace dh::api::ws
