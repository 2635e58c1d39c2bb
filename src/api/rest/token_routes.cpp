#include "api/json/requests.hpp"
#include "api/rest/routes.hpp"
#include "core/json_read.hpp"

namespace dh::api::rest {
namespace {

void WritePair(core::JsonWriter& w, const auth::TokenPair& tokens) {
  w.BeginObject();
  w.FieldString("accessToken", tokens.access_token);
  w.FieldString("refreshToken", tokens.refresh_token);
  w.EndObject();
}

// POST /token: the password check runs on the blocking pool (Argon2 takes ~25 ms).
Reply Login(Call& call, auth::TokenService& tokens, const BlockingRunner& run_blocking) {
  const core::Error bad_request =
      core::Fail(core::Errc::kBadRequest, "Invalid or empty authorization request parameters");
  auto body = call.Body();
  if (!body || !*body) return bad_request;
  core::JsonFields fields(**body);
  auto login = fields.String("login");
  auto password = fields.String("password");
  if (!login || !password || !*login || !*password) return bad_request;
  run_blocking([&tokens, reply = call.Defer(), login = std::move(**login),
                password = std::move(**password)] {
    reply(JsonOr(tokens.Login(login, password), 201, WritePair));
  });
  return Reply::Later();
}

Reply Refresh(const Call& call, auth::TokenService& tokens) {
  auto body = call.Body();
  std::optional<std::string> refresh_token;
  if (body && *body) {
    auto field = core::JsonFields(**body).String("refreshToken");
    if (field) refresh_token = std::move(*field);
  }
  if (!refresh_token) return core::Fail(core::Errc::kUnauthorized, "Unauthorized");
  return JsonOr(tokens.Refresh(*refresh_token), 201, [](core::JsonWriter& w, const auto& access) {
    w.BeginObject();
    w.FieldString("accessToken", access);
    w.EndObject();
  });
}

Reply Create(const Call& call, auth::TokenService& tokens) {
  DH_TRY(auto body, call.RequiredBody());
  DH_TRY(auto request, json::ParseTokenRequest(body));
  return JsonOr(tokens.Create(call.principal(), std::move(request)), 201, WritePair);
}

}  // namespace

void AddTokenRoutes(Router& auth_routes, auth::TokenService& tokens, BlockingRunner run_blocking) {
  auth_routes.Add(
      net::HttpVerb::post, "/token", RouteGuard::Public(),
      [&tokens, run_blocking](Call& call) { return Login(call, tokens, run_blocking); });
  auth_routes.Add(net::HttpVerb::post, "/token/refresh", RouteGuard::Public(),
                  [&tokens](Call& call) { return Refresh(call, tokens); });
  auth_routes.Add(net::HttpVerb::post, "/token/create",
                  RouteGuard::Needs(auth::Action::kManageToken),
                  [&tokens](Call& call) { return Create(call, tokens); });
}

}  // namespace dh::api::rest
