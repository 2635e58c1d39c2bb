// The hot store's lifetime of notifications and commands (spec §6.1), against a server started
// with --hotstore-ttl 1: an item vanishes from every read once its TTL has passed, and a command
// update stores the command again, restarting its TTL. Tests wait for expiry by polling a
// condition with a deadline. Deleting a device drops its items at once; that is shown by a
// second suite on a server with the default TTL, where expiry cannot explain it.
#include <boost/json.hpp>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "message_support.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

// Registers a device in a network of its own, as the admin.
void RegisterDevice(HttpClient admin, const std::string& device, int64_t network) {
  const auto result = admin.Put(
      DevicePath(device), json::serialize(json::object{{"name", device}, {"networkId", network}}));
  ASSERT_EQ(result.status, 204) << result.body;
}

// Evaluates `condition` every 50 ms until it holds or `deadline` passes; whether it held.
bool Eventually(const std::function<bool()>& condition,
                std::chrono::seconds deadline = std::chrono::seconds(15)) {
  const auto give_up = SteadyClock::now() + deadline;
  while (!condition()) {
    if (SteadyClock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

class HotStoreTtlTest : public ServerTest {
 protected:
  static void SetUpTestSuite() { StartServer(ServerOptions{{"--hotstore-ttl", "1"}, {}, {}}); }

  static int64_t Post(const std::string& path, const json::object& body) {
    const auto result = Admin().Post(path, json::serialize(body));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static size_t Listed(const std::string& path) { return ArrayOf(Admin().Get(path)).size(); }
};

TEST_F(HotStoreTtlTest, AnExpiredNotificationIsNeitherListedNorFound) {
  RegisterDevice(Admin(), "ttl-notification", CreateNetwork("ttl-notification"));
  const std::string list = DevicePath("ttl-notification") + "/notification?notification=n";
  const auto stored_before = SteadyClock::now();
  const int64_t id =
      Post(DevicePath("ttl-notification") + "/notification", {{"notification", "n"}});
  const std::string one = DevicePath("ttl-notification") + "/notification/" + std::to_string(id);
  EXPECT_EQ(Listed(list), 1u);
  EXPECT_EQ(Admin().Get(one).status, 200);

  ASSERT_TRUE(Eventually([&] { return Listed(list) == 0; })) << "still listed after 15 s";
  EXPECT_GE(SecondsSince(stored_before), 0.9) << "it lived for its TTL";
  const auto found = Admin().Get(one);
  EXPECT_EQ(found.status, 404);
  EXPECT_EQ(MessageOf(found), "Requested notification not found");
  EXPECT_EQ(Admin()
                .Get(DevicePath("ttl-notification") + "/notification/poll?waitTimeout=0&" +
                     "names=n&timestamp=2021-01-01T00:00:00.000")
                .body,
            "[]")
      << "nor in a poll's history";
}

TEST_F(HotStoreTtlTest, AnExpiredCommandIsGoneFromEveryRead) {
  RegisterDevice(Admin(), "ttl-command", CreateNetwork("ttl-command"));
  const std::string commands = DevicePath("ttl-command") + "/command";
  const int64_t id = Post(commands, {{"command", "c"}});
  const std::string one = commands + "/" + std::to_string(id);
  EXPECT_EQ(Listed(commands), 1u);

  ASSERT_TRUE(Eventually([&] { return Listed(commands) == 0; })) << "still listed after 15 s";
  const std::string not_found = "Command with id = " + std::to_string(id) + " not found";
  const auto found = Admin().Get(one);
  EXPECT_EQ(found.status, 404);
  EXPECT_EQ(MessageOf(found), not_found);
  const auto updated = Admin().Put(one, json::serialize(json::object{{"status", "late"}}));
  EXPECT_EQ(updated.status, 404);
  EXPECT_EQ(MessageOf(updated), not_found);
  const auto start = SteadyClock::now();
  const auto waited = Admin().Get(one + "/poll?waitTimeout=30");
  EXPECT_EQ(waited.status, 204) << "nothing to wait for";
  EXPECT_LT(SecondsSince(start), 5.0);
}

TEST_F(HotStoreTtlTest, ACommandUpdateRestartsItsTtl) {
  RegisterDevice(Admin(), "ttl-restart", CreateNetwork("ttl-restart"));
  const std::string commands = DevicePath("ttl-restart") + "/command";
  // `kept` is stored first, so without its updates it would expire no later than `control`.
  const int64_t kept = Post(commands, {{"command", "kept"}});
  const int64_t control = Post(commands, {{"command", "control"}});
  const std::string kept_path = commands + "/" + std::to_string(kept);
  const std::string control_path = commands + "/" + std::to_string(control);

  int round = 0;
  ASSERT_TRUE(Eventually([&] {
    const auto updated = Admin().Put(
        kept_path, json::serialize(json::object{{"status", "round-" + std::to_string(++round)}}));
    EXPECT_EQ(updated.status, 204) << "round " << round << ": " << updated.body;
    return Admin().Get(control_path).status == 404;
  })) << "the control command never expired";

  const auto still_there = Admin().Get(kept_path);
  ASSERT_EQ(still_there.status, 200) << "the updates kept it";
  EXPECT_EQ(still_there.json().at("status"), json::value("round-" + std::to_string(round)));

  EXPECT_TRUE(Eventually([&] { return Admin().Get(kept_path).status == 404; }))
      << "without updates it expires too";
}

// --- deleting a device (default TTL) --------------------------------------------------------

class HotStoreDeletedDeviceTest : public ServerTest {};

TEST_F(HotStoreDeletedDeviceTest, DeletingADeviceDropsItsNotificationsAndCommands) {
  const int64_t network = CreateNetwork("ttl-deleted");
  RegisterDevice(Admin(), "ttl-deleted", network);
  const std::string notifications = DevicePath("ttl-deleted") + "/notification";
  const std::string commands = DevicePath("ttl-deleted") + "/command";
  const auto notified = Admin().Post(notifications, R"({"notification":"old"})");
  ASSERT_EQ(notified.status, 201) << notified.body;
  const auto commanded = Admin().Post(commands, R"({"command":"old"})");
  ASSERT_EQ(commanded.status, 201) << commanded.body;
  const int64_t notification_id = notified.json().at("id").as_int64();
  const int64_t command_id = commanded.json().at("id").as_int64();
  ASSERT_EQ(ArrayOf(Admin().Get(notifications + "?notification=old")).size(), 1u);

  ASSERT_EQ(Admin().Delete(DevicePath("ttl-deleted")).status, 204);
  const auto gone = Admin().Get(notifications);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(MessageOf(gone), "Device with such deviceId = ttl-deleted not found");

  // A device registered again under the same id starts without the old items.
  RegisterDevice(Admin(), "ttl-deleted", network);
  EXPECT_EQ(ArrayOf(Admin().Get(notifications + "?notification=old")).size(), 0u);
  EXPECT_EQ(ArrayOf(Admin().Get(commands)).size(), 0u);
  const auto notification = Admin().Get(notifications + "/" + std::to_string(notification_id));
  EXPECT_EQ(notification.status, 404);
  EXPECT_EQ(MessageOf(notification), "Requested notification not found");
  const auto command = Admin().Get(commands + "/" + std::to_string(command_id));
  EXPECT_EQ(command.status, 404);
  EXPECT_EQ(MessageOf(command), "Command with id = " + std::to_string(command_id) + " not found");
}

TEST_F(HotStoreDeletedDeviceTest, OtherDevicesKeepTheirItems) {
  const int64_t network = CreateNetwork("ttl-deleted-other");
  RegisterDevice(Admin(), "ttl-deleted-doomed", network);
  RegisterDevice(Admin(), "ttl-deleted-kept", network);
  const std::string kept = DevicePath("ttl-deleted-kept") + "/notification";
  ASSERT_EQ(Admin().Post(kept, R"({"notification":"stays"})").status, 201);
  ASSERT_EQ(
      Admin()
          .Post(DevicePath("ttl-deleted-doomed") + "/notification", R"({"notification":"goes"})")
          .status,
      201);
  ASSERT_EQ(Admin().Delete(DevicePath("ttl-deleted-doomed")).status, 204);
  EXPECT_EQ(FieldOf(ArrayOf(Admin().Get(kept + "?notification=stays")), "notification"),
            std::vector<std::string>{"stays"});
}

}  // namespace
}  // namespace dh::test
