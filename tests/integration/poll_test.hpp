#pragma once
// The REST long-polling suites' fixture (notification_poll_test.cpp, command_poll_test.cpp):
// devices, messages and CLIENT users made over REST, polls sent in the background, and the poll
// URLs. History is what was stored strictly after `timestamp`, answered at once and oldest
// first; without history a poll waits for the first matching event and answers it alone, or []
// when the wait ends.
//
// A poll is sent in the background while the test acts; since the server does not show when a
// poll is registered, the test repeats its act until the poll answers (RepeatUntilAnswered).
// Time bounds are generous: the suites also run under ASan on a loaded two-core machine.
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "message_support.hpp"

namespace dh::test {
namespace polling {
namespace json = boost::json;

using Names = std::vector<std::string>;

inline constexpr const char* kClientPassword = "poll-client-password";
inline constexpr double kAtOnce = 5.0;  // seconds: an answer that did not wait for its waitTimeout

class PollTest : public ServerTest {
 protected:
  static void RegisterDevice(const std::string& device, int64_t network, int64_t type = 1) {
    const auto result = Admin().Put(
        DevicePath(device), json::serialize(json::object{
                                {"name", device}, {"networkId", network}, {"deviceTypeId", type}}));
    ASSERT_EQ(result.status, 204) << result.body;
  }
  // Inserts a notification (stamped `timestamp` unless empty), expecting 201; returns its id.
  static int64_t Notify(const std::string& device, const std::string& name,
                        const std::string& timestamp = "") {
    json::object body{{"notification", name}};
    if (!timestamp.empty()) body["timestamp"] = timestamp;
    const auto result = Admin().Post(DevicePath(device) + "/notification", json::serialize(body));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static int64_t Command(const std::string& device, const std::string& name,
                         const std::string& timestamp = "") {
    json::object body{{"command", name}};
    if (!timestamp.empty()) body["timestamp"] = timestamp;
    const auto result = Admin().Post(DevicePath(device) + "/command", json::serialize(body));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static void UpdateCommand(const std::string& device, int64_t id, const std::string& status) {
    const auto result = Admin().Put(DevicePath(device) + "/command/" + std::to_string(id),
                                    json::serialize(json::object{{"status", status}}));
    EXPECT_EQ(result.status, 204) << result.body;
  }
  static std::future<HttpResult> PollAsync(const std::string& target,
                                           const std::string& token = admin_token_) {
    return GetAsync(port(), token, target);
  }
  // A CLIENT user linked to `networks`, logged in after the links exist; returns its token.
  static std::string ClientOf(const std::string& login, const std::vector<int64_t>& networks) {
    const int64_t user = CreateUser(login, kClientPassword, 1);
    for (const int64_t network : networks) {
      const auto linked = Admin().Put(
          "/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(network), "");
      EXPECT_EQ(linked.status, 204) << linked.body;
    }
    const std::string token = Login(port(), login, kClientPassword);
    EXPECT_FALSE(token.empty()) << login;
    return token;
  }
};

inline std::string NotificationPoll(const std::string& device, const std::string& query) {
  return DevicePath(device) + "/notification/poll?" + query;
}
inline std::string NotificationPollMany(const std::string& query) {
  return "/api/rest/device/notification/poll?" + query;
}
inline std::string CommandPoll(const std::string& device, const std::string& query) {
  return DevicePath(device) + "/command/poll?" + query;
}
inline std::string CommandPollMany(const std::string& query) {
  return "/api/rest/device/command/poll?" + query;
}
inline std::string CommandWait(const std::string& device, int64_t id, const std::string& query) {
  return DevicePath(device) + "/command/" + std::to_string(id) + "/poll?" + query;
}
inline std::string Since(int second) { return "timestamp=" + PastTime(second); }

}  // namespace polling
}  // namespace dh::test
