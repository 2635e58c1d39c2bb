#pragma once
// Maps (method, path) to a handler. Patterns are '/'-separated; "{name}" matches any one
// segment, and a literal segment wins over a placeholder ("/device/count" beats
// "/device/{id}").
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/rest/call.hpp"
#include "api/rest/reply.hpp"
#include "auth/action.hpp"
#include "net/http_types.hpp"

namespace dh::api::rest {

using RouteHandler = std::function<Reply(Call&)>;

// Who may call a route, checked before the handler reads any input (as DeviceHive's security
// filter and method security do): everyone (permitAll), any authenticated caller, or one whose
// token holds an action. Anonymous callers get 401, callers without the action 403.
struct RouteGuard {
  bool is_public = false;
  std::optional<auth::Action> action;

  static RouteGuard Public() { return {true, std::nullopt}; }
  static RouteGuard Authenticated() { return {false, std::nullopt}; }
  static RouteGuard Needs(auth::Action needed) { return {false, needed}; }
};

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  void Add(net::HttpVerb method, std::string_view pattern, RouteGuard guard, RouteHandler handler);

  struct Match {
    const RouteHandler* handler = nullptr;  // null: no route for this method
    bool path_exists = false;               // some method is routed for this path
    RouteGuard guard;
    std::vector<std::string> params;
  };
  Match Find(net::HttpVerb method, const std::vector<std::string>& segments) const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
};

}  // namespace dh::api::rest
