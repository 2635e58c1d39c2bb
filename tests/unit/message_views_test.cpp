// The client JSON of notifications and commands: DeviceHive's field sets, in its order, with
// nulls for absent values (spec §2.9); and the one rendering every subscriber of an event shares.
#include "api/json/message_views.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace dh::api::json {
namespace {

constexpr int64_t kAt = 1'717'243'200'123;  // 2024-06-01T12:00:00.123Z

domain::Notification FullNotification() {
  domain::Notification n;
  n.id = 42;
  n.notification = "temperature";
  n.device_id = "device-a";
  n.network_id = 1;
  n.device_type_id = 10;
  n.timestamp = core::FromEpochMs(kAt);
  n.parameters = R"({"value":21.5})";
  return n;
}

domain::Command FullCommand() {
  domain::Command c;
  c.id = 43;
  c.command = "reboot";
  c.timestamp = core::FromEpochMs(kAt);
  c.last_updated = core::FromEpochMs(kAt + 1000);
  c.user_id = 1;
  c.device_id = "device-a";
  c.network_id = 1;
  c.device_type_id = 10;
  c.parameters = R"({"delay":5})";
  c.lifetime = 60;
  c.status = "done";
  c.result = R"({"ok":true})";
  c.is_updated = true;
  return c;
}

template <class Item>
std::string Render(void (*write)(core::JsonWriter&, const Item&), const Item& item) {
  std::string out;
  core::JsonWriter w(out);
  write(w, item);
  return out;
}

TEST(MessageViews, NotificationHasTheClientFieldsInOrder) {
  EXPECT_EQ(Render(&WriteNotification, FullNotification()),
            R"({"id":42,"notification":"temperature","deviceId":"device-a","networkId":1,)"
            R"("deviceTypeId":10,"timestamp":"2024-06-01T12:00:00.123",)"
            R"("parameters":{"value":21.5}})");
}

TEST(MessageViews, NotificationWritesNullsForAbsentValues) {
  auto n = FullNotification();
  n.network_id.reset();
  n.device_type_id.reset();
  n.parameters.reset();
  EXPECT_EQ(Render(&WriteNotification, n),
            R"({"id":42,"notification":"temperature","deviceId":"device-a","networkId":null,)"
            R"("deviceTypeId":null,"timestamp":"2024-06-01T12:00:00.123","parameters":null})");
}

TEST(MessageViews, NotificationInsertReplyHasIdAndTimestamp) {
  EXPECT_EQ(Render(&WriteNotificationInserted, FullNotification()),
            R"({"id":42,"timestamp":"2024-06-01T12:00:00.123"})");
}

TEST(MessageViews, CommandHasTheClientFieldsInOrderWithoutIsUpdated) {
  EXPECT_EQ(Render(&WriteCommand, FullCommand()),
            R"({"id":43,"command":"reboot","timestamp":"2024-06-01T12:00:00.123",)"
            R"("lastUpdated":"2024-06-01T12:00:01.123","userId":1,"deviceId":"device-a",)"
            R"("networkId":1,"deviceTypeId":10,"parameters":{"delay":5},"lifetime":60,)"
            R"("status":"done","result":{"ok":true}})");
}

TEST(MessageViews, CommandWritesNullsForAbsentValues) {
  domain::Command c;
  c.id = 43;
  c.command = "reboot";
  c.timestamp = core::FromEpochMs(kAt);
  c.last_updated = core::FromEpochMs(kAt);
  c.device_id = "device-a";
  EXPECT_EQ(Render(&WriteCommand, c),
            R"({"id":43,"command":"reboot","timestamp":"2024-06-01T12:00:00.123",)"
            R"("lastUpdated":"2024-06-01T12:00:00.123","userId":null,"deviceId":"device-a",)"
            R"("networkId":null,"deviceTypeId":null,"parameters":null,"lifetime":null,)"
            R"("status":null,"result":null})");
}

TEST(MessageViews, CommandInsertReplyHasIdTimestampLastUpdatedAndUserId) {
  EXPECT_EQ(Render(&WriteCommandInserted, FullCommand()),
            R"({"id":43,"timestamp":"2024-06-01T12:00:00.123",)"
            R"("lastUpdated":"2024-06-01T12:00:01.123","userId":1})");
  auto anonymous = FullCommand();
  anonymous.user_id.reset();
  EXPECT_EQ(Render(&WriteCommandInserted, anonymous),
            R"({"id":43,"timestamp":"2024-06-01T12:00:00.123",)"
            R"("lastUpdated":"2024-06-01T12:00:01.123","userId":null})");
}

TEST(MessageViews, NamesAndDeviceIdsAreEscaped) {
  auto n = FullNotification();
  n.notification = "say \"hi\"\n";
  n.device_id = "a\\b";
  const auto json = Render(&WriteNotification, n);
  EXPECT_NE(json.find(R"("notification":"say \"hi\"\n")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("deviceId":"a\\b")"), std::string::npos) << json;
}

TEST(MessageViews, ClientViewOfANotificationEventIsItsNotificationView) {
  const auto event =
      bus::MakeEvent(std::make_shared<const domain::Notification>(FullNotification()));
  EXPECT_EQ(ClientView(*event), Render(&WriteNotification, FullNotification()));
}

TEST(MessageViews, ClientViewOfCommandEventsIsTheCommandView) {
  const auto command = std::make_shared<const domain::Command>(FullCommand());
  for (auto kind : {bus::EventKind::kCommand, bus::EventKind::kCommandUpdate}) {
    const auto event = bus::MakeEvent(kind, command);
    EXPECT_EQ(ClientView(*event), Render(&WriteCommand, FullCommand()));
  }
}

TEST(MessageViews, ClientViewIsRenderedOnceAndShared) {
  const auto event =
      bus::MakeEvent(std::make_shared<const domain::Notification>(FullNotification()));
  const std::string& first = ClientView(*event);
  const std::string& second = ClientView(*event);
  EXPECT_EQ(&first, &second);
  EXPECT_EQ(&first, &event->view);
  EXPECT_EQ(first, Render(&WriteNotification, FullNotification()));
}

TEST(MessageViews, ConcurrentSubscribersShareOneRendering) {
  const auto event = bus::MakeEvent(bus::EventKind::kCommand,
                                    std::make_shared<const domain::Command>(FullCommand()));
  constexpr size_t kThreads = 8;
  std::vector<const std::string*> seen(kThreads);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] { seen[t] = &ClientView(*event); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto* view : seen) EXPECT_EQ(view, &event->view);
  EXPECT_EQ(event->view, Render(&WriteCommand, FullCommand()));
}

}  // namespace
}  // namespace dh::api::json
