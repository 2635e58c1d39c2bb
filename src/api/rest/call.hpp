#pragma once
// One REST call as a handler sees it: the caller, the path parameters, the query, the body.
#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/rest/query.hpp"
#include "api/rest/reply.hpp"
#include "auth/principal.hpp"
#include "core/error.hpp"
#include "net/http_types.hpp"

namespace dh::api::rest {

// Answers a deferred call; callable once, from any thread.
using DeferredReply = std::function<void(Reply)>;

class Call {
 public:
  Call(const net::HttpRequest& request, const auth::Principal& principal,
       std::vector<std::string> params, QueryParams query, std::function<DeferredReply()> defer)
      : request_(request),
        principal_(principal),
        params_(std::move(params)),
        query_(std::move(query)),
        defer_(std::move(defer)) {}

  const net::HttpRequest& request() const { return request_; }
  const auth::Principal& principal() const { return principal_; }
  const QueryParams& query() const { return query_; }
  // The i-th {placeholder} of the route pattern, decoded.
  const std::string& Param(size_t i) const { return params_.at(i); }
  // The i-th placeholder as an id; 400 "Invalid request parameters" when not an integer.
  core::Result<int64_t> IdParam(size_t i) const;

  // The body as a JSON object: nullopt when empty or `null`; 400 "Invalid request parameters"
  // when malformed or not an object.
  core::Result<std::optional<boost::json::object>> Body() const;
  // Like Body(), but an absent body is 400 "Error! Validation failed: \nObject is null".
  core::Result<boost::json::object> RequiredBody() const;

  // Takes over the answer: the handler returns Reply::Later() and answers through the result,
  // once, from any thread. The call's references (request, principal) die when the handler
  // returns; copy what the deferred work needs.
  DeferredReply Defer() { return defer_(); }

 private:
  const net::HttpRequest& request_;
  const auth::Principal& principal_;
  std::vector<std::string> params_;
  QueryParams query_;
  std::function<DeferredReply()> defer_;
};

}  // namespace dh::api::rest
