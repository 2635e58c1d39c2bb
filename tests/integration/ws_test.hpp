#pragma once
// Base fixture of the WebSocket API tests (spec §4): WsClient connections to the suite's
// server, and assertions on the §4.1 envelope.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "server_test.hpp"
#include "support/ws_client.hpp"

namespace dh::test {

// The keys of a JSON object, sorted.
inline std::set<std::string> KeysOf(const boost::json::object& object) {
  std::set<std::string> keys;
  for (const auto& [key, value] : object) keys.emplace(key);
  return keys;
}

// A string member, or "" when absent or not a string.
inline std::string StringOf(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// A success envelope: status "success" and no error keys.
inline ::testing::AssertionResult Succeeded(const boost::json::object& response) {
  if (StringOf(response, "status") == "success" && !response.contains("code") &&
      !response.contains("error")) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "not a success: " << boost::json::serialize(response);
}

// An error envelope with exactly the keys of §4.1, this code and this message.
inline ::testing::AssertionResult FailedWith(const boost::json::object& response, int code,
                                             std::string_view message) {
  const std::set<std::string> keys = {"action", "requestId", "code", "status", "error"};
  const auto* found = response.if_contains("code");
  if (KeysOf(response) == keys && StringOf(response, "status") == "error" && found != nullptr &&
      found->is_int64() && found->get_int64() == code && StringOf(response, "error") == message) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "expected error " << code << " \"" << message
                                       << "\", got " << boost::json::serialize(response);
}

class WsTest : public ServerTest {
 protected:
  // An anonymous connection.
  static WsClient Connect() { return WsClient(port()); }
  // A connection authenticated with the `authenticate` action.
  static WsClient ConnectAs(const std::string& token) {
    WsClient client(port());
    const auto response = client.Request({{"action", "authenticate"}, {"token", token}});
    EXPECT_TRUE(Succeeded(response)) << "authenticate";
    return client;
  }
  static WsClient ConnectAdmin() { return ConnectAs(admin_token_); }

  // Registers (or updates) a device as the admin through REST, expecting 204.
  static void RegisterDevice(const std::string& id, int64_t network, int64_t device_type = 1) {
    const auto result =
        Admin().Put("/api/rest/device/" + id,
                    boost::json::serialize(boost::json::object{
                        {"name", id}, {"networkId", network}, {"deviceTypeId", device_type}}));
    EXPECT_EQ(result.status, 204) << id << ": " << result.body;
  }
  // A CLIENT user linked to `networks`, logged in after the links exist; its access token.
  static std::string ClientToken(const std::string& login, const std::vector<int64_t>& networks) {
    const int64_t user = CreateUser(login, "client-password", 1);
    for (const int64_t network : networks) {
      const auto linked = Admin().Put(
          "/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(network), "");
      EXPECT_EQ(linked.status, 204) << linked.body;
    }
    const std::string token = Login(port(), login, "client-password");
    EXPECT_FALSE(token.empty()) << login;
    return token;
  }
};

}  // namespace dh::test
