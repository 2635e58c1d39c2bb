#include "api/json/requests.hpp"
#include "api/json/views.hpp"
#include "api/rest/routes.hpp"
#include "core/strings.hpp"

namespace dh::api::rest {
namespace {

core::Result<storage::DeviceFilter> ParseFilter(const QueryParams& query) {
  storage::DeviceFilter filter;
  filter.names.name = query.Get("name");
  filter.names.name_pattern = query.Get("namePattern");
  DH_TRY(filter.network_id, query.Int("networkId"));
  filter.network_name = query.Get("networkName");
  return filter;
}

core::Result<storage::DeviceSort> ParseSort(const QueryParams& query) {
  const auto field = query.Get("sortField");
  if (!field) return storage::DeviceSort::kNone;
  const std::string lower = core::ToLower(*field);
  if (lower == "name") return storage::DeviceSort::kName;
  if (lower == "network") return storage::DeviceSort::kNetwork;
  if (lower == "devicetype") return storage::DeviceSort::kDeviceType;
  if (lower == "status") return storage::DeviceSort::kStatus;
  return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
}

Reply List(const Call& call, service::DeviceService& devices) {
  storage::DeviceQuery query;
  DH_TRY(query.filter, ParseFilter(call.query()));
  DH_TRY(query.sort, ParseSort(call.query()));
  DH_TRY(query.order, call.query().Order());
  DH_TRY(query.page, call.query().Paging());
  return JsonOr(devices.List(call.principal(), query), 200,
                [](core::JsonWriter& w, const auto& list) {
                  w.BeginArray();
                  for (const auto& device : list) json::WriteDevice(w, device);
                  w.EndArray();
                });
}

Reply Count(const Call& call, service::DeviceService& devices) {
  DH_TRY(auto filter, ParseFilter(call.query()));
  return JsonOr(devices.Count(call.principal(), filter), 200, json::WriteCount);
}

Reply Get(const Call& call, service::DeviceService& devices) {
  return JsonOr(devices.Get(call.principal(), call.Param(0)), 200, json::WriteDevice);
}

Reply Save(const Call& call, service::DeviceService& devices) {
  DH_TRY(auto body, call.RequiredBody());
  DH_TRY(auto update, json::ParseDeviceUpdate(body));
  DH_TRY([[maybe_unused]] auto saved, devices.Save(call.principal(), call.Param(0), update));
  return Reply::NoContent();
}

}  // namespace

void AddDeviceRoutes(Router& frontend, service::DeviceService& devices) {
  using net::HttpVerb;
  const auto read = RouteGuard::Needs(auth::Action::kGetDevice);
  const auto write = RouteGuard::Needs(auth::Action::kRegisterDevice);
  frontend.Add(HttpVerb::get, "/device", read, [&](Call& call) { return List(call, devices); });
  frontend.Add(HttpVerb::get, "/device/count", read,
               [&](Call& call) { return Count(call, devices); });
  frontend.Add(HttpVerb::get, "/device/{id}", read, [&](Call& call) { return Get(call, devices); });
  frontend.Add(HttpVerb::put, "/device/{id}", write,
               [&](Call& call) { return Save(call, devices); });
  frontend.Add(HttpVerb::delete_, "/device/{id}", write, [&](Call& call) {
    return NoContentOr(devices.Delete(call.principal(), call.Param(0)));
  });
}

}  // namespace dh::api::rest
