#pragma once
// The REST front door: routes /api/rest/* (frontend) and /auth/rest/* (auth service; also
// /api/rest/token*, as DeviceHive's gateway routes it), authenticates the bearer token, applies
// X-HTTP-Method-Override and CORS, and renders replies.
#include "api/rest/router.hpp"
#include "auth/authenticator.hpp"
#include "net/http_handler.hpp"

namespace dh::api::rest {

class RestApi final : public net::HttpHandler {
 public:
  RestApi(const auth::Authenticator& authenticator, Router frontend, Router auth)
      : authenticator_(authenticator), frontend_(std::move(frontend)), auth_(std::move(auth)) {}

  void Handle(const net::HttpRequest& request, net::HttpResponder responder) override;

 private:
  Reply Dispatch(const net::HttpRequest& request, net::HttpVerb method,
                 std::shared_ptr<net::HttpResponder>& deferred_to);

  const auth::Authenticator& authenticator_;
  Router frontend_;
  Router auth_;
};

// Adds the headers every REST response carries (CORS, content type).
void AddCommonHeaders(net::HttpResponse& response);

}  // namespace dh::api::rest
