#include "api/json/requests.hpp"
#include "api/json/views.hpp"
#include "api/rest/routes.hpp"
#include "core/strings.hpp"

namespace dh::api::rest {
namespace {

core::Result<storage::UserFilter> ParseFilter(const QueryParams& query) {
  storage::UserFilter filter;
  filter.login = query.Get("login");
  filter.login_pattern = query.Get("loginPattern");
  DH_TRY(auto role, query.Int("role"));
  DH_TRY(auto status, query.Int("status"));
  if (role) filter.role = static_cast<int>(*role);
  if (status) filter.status = static_cast<int>(*status);
  return filter;
}

core::Result<storage::UserSort> ParseSort(const QueryParams& query) {
  const auto field = query.Get("sortField");
  if (!field) return storage::UserSort::kNone;
  if (core::EqualsIgnoreCase(*field, "id")) return storage::UserSort::kId;
  if (core::EqualsIgnoreCase(*field, "login")) return storage::UserSort::kLogin;
  return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
}

void WritePublished(core::JsonWriter& w, const service::UserWithNetworks& found) {
  json::WriteUser(w, found.user, found.networks);
}

Reply List(const Call& call, service::UserService& users) {
  storage::UserQuery query;
  DH_TRY(query.filter, ParseFilter(call.query()));
  DH_TRY(query.sort, ParseSort(call.query()));
  DH_TRY(query.order, call.query().Order());
  DH_TRY(query.page, call.query().Paging());
  return JsonOr(users.List(call.principal(), query), 200,
                [](core::JsonWriter& w, const auto& list) {
                  w.BeginArray();
                  for (const auto& user : list) json::WriteUser(w, user);
                  w.EndArray();
                });
}

Reply Create(const Call& call, service::UserService& users) {
  DH_TRY(auto body, call.RequiredBody());
  DH_TRY(auto update, json::ParseUserUpdate(body));
  return JsonOr(users.Create(call.principal(), update), 201, json::WriteUserSubmitted);
}

Reply Update(const Call& call, service::UserService& users, bool current) {
  DH_TRY(auto body, call.RequiredBody());
  DH_TRY(auto update, json::ParseUserUpdate(body));
  if (current) return NoContentOr(users.UpdateCurrent(call.principal(), update));
  DH_TRY(const int64_t id, call.IdParam(0));
  return NoContentOr(users.Update(call.principal(), id, update));
}

}  // namespace

void AddUserRoutes(Router& frontend, service::UserService& users) {
  using net::HttpVerb;
  const auto manage = RouteGuard::Needs(auth::Action::kManageUser);
  frontend.Add(HttpVerb::get, "/user", manage, [&](Call& call) { return List(call, users); });
  frontend.Add(HttpVerb::get, "/user/count", manage, [&](Call& call) -> Reply {
    DH_TRY(auto filter, ParseFilter(call.query()));
    return JsonOr(users.Count(call.principal(), filter), 200, json::WriteCount);
  });
  frontend.Add(
      HttpVerb::get, "/user/current", RouteGuard::Needs(auth::Action::kGetCurrentUser),
      [&](Call& call) { return JsonOr(users.GetCurrent(call.principal()), 200, WritePublished); });
  frontend.Add(HttpVerb::put, "/user/current", RouteGuard::Needs(auth::Action::kUpdateCurrentUser),
               [&](Call& call) { return Update(call, users, /*current=*/true); });
  frontend.Add(HttpVerb::get, "/user/{id}", manage, [&](Call& call) -> Reply {
    DH_TRY(const int64_t id, call.IdParam(0));
    return JsonOr(users.Get(call.principal(), id), 200, WritePublished);
  });
  frontend.Add(HttpVerb::post, "/user", manage, [&](Call& call) { return Create(call, users); });
  frontend.Add(HttpVerb::put, "/user/{id}", manage,
               [&](Call& call) { return Update(call, users, /*current=*/false); });
  frontend.Add(HttpVerb::delete_, "/user/{id}", manage, [&](Call& call) -> Reply {
    DH_TRY(const int64_t id, call.IdParam(0));
    return NoContentOr(users.Delete(call.principal(), id));
  });
}

}  // namespace dh::api::rest
