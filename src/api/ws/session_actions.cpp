// authenticate, token, token/create, token/refresh, server/info.
#include "api/json/requests.hpp"
#include "api/ws/actions.hpp"
#include "api/ws/fields.hpp"
#include "core/json_read.hpp"

namespace dh::api::ws {
namespace {

void WritePair(core::JsonWriter& w, const auth::TokenPair& tokens) {
  w.FieldString("accessToken", tokens.access_token);
  w.FieldString("refreshToken", tokens.refresh_token);
}

void Authenticate(ActionCall& call, ActionServices& s) {
  auto token = core::JsonFields(call.request).String("token");
  if (!token || !*token || (*token)->empty()) {
    return call.respond.Fail(core::Fail(core::Errc::kUnauthorized, "Unauthorized"));
  }
  auto principal = s.authenticator.FromToken(**token);
  if (!principal) {
    const bool expired = principal.error().message == auth::kTokenExpired;
    return call.respond.Fail(
        core::Fail(core::Errc::kUnauthorized, expired ? "Token expired" : "Invalid credentials"));
  }
  if (auto recorded = s.tokens.RecordLogin(*principal->user); !recorded) {
    return call.respond.Fail(recorded.error());
  }
  call.connection->SetPrincipal(std::move(*principal));
  call.respond.Succeed();
}

void Login(ActionCall& call, ActionServices& s) {
  core::JsonFields fields(call.request);
  auto login = fields.String("login");
  auto password = fields.String("password");
  if (!login || !password || !*login || !*password) {
    return call.respond.Fail(
        core::Fail(core::Errc::kBadRequest, "Invalid or empty authorization request parameters"));
  }
  s.run_blocking([&tokens = s.tokens, respond = call.respond, login = std::move(**login),
                  password = std::move(**password)] {
    respond.Answer(tokens.Login(login, password), WritePair);
  });
}

void CreateToken(ActionCall& call, ActionServices& s) {
  const auto* payload = call.request.if_contains("payload");
  if (payload == nullptr || !payload->is_object()) {
    return call.respond.Fail(
        core::Fail(core::Errc::kBadRequest, "Missing or invalid payload in request"));
  }
  auto request = json::ParseTokenRequest(payload->get_object());
  if (!request) return call.respond.Fail(request.error());
  call.respond.Answer(s.tokens.Create(call.connection->principal(), std::move(*request)),
                      WritePair);
}

void RefreshToken(ActionCall& call, ActionServices& s) {
  auto token = core::JsonFields(call.request).String("refreshToken");
  if (!token || !*token || (*token)->empty()) {
    return call.respond.Fail(
        core::Fail(core::Errc::kBadRequest, "Missing or invalid payload in request"));
  }
  call.respond.Answer(s.tokens.Refresh(**token), [](core::JsonWriter& w, const std::string& t) {
    w.FieldString("accessToken", t);
  });
}

void ServerInfo(ActionCall& call, ActionServices& s) {
  const std::string host = call.connection->host().empty() ? "localhost" : call.connection->host();
  call.respond.Succeed([&](core::JsonWriter& w) {
    w.Key("info");
    w.BeginObject();
    w.FieldString("apiVersion", "4.1.0");
    w.FieldTime("serverTimestamp", s.clock.Now());
    w.FieldString("restServerUrl", "http://" + host + "/api/rest");
    w.EndObject();
  });
}

}  // namespace

void AddSessionActions(ActionTable& table, ActionServices& s) {
  table["authenticate"] = [&s](ActionCall& call) { Authenticate(call, s); };
  table["token"] = [&s](ActionCall& call) { Login(call, s); };
  table["token/create"] = [&s](ActionCall& call) { CreateToken(call, s); };
  table["token/refresh"] = [&s](ActionCall& call) { RefreshToken(call, s); };
  table["server/info"] = [&s](ActionCall& call) { ServerInfo(call, s); };
}

ActionTable BuildActionTable(ActionServices& services) {
  ActionTable table;
  AddSessionActions(table, services);
  AddDeviceActions(table, services);
  AddNamedEntityActions(table, services);
  AddUserActions(table, services);
  AddConfigurationActions(table, services);
  AddNotificationActions(table, services);
  AddCommandActions(table, services);
  AddSubscriptionActions(table, services);
  return table;
}

}  // namespace dh::api::ws
