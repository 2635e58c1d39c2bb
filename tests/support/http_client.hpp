#pragma once
// A blocking HTTP/1.1 client for integration tests (keep-alive, reconnects when the server
// closes), plus raw-socket helpers for malformed-input tests. Loopback only.
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dh::test {

struct HttpResult {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  // The body parsed as JSON (null when empty; throws when malformed).
  boost::json::value json() const;
  // A header value (case-insensitive name), empty when absent.
  std::string header(std::string_view name) const;
};

class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;

  // Sent as "Authorization: Bearer <token>" unless a request sets its own header.
  void set_token(std::string token) { token_ = std::move(token); }

  HttpResult Get(const std::string& target) { return Send("GET", target); }
  HttpResult Delete(const std::string& target) { return Send("DELETE", target); }
  HttpResult Post(const std::string& target, const std::string& body) {
    return Send("POST", target, body);
  }
  HttpResult Put(const std::string& target, const std::string& body) {
    return Send("PUT", target, body);
  }
  HttpResult Send(const std::string& method, const std::string& target,
                  const std::string& body = {},
                  const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  struct Connection;
  uint16_t port_;
  std::string token_;
  std::unique_ptr<Connection> connection_;
};

// Logs in through POST /api/rest/token and returns the access token (empty on failure).
std::string Login(uint16_t port, const std::string& login, const std::string& password);

// Sends raw bytes, then reads until the server closes the connection or `timeout` (one deadline
// for the whole exchange) passes. Returns what was read and whether the server closed it.
struct RawReply {
  std::string data;
  bool closed_by_server = false;
};
RawReply RawExchange(uint16_t port, const std::string& bytes, std::chrono::milliseconds timeout);

}  // namespace dh::test
