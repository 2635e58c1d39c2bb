#include "api/json/views.hpp"
#include "api/rest/routes.hpp"
#include "core/json_read.hpp"

namespace dh::api::rest {

void AddConfigurationRoutes(Router& frontend, service::ConfigurationService& configuration) {
  using net::HttpVerb;
  const auto manage = RouteGuard::Needs(auth::Action::kManageConfiguration);
  frontend.Add(HttpVerb::get, "/configuration/{name}", manage, [&](Call& call) {
    return JsonOr(configuration.Get(call.principal(), call.Param(0)), 200,
                  json::WriteConfiguration);
  });
  frontend.Add(HttpVerb::put, "/configuration/{name}", manage, [&](Call& call) -> Reply {
    DH_TRY(auto body, call.RequiredBody());
    DH_TRY(auto value, core::JsonFields(body).String("value"));
    return JsonOr(configuration.Put(call.principal(), call.Param(0), value), 200,
                  json::WriteConfiguration);
  });
  frontend.Add(HttpVerb::delete_, "/configuration/{name}", manage, [&](Call& call) {
    return NoContentOr(configuration.Delete(call.principal(), call.Param(0)));
  });
}

}  // namespace dh::api::rest
