// network/* and devicetype/*: list, count, get, insert, update, delete.
#include "api/json/requests.hpp"
#include "api/json/views.hpp"
#include "api/ws/actions.hpp"
#include "api/ws/fields.hpp"
#include "core/json_read.hpp"
#include "core/strings.hpp"

namespace dh::api::ws {
namespace {

// How one kind is named on the wire.
struct Names {
  const char* prefix;    // "network" / "devicetype"
  const char* one;       // "network" / "deviceType"
  const char* many;      // "networks" / "deviceTypes"
  const char* id;        // "networkId" / "deviceTypeId"
  const char* id_wrong;  // "Network id is wrong or empty"
  const char* required;  // "Network is required"
};

core::Result<storage::NameFilter> Filter(const boost::json::object& request) {
  core::JsonFields fields(request);
  storage::NameFilter filter;
  DH_TRY(filter.name, fields.String("name"));
  DH_TRY(filter.name_pattern, fields.String("namePattern"));
  return filter;
}

core::Result<storage::NamedEntityQuery> Query(const boost::json::object& request) {
  storage::NamedEntityQuery query;
  DH_TRY(query.filter, Filter(request));
  DH_TRY(const auto sort, core::JsonFields(request).String("sortField"));
  if (sort) {
    if (core::EqualsIgnoreCase(*sort, "id"))
      query.sort = storage::NamedEntitySort::kId;
    else if (core::EqualsIgnoreCase(*sort, "name"))
      query.sort = storage::NamedEntitySort::kName;
    else
      return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
  }
  DH_TRY(query.order, Order(request, storage::SortOrder::kAsc));
  DH_TRY(query.page, Paging(request, 20));
  return query;
}

template <class Entity>
void Add(ActionTable& table, service::NamedEntityService<Entity>& svc, Names names) {
  const std::string prefix = names.prefix;
  table[prefix + "/list"] = [&svc, names](ActionCall& call) {
    auto query = Query(call.request);
    if (!query) return call.respond.Fail(query.error());
    call.respond.Answer(svc.List(call.connection->principal(), *query),
                        [names](core::JsonWriter& w, const auto& list) {
                          w.Key(names.many);
                          w.BeginArray();
                          for (const auto& entity : list) json::WriteNamedEntity(w, entity);
                          w.EndArray();
                        });
  };
  table[prefix + "/count"] = [&svc](ActionCall& call) {
    auto filter = Filter(call.request);
    if (!filter) return call.respond.Fail(filter.error());
    call.respond.Answer(svc.Count(call.connection->principal(), *filter),
                        [](core::JsonWriter& w, int64_t count) { w.FieldInt("count", count); });
  };
  table[prefix + "/get"] = [&svc, names](ActionCall& call) {
    auto id = RequireId(call.request, names.id, names.id_wrong);
    if (!id) return call.respond.Fail(id.error());
    call.respond.Answer(svc.Get(call.connection->principal(), *id),
                        [names](core::JsonWriter& w, const auto& got) {
                          w.Key(names.one);
                          json::WriteNamedEntity(w, got.entity, got.devices);
                        });
  };
  table[prefix + "/insert"] = [&svc, names](ActionCall& call) {
    auto body = RequireObject(call.request, names.one, names.required);
    if (!body) return call.respond.Fail(body.error());
    auto draft = json::ParseNamedEntityDraft(**body);
    if (!draft) return call.respond.Fail(draft.error());
    call.respond.Answer(svc.Create(call.connection->principal(), *draft),
                        [names](core::JsonWriter& w, const Entity& created) {
                          w.Key(names.one);
                          json::WriteIdOnly(w, created.id);
                        });
  };
  table[prefix + "/update"] = [&svc, names](ActionCall& call) {
    auto id = RequireId(call.request, names.id, names.id_wrong);
    if (!id) return call.respond.Fail(id.error());
    auto body = RequireObject(call.request, names.one, names.required);
    if (!body) return call.respond.Fail(body.error());
    auto draft = json::ParseNamedEntityDraft(**body);
    if (!draft) return call.respond.Fail(draft.error());
    draft->id_given = false;
    call.respond.Finish(svc.Update(call.connection->principal(), *id, *draft));
  };
  table[prefix + "/delete"] = [&svc, names](ActionCall& call) {
    auto id = RequireId(call.request, names.id, names.id_wrong);
    if (!id) return call.respond.Fail(id.error());
    auto force = core::JsonFields(call.request).Bool("force");
    if (!force) return call.respond.Fail(force.error());
    call.respond.Finish(svc.Delete(call.connection->principal(), *id, force->value_or(false)));
  };
}

}  // namespace

void AddNamedEntityActions(ActionTable& table, ActionServices& s) {
  Add(table, s.networks,
      Names{"network", "network", "networks", "networkId", "Network id is wrong or empty",
            "Network is required"});
  Add(table, s.device_types,
      Names{"devicetype", "deviceType", "deviceTypes", "deviceTypeId",
            "Device type id is wrong or empty", "Device type is required"});
}

}  // namespace dh::api::ws
