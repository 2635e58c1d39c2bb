#include "api/rest/routes.hpp"

namespace dh::api::rest {
namespace {

constexpr std::string_view kApiVersion = "4.1.0";  // the DeviceHive API level we implement

Reply Info(const Call& call, const core::Clock& clock) {
  const auto& request = call.request();
  const auto proto = request["X-Forwarded-Proto"];
  const bool secure = proto == "https";
  std::string host(request[net::HttpField::host]);
  if (host.empty()) host = "localhost";
  return Reply::Json(200, [&](core::JsonWriter& w) {
    w.BeginObject();
    w.FieldString("apiVersion", kApiVersion);
    w.FieldTime("serverTimestamp", clock.Now());
    w.FieldString("webSocketServerUrl",
                  std::string(secure ? "wss://" : "ws://") + host + "/api/websocket");
    w.EndObject();
  });
}

}  // namespace

void AddInfoRoutes(Router& frontend, Router& auth, Router& plugin, const core::Clock& clock) {
  frontend.Add(net::HttpVerb::get, "/", RouteGuard::Public(), [](Call&) {
    return Reply(200,
                 "The DeviceHive RESTful API is now running, please refer to documentation to "
                 "get the list of available resources.");
  });
  const auto info = [&clock](Call& call) { return Info(call, clock); };
  frontend.Add(net::HttpVerb::get, "/info", RouteGuard::Public(), info);
  auth.Add(net::HttpVerb::get, "/info", RouteGuard::Public(), info);
  plugin.Add(net::HttpVerb::get, "/info", RouteGuard::Public(), info);
}

}  // namespace dh::api::rest
