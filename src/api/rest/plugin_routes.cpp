// /plugin (spec §3.10): register, list, count, update and delete plugins.
#include <charconv>

#include "api/rest/routes.hpp"
#include "core/json_read.hpp"
#include "core/strings.hpp"

namespace dh::api::rest {
namespace {

using plugin::PluginFilter;

void WritePlugin(core::JsonWriter& w, const domain::Plugin& plugin) {
  w.BeginObject();
  w.FieldInt("id", plugin.id);
  w.FieldString("name", plugin.name);
  w.FieldString("description", plugin.description);
  w.FieldString("topicName", plugin.topic_name);
  w.FieldString("filter", plugin.filter);
  w.FieldString("status", domain::PluginStatusName(plugin.status));
  w.FieldInt("subscriptionId", plugin.subscription_id);
  w.FieldInt("userId", plugin.user_id);
  w.FieldRaw("parameters", plugin.parameters);
  w.EndObject();
}

core::Error InvalidParameters() {
  return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
}

core::Result<std::optional<std::vector<int64_t>>> IdList(const QueryParams& query,
                                                         std::string_view key) {
  if (!query.Get(key)) return std::optional<std::vector<int64_t>>();
  std::vector<int64_t> ids;
  for (const auto& item : query.List(key)) {
    int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
    if (ec != std::errc() || ptr != item.data() + item.size()) return InvalidParameters();
    ids.push_back(id);
  }
  return std::optional(std::move(ids));
}

core::Result<PluginFilter> ParseFilter(const QueryParams& query) {
  PluginFilter filter;
  filter.device_id = query.Get("deviceId");
  DH_TRY(filter.network_ids, IdList(query, "networkIds"));
  DH_TRY(filter.device_type_ids, IdList(query, "deviceTypeIds"));
  if (query.Get("names")) filter.names = query.List("names");
  DH_TRY(filter.return_commands, query.Bool("returnCommands"));
  DH_TRY(filter.return_updated_commands, query.Bool("returnUpdatedCommands"));
  DH_TRY(filter.return_notifications, query.Bool("returnNotifications"));
  return filter;
}

core::Result<storage::PluginFilter> ParseListFilter(const QueryParams& query) {
  storage::PluginFilter filter;
  filter.name = storage::NameFilter{query.Get("name"), query.Get("namePattern")};
  filter.topic_name = query.Get("topicName");
  DH_TRY(const auto status, query.Int("status"));
  if (status) {
    if (*status < 0 || *status > 2) return InvalidParameters();
    filter.status = static_cast<domain::PluginStatus>(*status);
  }
  DH_TRY(filter.user_id, query.Int("userId"));
  return filter;
}

core::Result<storage::PluginQuery> ParseListQuery(const QueryParams& query) {
  storage::PluginQuery parsed;
  DH_TRY(parsed.filter, ParseListFilter(query));
  if (const auto field = query.Get("sortField")) {
    if (core::EqualsIgnoreCase(*field, "id")) {
      parsed.sort = storage::PluginSort::kId;
    } else if (core::EqualsIgnoreCase(*field, "name")) {
      parsed.sort = storage::PluginSort::kName;
    } else {
      return InvalidParameters();
    }
  }
  DH_TRY(parsed.order, query.Order());
  DH_TRY(parsed.page, query.Paging());
  return parsed;
}

// The body of a registration: {"name", "description", "parameters"}.
core::Result<plugin::PluginDraft> ParseDraft(const boost::json::object& body) {
  core::JsonFields fields(body);
  plugin::PluginDraft draft;
  DH_TRY(draft.name, fields.String("name"));
  DH_TRY(draft.description, fields.String("description"));
  DH_TRY(draft.parameters, fields.ObjectText("parameters"));
  return draft;
}

// PUT takes everything from the query; `parameters` is JSON text.
core::Result<plugin::PluginChange> ParseChange(const QueryParams& query) {
  plugin::PluginChange change;
  if (const auto status = query.Get("status")) {
    change.status = domain::ParsePluginStatus(*status);
    if (!change.status) return InvalidParameters();
  }
  change.fields.name = query.Get("name");
  change.fields.description = query.Get("description");
  if (const auto parameters = query.Get("parameters")) {
    DH_TRY(auto parsed, core::ParseJson(*parameters));
    if (!parsed.is_object()) return InvalidParameters();
    change.fields.parameters = core::ToJsonText(parsed);
  }
  DH_TRY(change.filter, ParseFilter(query));
  return change;
}

// Where plugins connect: configured, or this server's /plugin/proxy as the caller reached it.
std::string ProxyEndpoint(const Call& call, const std::string& configured) {
  if (!configured.empty()) return configured;
  const auto& request = call.request();
  const bool secure = request["X-Forwarded-Proto"] == "https";
  std::string host(request[net::HttpField::host]);
  if (host.empty()) host = "localhost";
  return std::string(secure ? "wss://" : "ws://") + host + "/plugin/proxy";
}

}  // namespace

void AddPluginRoutes(Router& plugin_routes, plugin::PluginService& plugins,
                     std::string proxy_endpoint) {
  using net::HttpVerb;
  const auto guard = RouteGuard::Needs(auth::Action::kManagePlugin);
  plugin_routes.Add(HttpVerb::get, "/plugin", guard, [&plugins](Call& call) -> Reply {
    DH_TRY(auto query, ParseListQuery(call.query()));
    return JsonOr(plugins.List(call.principal(), std::move(query)), 200,
                  [](core::JsonWriter& w, const auto& list) {
                    w.BeginArray();
                    for (const auto& plugin : list) WritePlugin(w, plugin);
                    w.EndArray();
                  });
  });
  plugin_routes.Add(HttpVerb::get, "/plugin/count", guard, [&plugins](Call& call) -> Reply {
    DH_TRY(auto filter, ParseListFilter(call.query()));
    return JsonOr(plugins.Count(call.principal(), std::move(filter)), 200,
                  [](core::JsonWriter& w, int64_t count) {
                    w.BeginObject();
                    w.FieldInt("count", count);
                    w.EndObject();
                  });
  });
  plugin_routes.Add(HttpVerb::post, "/plugin", guard,
                    [&plugins, proxy_endpoint = std::move(proxy_endpoint)](Call& call) -> Reply {
                      DH_TRY(auto filter, ParseFilter(call.query()));
                      DH_TRY(auto body, call.RequiredBody());
                      DH_TRY(auto draft, ParseDraft(body));
                      const std::string endpoint = ProxyEndpoint(call, proxy_endpoint);
                      return JsonOr(
                          plugins.Register(call.principal(), draft, filter), 201,
                          [&endpoint](core::JsonWriter& w, const plugin::Registration& registered) {
                            w.BeginObject();
                            w.FieldString("accessToken", registered.tokens.access_token);
                            w.FieldString("refreshToken", registered.tokens.refresh_token);
                            w.FieldString("proxyEndpoint", endpoint);
                            w.FieldString("topicName", registered.topic);
                            w.EndObject();
                          });
                    });
  plugin_routes.Add(HttpVerb::put, "/plugin", guard, [&plugins](Call& call) -> Reply {
    DH_TRY(auto change, ParseChange(call.query()));
    plugins.Update(call.principal(), call.query().Get("topicName").value_or(""), std::move(change),
                   [reply = call.Defer()](core::Status status) { reply(NoContentOr(status)); });
    return Reply::Later();
  });
  plugin_routes.Add(HttpVerb::delete_, "/plugin", guard, [&plugins](Call& call) {
    return NoContentOr(
        plugins.Delete(call.principal(), call.query().Get("topicName").value_or("")));
  });
}

}  // namespace dh::api::rest
