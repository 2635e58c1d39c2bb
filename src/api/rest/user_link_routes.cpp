#include "api/json/views.hpp"
#include "api/rest/routes.hpp"

namespace dh::api::rest {
namespace {

// Wraps an entity as {"<key>": {...}} (UserNetworkResponse / UserDeviceTypeResponse).
template <class Entity>
auto Wrapped(std::string_view key) {
  return [key](core::JsonWriter& w, const Entity& entity) {
    w.BeginObject();
    w.Key(key);
    json::WriteNamedEntity(w, entity);
    w.EndObject();
  };
}

// Runs `action(user_id, other_id)` with both ids parsed from the path.
template <class Action>
Reply WithIds(const Call& call, Action&& action) {
  DH_TRY(const int64_t user_id, call.IdParam(0));
  DH_TRY(const int64_t other_id, call.IdParam(1));
  return action(user_id, other_id);
}

}  // namespace

void AddUserLinkRoutes(Router& frontend, service::UserLinkService& links) {
  using auth::Action;
  using net::HttpVerb;
  const auto manage_types = RouteGuard::Needs(Action::kManageDeviceType);
  frontend.Add(HttpVerb::get, "/user/{id}/network/{networkId}",
               RouteGuard::Needs(Action::kGetNetwork), [&](Call& call) {
                 return WithIds(call, [&](int64_t user, int64_t network) {
                   return JsonOr(links.GetNetwork(call.principal(), user, network), 200,
                                 Wrapped<domain::Network>("network"));
                 });
               });
  frontend.Add(HttpVerb::put, "/user/{id}/network/{networkId}",
               RouteGuard::Needs(Action::kManageNetwork), [&](Call& call) {
                 return WithIds(call, [&](int64_t user, int64_t network) {
                   return NoContentOr(links.AssignNetwork(call.principal(), user, network));
                 });
               });
  frontend.Add(HttpVerb::delete_, "/user/{id}/network/{networkId}",
               RouteGuard::Needs(Action::kManageNetwork), [&](Call& call) {
                 return WithIds(call, [&](int64_t user, int64_t network) {
                   return NoContentOr(links.UnassignNetwork(call.principal(), user, network));
                 });
               });

  frontend.Add(HttpVerb::get, "/user/{id}/devicetype", manage_types, [&](Call& call) -> Reply {
    DH_TRY(const int64_t user, call.IdParam(0));
    return JsonOr(links.DeviceTypes(call.principal(), user), 200,
                  [](core::JsonWriter& w, const auto& types) {
                    w.BeginArray();
                    for (const auto& type : types) json::WriteNamedEntity(w, type);
                    w.EndArray();
                  });
  });
  frontend.Add(HttpVerb::get, "/user/{id}/devicetype/{deviceTypeId}",
               RouteGuard::Needs(Action::kGetDeviceType), [&](Call& call) {
                 return WithIds(call, [&](int64_t user, int64_t type) {
                   return JsonOr(links.GetDeviceType(call.principal(), user, type), 200,
                                 Wrapped<domain::DeviceType>("deviceType"));
                 });
               });
  frontend.Add(HttpVerb::put, "/user/{id}/devicetype/{deviceTypeId}", manage_types,
               [&](Call& call) {
                 return WithIds(call, [&](int64_t user, int64_t type) {
                   return NoContentOr(links.AssignDeviceType(call.principal(), user, type));
                 });
               });
  frontend.Add(HttpVerb::delete_, "/user/{id}/devicetype/{deviceTypeId}", manage_types,
               [&](Call& call) {
                 return WithIds(call, [&](int64_t user, int64_t type) {
                   return NoContentOr(links.UnassignDeviceType(call.principal(), user, type));
                 });
               });
  for (const bool allowed : {true, false}) {
    frontend.Add(allowed ? HttpVerb::put : HttpVerb::delete_, "/user/{id}/devicetype/all",
                 manage_types, [&links, allowed](Call& call) -> Reply {
                   DH_TRY(const int64_t user, call.IdParam(0));
                   return NoContentOr(links.SetAllDeviceTypes(call.principal(), user, allowed));
                 });
  }
}

}  // namespace dh::api::rest
