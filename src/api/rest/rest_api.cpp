#include "api/rest/rest_api.hpp"

#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <chrono>

#include "auth/access.hpp"

namespace dh::api::rest {
namespace {

namespace http = boost::beast::http;

struct Target {
  const Router* router = nullptr;
  std::vector<std::string> segments;  // after the service prefix
  QueryParams query;
};

// Splits the request target into the service's router, its path segments and the query.
core::Result<Target> Resolve(std::string_view target, const Router& frontend, const Router& auth,
                             const Router& plugin) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return core::Fail(core::Errc::kBadRequest, "Malformed request target");
  std::vector<std::string> segments;
  for (auto segment : url->segments()) {
    if (!segment.empty()) segments.emplace_back(segment);
  }
  Target resolved;
  const bool rest = segments.size() >= 2 && segments[1] == "rest";
  if (rest && segments[0] == "api") {
    const bool is_token = segments.size() >= 3 && segments[2].starts_with("token");
    const bool is_plugin = segments.size() >= 3 && segments[2] == "plugin";
    resolved.router = is_token ? &auth : is_plugin ? &plugin : &frontend;
  } else if (rest && segments[0] == "auth") {
    resolved.router = &auth;
  } else if (rest && segments[0] == "plugin") {
    resolved.router = &plugin;
  } else {
    return core::Fail(core::Errc::kNotFound, "Not Found");
  }
  resolved.segments.assign(std::make_move_iterator(segments.begin() + 2),
                           std::make_move_iterator(segments.end()));
  std::vector<std::pair<std::string, std::string>> params;
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  for (auto param : url->params(options)) {
    params.emplace_back(std::string(param.key), std::string(param.value));
  }
  resolved.query = QueryParams(std::move(params));
  return resolved;
}

net::HttpVerb EffectiveMethod(const net::HttpRequest& request) {
  if (request.method() != net::HttpVerb::post) return request.method();
  const auto it = request.find("X-HTTP-Method-Override");
  if (it == request.end()) return request.method();
  const auto verb = http::string_to_verb(it->value());
  switch (verb) {
    case net::HttpVerb::put:
    case net::HttpVerb::delete_:
    case net::HttpVerb::head:
    case net::HttpVerb::options:
      return verb;
    default:
      return request.method();
  }
}

net::HttpResponse Render(const Reply& reply, bool head_only) {
  net::HttpResponse response{static_cast<http::status>(reply.status), 11};
  AddCommonHeaders(response);
  if (!head_only) response.body() = reply.body;
  return response;
}

}  // namespace

void AddCommonHeaders(net::HttpResponse& response) {
  response.set(net::HttpField::access_control_allow_origin, "*");
  response.set(net::HttpField::access_control_allow_credentials, "true");
  response.set(net::HttpField::access_control_allow_methods,
               "OPTIONS, GET, POST, PUT, DELETE, HEAD");
  response.set(net::HttpField::access_control_max_age, "0");
  response.set(net::HttpField::access_control_allow_headers,
               "Origin, Authorization, Accept, Content-Type, Auth-DeviceID, Auth-DeviceKey");
  response.set(net::HttpField::content_type, "application/json");
}

Reply RestApi::Dispatch(const net::HttpRequest& request, net::HttpVerb method,
                        std::shared_ptr<net::HttpResponder>& deferred_to) {
  auto target = Resolve(request.target(), frontend_, auth_, plugin_);
  if (!target) return Reply(target.error());
  if (method == net::HttpVerb::options) return Reply(200, {});
  const auto route_method = method == net::HttpVerb::head ? net::HttpVerb::get : method;
  auto match = target->router->Find(route_method, target->segments);
  if (match.handler == nullptr) {
    if (match.path_exists) return Reply(405, R"({"error":405,"message":"Method Not Allowed"})");
    return Reply(404, R"({"error":404,"message":"Not Found"})");
  }
  auto principal = authenticator_.FromHeader(request[net::HttpField::authorization]);
  if (!principal) return Reply(principal.error());
  if (!match.guard.is_public) {
    if (match.guard.action) {
      DH_CHECK(auth::RequireAction(*principal, *match.guard.action));
    } else if (!principal->authenticated()) {
      return Reply(core::Fail(core::Errc::kUnauthorized, std::string(auth::kUnauthorized)));
    }
  }

  Call call(request, *principal, std::move(match.params), std::move(target->query),
            [&deferred_to, head_only = method == net::HttpVerb::head]() -> DeferredReply {
              auto responder = std::exchange(deferred_to, nullptr);
              return [responder, head_only](Reply reply) {
                responder->Send(Render(reply, head_only));
              };
            });
  return (*match.handler)(call);
}

void RestApi::Handle(const net::HttpRequest& request, net::HttpResponder responder) {
  const auto started = std::chrono::steady_clock::now();
  const auto method = EffectiveMethod(request);
  auto deferred_to = std::make_shared<net::HttpResponder>(std::move(responder));
  Reply reply;
  try {
    reply = Dispatch(request, method, deferred_to);
  } catch (const std::exception& e) {
    spdlog::error("{} {} failed: {}", request.method_string(), request.target(), e.what());
    reply = Reply(core::Fail(core::Errc::kInternal, "Internal server error"));
  }
  if (spdlog::should_log(spdlog::level::debug)) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    spdlog::debug("{} {} {} {}us", http::to_string(method), request.target(),
                  reply.later ? "deferred" : std::to_string(reply.status), us);
  }
  if (reply.later) return;
  if (deferred_to) deferred_to->Send(Render(reply, method == net::HttpVerb::head));
}

}  // namespace dh::api::rest
