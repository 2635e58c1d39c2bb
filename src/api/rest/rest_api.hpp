#pragma once
// The REST front door: routes /api/rest/* (frontend), /auth/rest/* (auth service; also
// /api/rest/token*, as DeviceHive's gateway routes it) and /plugin/rest/* (plugin service; also
// /api/rest/plugin*), authenticates the bearer token, applies
// X-HTTP-Method-Override and CORS, and renders replies.
#include "api/rest/router.hpp"
#include "auth/authenticator.hpp"
#include "net/http_handler.hpp"

namespace dh::api::rest {

class RestApi final : public net::HttpHandler {
 public:
  RestApi(const auth::Authenticator& authenticator, Router frontend, Router auth, Router plugin)
      : authenticator_(authenticator),
        frontend_(std::move(frontend)),
        auth_(std::move(auth)),
        plugin_(std::move(plugin)) {}

  void Handle(const net::HttpRequest& request, net::HttpResponder responder) override;

 private:
  Reply Dispatch(const net::HttpRequest& request, net::HttpVerb method,
                 std::shared_ptr<net::HttpResponder>& deferred_to);

  const auth::Authenticator& authenticator_;
  Router frontend_;
  Router auth_;
  Router plugin_;
};

// Adds the headers every REST response carries (CORS, content type).
void AddCommonHeaders(net::HttpResponse& response);

}  // namespace dh::api::rest
