// Plugin tokens on the auth service (spec §3.8): /token/plugin/create and
// /token/plugin/authenticate.
#include "api/json/requests.hpp"
#include "api/rest/routes.hpp"
#include "core/json_read.hpp"

namespace dh::api::rest {
namespace {

Reply Create(Call& call, const auth::PluginTokens& tokens) {
  DH_TRY(auto body, call.RequiredBody());
  auth::PluginTokenRequest request;
  DH_TRY(auto topic, core::JsonFields(body).String("tpc"));
  request.topic = topic.value_or("");
  DH_TRY(request.expiration, json::ParseTime(body, "e"));
  return JsonOr(tokens.Create(call.principal(), request), 201,
                [](core::JsonWriter& w, const auth::TokenPair& pair) {
                  w.BeginObject();
                  w.FieldString("accessToken", pair.access_token);
                  w.FieldString("refreshToken", pair.refresh_token);
                  w.EndObject();
                });
}

Reply Authenticate(const Call& call, const auth::PluginTokens& tokens) {
  return JsonOr(tokens.Authenticate(call.query().Get("token").value_or("")), 200,
                [](core::JsonWriter& w, const auth::TokenPayload& payload) {
                  w.BeginObject();
                  w.Key("a");
                  w.BeginArray();
                  for (int action : payload.actions) w.Int(action);
                  w.EndArray();
                  w.FieldTime("e", payload.expiration);
                  w.FieldInt("t", static_cast<int64_t>(payload.type));
                  w.FieldString("tpc", payload.topic.value_or(""));
                  w.EndObject();
                });
}

}  // namespace

void AddPluginTokenRoutes(Router& auth_routes, const auth::PluginTokens& tokens) {
  auth_routes.Add(net::HttpVerb::post, "/token/plugin/create",
                  RouteGuard::Needs(auth::Action::kManagePlugin),
                  [&tokens](Call& call) { return Create(call, tokens); });
  auth_routes.Add(net::HttpVerb::get, "/token/plugin/authenticate", RouteGuard::Public(),
                  [&tokens](Call& call) { return Authenticate(call, tokens); });
}

}  // namespace dh::api::rest
