#pragma once
// Base fixture of the integration tests: one devicehive process per test suite, started from
// the built binary on a free loopback port with a fresh data directory.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace dh::test {

inline constexpr const char* kAdminLogin = "dhadmin";
inline constexpr const char* kAdminPassword = "dhadmin_#911";
inline constexpr const char* kSampleDevice = "e50d6085-2aba-48e9-b1c3-73c673e414be";

class ServerTest : public ::testing::Test {
 protected:
  static void StartServer(ServerOptions options = {}) {
    server_ = std::make_unique<ServerProcess>(std::move(options));
    admin_token_ = Login(server_->port(), kAdminLogin, kAdminPassword);
    ASSERT_FALSE(admin_token_.empty()) << server_->Log();
  }
  static void SetUpTestSuite() { StartServer(); }
  static void TearDownTestSuite() {
    const int exit_code = server_->Stop();
    EXPECT_EQ(exit_code, 0) << "the server did not shut down cleanly:\n" << server_->Log();
    server_.reset();
  }

  static uint16_t port() { return server_->port(); }
  // A client that sends the admin's access token.
  static HttpClient Admin() {
    HttpClient client(port());
    client.set_token(admin_token_);
    return client;
  }
  static HttpClient Anonymous() { return HttpClient(port()); }
  static HttpClient As(const std::string& token) {
    HttpClient client(port());
    client.set_token(token);
    return client;
  }

  // Creates a user through the API (as admin) and returns its id.
  static int64_t CreateUser(const std::string& login, const std::string& password, int role) {
    const auto result =
        Admin().Post("/api/rest/user",
                     boost::json::serialize(boost::json::object{
                         {"login", login}, {"password", password}, {"role", role}, {"status", 0}}));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  // Creates a network (as admin) and returns its id.
  static int64_t CreateNetwork(const std::string& name) {
    const auto result = Admin().Post("/api/rest/network",
                                     boost::json::serialize(boost::json::object{{"name", name}}));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }

  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::string admin_token_;
};

// The error message of a DeviceHive error body.
inline std::string MessageOf(const HttpResult& result) {
  const auto body = result.json();
  if (!body.is_object() || !body.as_object().contains("message")) return {};
  return std::string(body.at("message").as_string());
}

}  // namespace dh::test
