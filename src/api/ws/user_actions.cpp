// user/*: list, count, get, getCurrent, insert, update, updateCurrent, delete, and the network
// and device-type links.
#include "api/json/requests.hpp"
#include "api/json/views.hpp"
#include "api/ws/actions.hpp"
#include "api/ws/fields.hpp"
#include "core/json_read.hpp"
#include "core/strings.hpp"

namespace dh::api::ws {
namespace {

constexpr std::string_view kUserIdWrong = "User id is wrong or empty";

core::Result<storage::UserFilter> Filter(const boost::json::object& request) {
  core::JsonFields fields(request);
  storage::UserFilter filter;
  DH_TRY(filter.login, fields.String("login"));
  DH_TRY(filter.login_pattern, fields.String("loginPattern"));
  DH_TRY(auto role, fields.Int("role"));
  DH_TRY(auto status, fields.Int("status"));
  if (role) filter.role = static_cast<int>(*role);
  if (status) filter.status = static_cast<int>(*status);
  return filter;
}

core::Result<storage::UserQuery> Query(const boost::json::object& request) {
  storage::UserQuery query;
  DH_TRY(query.filter, Filter(request));
  DH_TRY(const auto sort, core::JsonFields(request).String("sortField"));
  if (sort) {
    if (core::EqualsIgnoreCase(*sort, "id"))
      query.sort = storage::UserSort::kId;
    else if (core::EqualsIgnoreCase(*sort, "login"))
      query.sort = storage::UserSort::kLogin;
    else
      return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
  }
  DH_TRY(query.order, Order(request, storage::SortOrder::kAsc));
  DH_TRY(query.page, Paging(request, 20));
  return query;
}

core::Result<service::UserUpdate> UserBody(const boost::json::object& request) {
  DH_TRY(const auto* body, RequireObject(request, "user", "User is required"));
  return json::ParseUserUpdate(*body);
}

// Writes {"<key>": USER_PUBLISHED}.
auto Published(const char* key) {
  return [key](core::JsonWriter& w, const service::UserWithNetworks& found) {
    w.Key(key);
    json::WriteUser(w, found.user, found.networks);
  };
}

// Writes {"<key>": {"<key>": {id, name, description}}} (the link wrappers, nested as in
// DeviceHive).
template <class Entity>
auto Wrapped(const char* key) {
  return [key](core::JsonWriter& w, const Entity& entity) {
    w.Key(key);
    w.BeginObject();
    w.Key(key);
    json::WriteNamedEntity(w, entity);
    w.EndObject();
  };
}

// Registers an action taking userId and a second id, answering with the status of `run`.
template <class Run>
void WithTwoIds(ActionTable& table, const char* action, const char* second,
                const char* second_wrong, Run run) {
  table[action] = [second, second_wrong, run](ActionCall& call) {
    auto user = RequireId(call.request, "userId", kUserIdWrong);
    if (!user) return call.respond.Fail(user.error());
    auto other = RequireId(call.request, second, second_wrong);
    if (!other) return call.respond.Fail(other.error());
    run(call, *user, *other);
  };
}

}  // namespace

void AddUserActions(ActionTable& table, ActionServices& s) {
  auto& users = s.users;
  auto& links = s.user_links;
  table["user/list"] = [&users](ActionCall& call) {
    auto query = Query(call.request);
    if (!query) return call.respond.Fail(query.error());
    call.respond.Answer(users.List(call.connection->principal(), *query),
                        [](core::JsonWriter& w, const auto& list) {
                          w.Key("users");
                          w.BeginArray();
                          for (const auto& user : list) json::WriteUser(w, user);
                          w.EndArray();
                        });
  };
  table["user/count"] = [&users](ActionCall& call) {
    auto filter = Filter(call.request);
    if (!filter) return call.respond.Fail(filter.error());
    call.respond.Answer(users.Count(call.connection->principal(), *filter),
                        [](core::JsonWriter& w, int64_t count) { w.FieldInt("count", count); });
  };
  table["user/get"] = [&users](ActionCall& call) {
    auto id = RequireId(call.request, "userId", kUserIdWrong);
    if (!id) return call.respond.Fail(id.error());
    call.respond.Answer(users.Get(call.connection->principal(), *id), Published("user"));
  };
  table["user/getCurrent"] = [&users](ActionCall& call) {
    call.respond.Answer(users.GetCurrent(call.connection->principal()), Published("current"));
  };
  table["user/insert"] = [&users](ActionCall& call) {
    auto update = UserBody(call.request);
    if (!update) return call.respond.Fail(update.error());
    call.respond.Answer(users.Create(call.connection->principal(), *update),
                        [](core::JsonWriter& w, const domain::User& user) {
                          w.Key("user");
                          json::WriteUserSubmitted(w, user);
                        });
  };
  table["user/update"] = [&users](ActionCall& call) {
    auto id = RequireId(call.request, "userId", kUserIdWrong);
    if (!id) return call.respond.Fail(id.error());
    auto update = UserBody(call.request);
    if (!update) return call.respond.Fail(update.error());
    call.respond.Finish(users.Update(call.connection->principal(), *id, *update));
  };
  table["user/updateCurrent"] = [&users](ActionCall& call) {
    auto update = UserBody(call.request);
    if (!update) return call.respond.Fail(update.error());
    call.respond.Finish(users.UpdateCurrent(call.connection->principal(), *update));
  };
  table["user/delete"] = [&users](ActionCall& call) {
    auto id = RequireId(call.request, "userId", kUserIdWrong);
    if (!id) return call.respond.Fail(id.error());
    call.respond.Finish(users.Delete(call.connection->principal(), *id));
  };

  constexpr const char* kNetworkWrong = "Network id is wrong or empty";
  constexpr const char* kTypeWrong = "Device type id is wrong or empty";
  WithTwoIds(table, "user/getNetwork", "networkId", kNetworkWrong,
             [&links](ActionCall& call, int64_t user, int64_t network) {
               call.respond.Answer(links.GetNetwork(call.connection->principal(), user, network),
                                   Wrapped<domain::Network>("network"));
             });
  WithTwoIds(
      table, "user/assignNetwork", "networkId", kNetworkWrong,
      [&links](ActionCall& call, int64_t user, int64_t network) {
        call.respond.Finish(links.AssignNetwork(call.connection->principal(), user, network));
      });
  WithTwoIds(
      table, "user/unassignNetwork", "networkId", kNetworkWrong,
      [&links](ActionCall& call, int64_t user, int64_t network) {
        call.respond.Finish(links.UnassignNetwork(call.connection->principal(), user, network));
      });
  WithTwoIds(table, "user/getDeviceType", "deviceTypeId", kTypeWrong,
             [&links](ActionCall& call, int64_t user, int64_t type) {
               call.respond.Answer(links.GetDeviceType(call.connection->principal(), user, type),
                                   Wrapped<domain::DeviceType>("deviceType"));
             });
  WithTwoIds(
      table, "user/assignDeviceType", "deviceTypeId", kTypeWrong,
      [&links](ActionCall& call, int64_t user, int64_t type) {
        call.respond.Finish(links.AssignDeviceType(call.connection->principal(), user, type));
      });
  WithTwoIds(
      table, "user/unassignDeviceType", "deviceTypeId", kTypeWrong,
      [&links](ActionCall& call, int64_t user, int64_t type) {
        call.respond.Finish(links.UnassignDeviceType(call.connection->principal(), user, type));
      });
  table["user/getDeviceTypes"] = [&links](ActionCall& call) {
    auto id = RequireId(call.request, "userId", kUserIdWrong);
    if (!id) return call.respond.Fail(id.error());
    call.respond.Answer(links.DeviceTypes(call.connection->principal(), *id),
                        [](core::JsonWriter& w, const auto& types) {
                          w.Key("deviceTypes");
                          w.BeginArray();
                          for (const auto& type : types) json::WriteNamedEntity(w, type);
                          w.EndArray();
                        });
  };
  for (const bool allowed : {true, false}) {
    table[allowed ? "user/allowAllDeviceTypes" : "user/disallowAllDeviceTypes"] =
        [&links, allowed](ActionCall& call) {
          auto id = RequireId(call.request, "userId", kUserIdWrong);
          if (!id) return call.respond.Fail(id.error());
          call.respond.Finish(links.SetAllDeviceTypes(call.connection->principal(), *id, allowed));
        };
  }
}

}  // namespace dh::api::ws
