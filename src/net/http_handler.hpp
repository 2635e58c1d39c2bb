#pragma once
// What the HTTP server calls for each request.
#include <memory>

#include "net/http_types.hpp"

namespace dh::net {

class HttpSession;

// Completes one request. Send must be called exactly once, from any thread; a responder
// dropped without sending answers 500, so a request never hangs on a bug.
class HttpResponder {
 public:
  explicit HttpResponder(std::shared_ptr<HttpSession> session) : session_(std::move(session)) {}
  HttpResponder(HttpResponder&&) noexcept = default;
  HttpResponder& operator=(HttpResponder&&) noexcept = default;
  HttpResponder(const HttpResponder&) = delete;
  HttpResponder& operator=(const HttpResponder&) = delete;
  ~HttpResponder();

  void Send(HttpResponse response);

 private:
  std::shared_ptr<HttpSession> session_;
};

class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Handles one request. `request` stays valid until the responder has sent. Called on the
  // connection's strand; must not block for long (no waiting on other requests).
  virtual void Handle(const HttpRequest& request, HttpResponder responder) = 0;
};

}  // namespace dh::net
