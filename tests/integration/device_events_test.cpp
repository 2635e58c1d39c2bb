// $device-add and $device-update (spec §3.1, §6.3): saving a device publishes a notification
// whose parameters are the device's JSON and whose networkId and deviceTypeId are null, so only
// global subscriptions (an admin's pollMany without filters) receive it live. It is stored under
// the device like any notification.
#include <boost/json.hpp>
#include <set>
#include <string>

#include "message_support.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

constexpr const char* kGlobalPoll = "/api/rest/device/notification/poll?waitTimeout=30";

class DeviceEventTest : public ServerTest {
 protected:
  static void SaveDevice(const std::string& device, const json::object& body) {
    const auto result = Admin().Put(DevicePath(device), json::serialize(body));
    ASSERT_EQ(result.status, 204) << result.body;
  }
  static json::value Fetch(const std::string& device) {
    const auto result = Admin().Get(DevicePath(device));
    EXPECT_EQ(result.status, 200) << result.body;
    return result.json();
  }
  // The server's time, returned once the server's clock has passed it (so whatever is saved
  // next is stamped strictly after it).
  static std::string PassedServerTime() {
    const auto time = [] {
      return std::string(
          Anonymous().Get("/api/rest/info").json().at("serverTimestamp").as_string());
    };
    const std::string now = time();
    const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
    while (time() <= now && SteadyClock::now() < deadline) {
    }
    return now;
  }
  // A CLIENT user linked to `network`; returns its token.
  static std::string ClientOf(const std::string& login, int64_t network) {
    const int64_t user = CreateUser(login, "event-client-password", 1);
    const auto linked = Admin().Put(
        "/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(network), "");
    EXPECT_EQ(linked.status, 204) << linked.body;
    return Login(port(), login, "event-client-password");
  }
};

TEST_F(DeviceEventTest, CreatingADeviceSendsDeviceAddToAGlobalPoll) {
  const int64_t network = CreateNetwork("event-add");
  auto pending = GetAsync(port(), admin_token_, kGlobalPoll);
  std::set<std::string> created;
  const auto answer = ArrayOf(RepeatUntilAnswered(pending, [&] {
    const std::string device = "event-add-" + std::to_string(created.size());
    SaveDevice(device, {{"name", device}, {"networkId", network}, {"data", {{"model", "m1"}}}});
    created.insert(device);
  }));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  const auto& event = answer.front().as_object();
  EXPECT_EQ(event.at("notification"), "$device-add");
  const std::string device(event.at("deviceId").as_string());
  EXPECT_TRUE(created.contains(device)) << device;
  EXPECT_TRUE(event.at("networkId").is_null());
  EXPECT_TRUE(event.at("deviceTypeId").is_null());
  EXPECT_EQ(event.at("parameters"), Fetch(device)) << "the parameters are the device's JSON";
  EXPECT_EQ(event.at("parameters").at("networkId"), network);
}

TEST_F(DeviceEventTest, UpdatingADeviceSendsDeviceUpdateToAGlobalPoll) {
  const int64_t network = CreateNetwork("event-update");
  SaveDevice("event-update", {{"name", "before"}, {"networkId", network}});
  auto pending = GetAsync(port(), admin_token_, kGlobalPoll);
  int round = 0;
  const auto answer = ArrayOf(RepeatUntilAnswered(pending, [&] {
    SaveDevice("event-update", {{"name", "after"}, {"data", {{"round", ++round}}}});
  }));
  ASSERT_EQ(answer.size(), 1u) << json::serialize(answer);
  const auto& event = answer.front().as_object();
  EXPECT_EQ(event.at("notification"), "$device-update");
  EXPECT_EQ(event.at("deviceId"), "event-update");
  EXPECT_TRUE(event.at("networkId").is_null());
  EXPECT_TRUE(event.at("deviceTypeId").is_null());
  const auto& parameters = event.at("parameters").as_object();
  const int64_t saved_round = parameters.at("data").at("round").as_int64();
  EXPECT_GE(saved_round, 1);
  EXPECT_LE(saved_round, round);
  EXPECT_EQ(json::value(parameters), json::value(json::object{{"id", "event-update"},
                                                              {"name", "after"},
                                                              {"data", {{"round", saved_round}}},
                                                              {"networkId", network},
                                                              {"deviceTypeId", 1},
                                                              {"isBlocked", false}}));
}

TEST_F(DeviceEventTest, ANetworkScopedPollDoesNotReceiveDeviceEvents) {
  const int64_t network = CreateNetwork("event-network-scope");
  const std::string since = PassedServerTime();
  auto pending = GetAsync(
      port(), admin_token_,
      "/api/rest/device/notification/poll?waitTimeout=1&networkIds=" + std::to_string(network));
  int round = 0;
  const auto start = SteadyClock::now();
  const auto answer = RepeatUntilAnswered(pending, [&] {
    const std::string device = "event-network-scope-" + std::to_string(++round);
    SaveDevice(device, {{"name", device}, {"networkId", network}});
    SaveDevice(device, {{"name", device + "-renamed"}});
  });
  EXPECT_GE(SecondsSince(start), 0.9) << "answered by the wait's end, not by an event";
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "[]");

  const auto history = Admin().Get("/api/rest/device/notification/poll?waitTimeout=0&networkIds=" +
                                   std::to_string(network) + "&timestamp=" + since);
  EXPECT_EQ(history.status, 200);
  EXPECT_EQ(history.body, "[]") << "device events have no network, so no network's history";
}

TEST_F(DeviceEventTest, AClientsPollDoesNotReceiveDeviceEventsOfItsNetwork) {
  const int64_t network = CreateNetwork("event-client-scope");
  const std::string token = ClientOf("event-client", network);
  ASSERT_FALSE(token.empty());
  auto pending = GetAsync(port(), token, "/api/rest/device/notification/poll?waitTimeout=1");
  int round = 0;
  const auto start = SteadyClock::now();
  const auto answer = RepeatUntilAnswered(pending, [&] {
    const std::string device = "event-client-scope-" + std::to_string(++round);
    SaveDevice(device, {{"name", device}, {"networkId", network}});
  });
  EXPECT_GE(SecondsSince(start), 0.9) << "answered by the wait's end, not by an event";
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "[]");
}

TEST_F(DeviceEventTest, DeviceEventsAreStoredUnderTheDevice) {
  const int64_t network = CreateNetwork("event-stored");
  SaveDevice("event-stored", {{"name", "first"}, {"networkId", network}});
  const auto device_before = Fetch("event-stored");
  SaveDevice("event-stored", {{"name", "second"}});
  const auto listed = ArrayOf(
      Admin().Get(DevicePath("event-stored") + "/notification?sortField=timestamp&sortOrder=ASC"));
  ASSERT_EQ(listed.size(), 2u) << json::serialize(listed);
  EXPECT_EQ(listed[0].at("notification"), "$device-add");
  EXPECT_EQ(listed[0].at("parameters"), device_before);
  EXPECT_EQ(listed[1].at("notification"), "$device-update");
  EXPECT_EQ(listed[1].at("parameters"), Fetch("event-stored"));
  EXPECT_EQ(listed[1].at("parameters").at("name"), "second");
}

TEST_F(DeviceEventTest, AGlobalPollWithATimestampReturnsDeviceEventsFromHistory) {
  const int64_t network = CreateNetwork("event-history");
  const std::string since = PassedServerTime();
  SaveDevice("event-history", {{"name", "history"}, {"networkId", network}});
  const auto answer = ArrayOf(Admin().Get(
      "/api/rest/device/notification/poll?waitTimeout=0&names=$device-add&timestamp=" + since));
  std::set<std::string> devices;
  for (const auto& event : answer) devices.insert(std::string(event.at("deviceId").as_string()));
  EXPECT_TRUE(devices.contains("event-history")) << json::serialize(answer);
}

}  // namespace
}  // namespace dh::test
