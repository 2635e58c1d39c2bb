#pragma once
// Shared by the WebSocket messaging tests (ws_messaging_test.cpp, ws_subscription_test.cpp):
// inserting notifications and commands, subscribing, and reading pushes.
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "ws_test.hpp"

namespace dh::test {

using WsKeys = std::set<std::string>;

class WsMessagingFixture : public WsTest {
 protected:
  static inline const WsKeys kNotificationKeys = {
      "id", "notification", "deviceId", "networkId", "deviceTypeId", "timestamp", "parameters"};
  static inline const WsKeys kCommandKeys = {"id",         "command",  "timestamp", "lastUpdated",
                                             "userId",     "deviceId", "networkId", "deviceTypeId",
                                             "parameters", "lifetime", "status",    "result"};

  // A timestamp `offset_ms` after a fixed point ten minutes ahead, in the wire format. Items
  // stamped with it sort after the "$device-add" notification each registration stores (stamped
  // with the current time), which would otherwise show up in device histories and lists.
  static std::string TimeAt(int64_t offset_ms) {
    static const int64_t base =
        core::ToEpochMs(std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now())) +
        600'000;
    return core::FormatTimestamp(core::FromEpochMs(base + offset_ms));
  }

  // Subscribes (notification/subscribe or command/subscribe) and returns the subscription id.
  static int64_t Subscribe(WsClient& ws, const char* action, boost::json::object request) {
    request["action"] = action;
    const auto response = ws.Request(request);
    EXPECT_TRUE(Succeeded(response)) << boost::json::serialize(request);
    EXPECT_EQ(KeysOf(response), (WsKeys{"action", "requestId", "status", "subscriptionId"}));
    return response.contains("subscriptionId") ? response.at("subscriptionId").as_int64() : -1;
  }
  // Inserts a notification and returns its id.
  static int64_t Notify(WsClient& ws, const std::string& device, const std::string& name,
                        boost::json::object extra = {}) {
    extra["notification"] = name;
    const auto response = ws.Request(
        {{"action", "notification/insert"}, {"deviceId", device}, {"notification", extra}});
    EXPECT_TRUE(Succeeded(response)) << boost::json::serialize(response);
    return response.contains("notification") ? response.at("notification").at("id").as_int64() : -1;
  }
  // Inserts a command and returns its id.
  static int64_t Command(WsClient& ws, const std::string& device, const std::string& name,
                         boost::json::object extra = {}) {
    extra["command"] = name;
    const auto response =
        ws.Request({{"action", "command/insert"}, {"deviceId", device}, {"command", extra}});
    EXPECT_TRUE(Succeeded(response)) << boost::json::serialize(response);
    return response.contains("command") ? response.at("command").at("id").as_int64() : -1;
  }
  // The next push, which must be a notification push; its notification object.
  static boost::json::object NextNotification(WsClient& ws) {
    const auto push = ws.NextPush();
    EXPECT_TRUE(push) << "no notification pushed";
    if (!push) return {};
    EXPECT_EQ(StringOf(*push, "action"), "notification/insert") << boost::json::serialize(*push);
    return push->contains("notification") ? push->at("notification").as_object()
                                          : boost::json::object{};
  }
  static std::vector<std::string> Names(const boost::json::object& response, const char* list,
                                        const char* key) {
    std::vector<std::string> names;
    for (const auto& item : response.at(list).as_array()) {
      names.emplace_back(item.at(key).as_string());
    }
    return names;
  }
};

}  // namespace dh::test
