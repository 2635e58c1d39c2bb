// /network and /devicetype: the same resource shape over NamedEntityService.
#include "api/json/requests.hpp"
#include "api/json/views.hpp"
#include "api/rest/routes.hpp"
#include "core/strings.hpp"

namespace dh::api::rest {
namespace {

storage::NameFilter ParseFilter(const QueryParams& query) {
  return storage::NameFilter{query.Get("name"), query.Get("namePattern")};
}

core::Result<storage::NamedEntitySort> ParseSort(const QueryParams& query) {
  const auto field = query.Get("sortField");
  if (!field) return storage::NamedEntitySort::kNone;
  if (core::EqualsIgnoreCase(*field, "id")) return storage::NamedEntitySort::kId;
  if (core::EqualsIgnoreCase(*field, "name")) return storage::NamedEntitySort::kName;
  return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
}

template <class Entity>
void AddRoutes(Router& router, const std::string& base, service::NamedEntityService<Entity>& svc,
               auth::Action read_action, auth::Action manage_action) {
  using net::HttpVerb;
  const auto read = RouteGuard::Needs(read_action);
  const auto manage = RouteGuard::Needs(manage_action);
  router.Add(HttpVerb::get, base, read, [&svc](Call& call) -> Reply {
    storage::NamedEntityQuery query;
    query.filter = ParseFilter(call.query());
    DH_TRY(query.sort, ParseSort(call.query()));
    DH_TRY(query.order, call.query().Order());
    DH_TRY(query.page, call.query().Paging());
    return JsonOr(svc.List(call.principal(), query), 200,
                  [](core::JsonWriter& w, const auto& list) {
                    w.BeginArray();
                    for (const auto& entity : list) json::WriteNamedEntity(w, entity);
                    w.EndArray();
                  });
  });
  router.Add(HttpVerb::get, base + "/count", read, [&svc](Call& call) {
    return JsonOr(svc.Count(call.principal(), ParseFilter(call.query())), 200, json::WriteCount);
  });
  router.Add(HttpVerb::get, base + "/{id}", read, [&svc](Call& call) -> Reply {
    DH_TRY(const int64_t id, call.IdParam(0));
    return JsonOr(svc.Get(call.principal(), id), 200, [](core::JsonWriter& w, const auto& got) {
      json::WriteNamedEntity(w, got.entity, got.devices);
    });
  });
  router.Add(HttpVerb::post, base, manage, [&svc](Call& call) -> Reply {
    DH_TRY(auto body, call.RequiredBody());
    DH_TRY(auto draft, json::ParseNamedEntityDraft(body));
    return JsonOr(
        svc.Create(call.principal(), draft), 201,
        [](core::JsonWriter& w, const Entity& created) { json::WriteIdOnly(w, created.id); });
  });
  router.Add(HttpVerb::put, base + "/{id}", manage, [&svc](Call& call) -> Reply {
    DH_TRY(const int64_t id, call.IdParam(0));
    DH_TRY(auto body, call.RequiredBody());
    DH_TRY(auto draft, json::ParseNamedEntityDraft(body));
    draft.id_given = false;  // an id in an update body is ignored
    return NoContentOr(svc.Update(call.principal(), id, draft));
  });
  router.Add(HttpVerb::delete_, base + "/{id}", manage, [&svc](Call& call) -> Reply {
    DH_TRY(const int64_t id, call.IdParam(0));
    DH_TRY(const auto force, call.query().Bool("force"));
    return NoContentOr(svc.Delete(call.principal(), id, force.value_or(false)));
  });
}

}  // namespace

void AddNetworkRoutes(Router& frontend, service::NetworkService& networks) {
  AddRoutes(frontend, "/network", networks, auth::Action::kGetNetwork,
            auth::Action::kManageNetwork);
}

void AddDeviceTypeRoutes(Router& frontend, service::DeviceTypeService& device_types) {
  AddRoutes(frontend, "/devicetype", device_types, auth::Action::kGetDeviceType,
            auth::Action::kManageDeviceType);
}

}  // namespace dh::api::rest
