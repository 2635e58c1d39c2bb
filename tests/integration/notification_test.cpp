// POST/GET /device/{id}/notification (spec §2.6, §3.2): the insert answer, client timestamps,
// validation and its messages, getting one, and listing with bounds, name filter, sorting and
// paging. Timestamps sent by the tests lie in 2021, so the $device-add notification every new
// device gets (stamped with the server's clock) stays out of lists bounded by `end`.
#include <boost/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "message_support.hpp"

namespace dh::test {
namespace {

namespace json = boost::json;

using Names = std::vector<std::string>;

constexpr int64_t kMaxSafeInteger = (int64_t{1} << 53) - 1;
// An `end` bound after every PastTime() and before the server's clock.
const std::string kBeforeNow = "end=2021-06-01T13:00:00.000";

class NotificationTest : public ServerTest {
 protected:
  static std::string Notifications(const std::string& device) {
    return DevicePath(device) + "/notification";
  }
  // Registers a device in a network of its own, as the admin.
  static void RegisterDevice(const std::string& device) {
    const int64_t network = CreateNetwork("net-" + device);
    const auto result =
        Admin().Put(DevicePath(device),
                    json::serialize(json::object{{"name", device}, {"networkId", network}}));
    ASSERT_EQ(result.status, 204) << result.body;
  }
  static HttpResult Insert(const std::string& device, const json::object& body) {
    return Admin().Post(Notifications(device), json::serialize(body));
  }
  // Inserts `name` stamped `timestamp`, expecting 201; returns its id.
  static int64_t InsertAt(const std::string& device, const std::string& name,
                          const std::string& timestamp) {
    const auto result = Insert(device, {{"notification", name}, {"timestamp", timestamp}});
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static json::array List(const std::string& device, const std::string& query) {
    return ArrayOf(Admin().Get(Notifications(device) + "?" + query));
  }
  static Names NamesListed(const std::string& device, const std::string& query) {
    return FieldOf(List(device, query), "notification");
  }
  static std::string ServerTime() {
    return std::string(Anonymous().Get("/api/rest/info").json().at("serverTimestamp").as_string());
  }
};

// --- POST /device/{id}/notification ---------------------------------------------------------

TEST_F(NotificationTest, InsertAnswers201WithOnlyIdAndTimestamp) {
  RegisterDevice("notif-insert");
  const auto result =
      Insert("notif-insert", {{"notification", "temperature"}, {"parameters", {{"t", 21.5}}}});
  ASSERT_EQ(result.status, 201) << result.body;
  const auto body = result.json().as_object();
  EXPECT_EQ(body.size(), 2u) << result.body;
  EXPECT_TRUE(body.at("id").is_int64()) << result.body;
  EXPECT_EQ(body.at("timestamp").as_string().size(), 23u) << result.body;
}

TEST_F(NotificationTest, InsertKeepsTheClientTimestamp) {
  RegisterDevice("notif-client-time");
  const auto iso = Insert("notif-client-time",
                          {{"notification", "n"}, {"timestamp", "2021-06-01T12:00:05.123"}});
  ASSERT_EQ(iso.status, 201) << iso.body;
  EXPECT_EQ(iso.json().at("timestamp"), "2021-06-01T12:00:05.123");
  const auto zoned = Insert(
      "notif-client-time", {{"notification", "n"}, {"timestamp", "2021-06-01T14:00:06.250+02:00"}});
  ASSERT_EQ(zoned.status, 201) << zoned.body;
  EXPECT_EQ(zoned.json().at("timestamp"), "2021-06-01T12:00:06.250");
  const auto epoch_ms =
      Insert("notif-client-time", {{"notification", "n"}, {"timestamp", 1622548807000}});
  ASSERT_EQ(epoch_ms.status, 201) << epoch_ms.body;
  EXPECT_EQ(epoch_ms.json().at("timestamp"), "2021-06-01T12:00:07.000");

  const auto stored = Admin().Get(Notifications("notif-client-time") + "/" +
                                  std::to_string(iso.json().at("id").as_int64()));
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.json().at("timestamp"), "2021-06-01T12:00:05.123");
}

TEST_F(NotificationTest, InsertWithoutTimestampIsStampedWithServerTime) {
  RegisterDevice("notif-server-time");
  const std::string before = ServerTime();
  const auto result = Insert("notif-server-time", {{"notification", "n"}});
  const std::string after = ServerTime();
  ASSERT_EQ(result.status, 201) << result.body;
  const std::string stamped(result.json().at("timestamp").as_string());
  EXPECT_LE(before, stamped);
  EXPECT_LE(stamped, after);
}

TEST_F(NotificationTest, ParametersMustBeAJsonObject) {
  RegisterDevice("notif-params");
  for (const auto& parameters :
       {json::value("text"), json::value(5), json::value(json::array{1}), json::value(true)}) {
    const auto result = Insert("notif-params", {{"notification", "n"}, {"parameters", parameters}});
    EXPECT_EQ(result.status, 400) << json::serialize(parameters);
    EXPECT_EQ(MessageOf(result), "'parameters' must be JSON Object!")
        << json::serialize(parameters);
  }
  EXPECT_EQ(List("notif-params", kBeforeNow).size(), 0u) << "nothing refused was stored";
}

TEST_F(NotificationTest, NullParametersAreStoredAsNull) {
  RegisterDevice("notif-null-params");
  const auto result = Insert("notif-null-params", {{"notification", "n"}, {"parameters", nullptr}});
  ASSERT_EQ(result.status, 201) << result.body;
  const auto stored = Admin().Get(Notifications("notif-null-params") + "/" +
                                  std::to_string(result.json().at("id").as_int64()));
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_TRUE(stored.json().at("parameters").is_null()) << stored.body;
}

TEST_F(NotificationTest, InsertWithoutNameIsRejected) {
  RegisterDevice("notif-no-name");
  for (const auto& body : {json::object{}, json::object{{"parameters", {{"a", 1}}}},
                           json::object{{"notification", nullptr}}}) {
    const auto result = Insert("notif-no-name", body);
    EXPECT_EQ(result.status, 400) << json::serialize(body);
    EXPECT_EQ(MessageOf(result), "Invalid request parameters") << json::serialize(body);
  }
}

TEST_F(NotificationTest, DeviceEventNamesCannotBeInserted) {
  RegisterDevice("notif-reserved");
  for (const char* name : {"$device-add", "$device-update"}) {
    const auto result = Insert("notif-reserved", {{"notification", name}});
    EXPECT_EQ(result.status, 403) << name;
    EXPECT_EQ(MessageOf(result),
              "It's forbidden to insert these special notifications: $device-update, "
              "$device-add.")
        << name;
  }
}

TEST_F(NotificationTest, InsertForAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Insert("notif-no-such-device", {{"notification", "n"}});
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = notif-no-such-device not found");
}

TEST_F(NotificationTest, AClientInsertsOnlyIntoDevicesOfItsNetworks) {
  RegisterDevice("notif-client-mine");
  RegisterDevice("notif-client-theirs");
  const int64_t mine =
      Admin().Get(DevicePath("notif-client-mine")).json().at("networkId").as_int64();
  const int64_t user = CreateUser("notif-client", "notif-client-password", 1);
  ASSERT_EQ(
      Admin()
          .Put("/api/rest/user/" + std::to_string(user) + "/network/" + std::to_string(mine), "")
          .status,
      204);
  auto client = As(Login(port(), "notif-client", "notif-client-password"));
  const std::string body = R"({"notification":"from-client"})";
  EXPECT_EQ(client.Post(Notifications("notif-client-mine"), body).status, 201);
  const auto denied = client.Post(Notifications("notif-client-theirs"), body);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(MessageOf(denied), "Access is denied");
  const auto unknown = client.Post(Notifications("notif-client-nobody"), body);
  EXPECT_EQ(unknown.status, 403) << "a client is not told whether a device exists";
  EXPECT_EQ(MessageOf(unknown), "Access is denied");
  EXPECT_EQ(NamesListed("notif-client-theirs", "notification=from-client"), Names{});
}

TEST_F(NotificationTest, UnparseableTimestampIsRejected) {
  RegisterDevice("notif-bad-time");
  for (const auto& timestamp : {json::value("yesterday"), json::value("2021-13-01T00:00:00"),
                                json::value(json::object{})}) {
    const auto result = Insert("notif-bad-time", {{"notification", "n"}, {"timestamp", timestamp}});
    EXPECT_EQ(result.status, 400) << json::serialize(timestamp);
    EXPECT_EQ(MessageOf(result), "Unparseable timestamp") << json::serialize(timestamp);
  }
}

TEST_F(NotificationTest, IdsAreUniqueIncreasingAndSafeForJavaScript) {
  RegisterDevice("notif-ids");
  std::vector<int64_t> ids;
  for (int i = 0; i < 50; ++i) ids.push_back(InsertAt("notif-ids", "n", PastTime(1)));
  EXPECT_EQ(std::set<int64_t>(ids.begin(), ids.end()).size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_GT(ids[i], 0);
    EXPECT_LE(ids[i], kMaxSafeInteger);
    if (i > 0) {
      EXPECT_GT(ids[i], ids[i - 1]);
    }
  }
}

// --- GET /device/{id}/notification/{id} -----------------------------------------------------

TEST_F(NotificationTest, GetShowsTheClientView) {
  RegisterDevice("notif-get");
  const auto inserted = Insert("notif-get", {{"notification", "door-open"},
                                             {"timestamp", "2021-06-01T12:00:01.500"},
                                             {"parameters", {{"door", "front"}, {"n", 2}}}});
  ASSERT_EQ(inserted.status, 201) << inserted.body;
  const int64_t id = inserted.json().at("id").as_int64();
  const auto device = Admin().Get(DevicePath("notif-get")).json();

  const auto result = Admin().Get(Notifications("notif-get") + "/" + std::to_string(id));
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.json(), json::value(json::object{
                               {"id", id},
                               {"notification", "door-open"},
                               {"deviceId", "notif-get"},
                               {"networkId", device.at("networkId")},
                               {"deviceTypeId", device.at("deviceTypeId")},
                               {"timestamp", "2021-06-01T12:00:01.500"},
                               {"parameters", {{"door", "front"}, {"n", 2}}},
                           }));
}

TEST_F(NotificationTest, GetOfAnUnknownNotificationIsNotFound) {
  RegisterDevice("notif-get-unknown");
  const auto result = Admin().Get(Notifications("notif-get-unknown") + "/12345");
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Requested notification not found");
}

TEST_F(NotificationTest, GetThroughAnotherDeviceIsNotFound) {
  RegisterDevice("notif-get-owner");
  RegisterDevice("notif-get-other");
  const int64_t id = InsertAt("notif-get-owner", "n", PastTime(1));
  const auto result = Admin().Get(Notifications("notif-get-other") + "/" + std::to_string(id));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Requested notification not found");
}

// --- GET /device/{id}/notification ----------------------------------------------------------

TEST_F(NotificationTest, ListIsNewestFirstByDefault) {
  RegisterDevice("notif-list-order");
  InsertAt("notif-list-order", "second", PastTime(2));
  InsertAt("notif-list-order", "first", PastTime(1));
  InsertAt("notif-list-order", "third", PastTime(3));
  EXPECT_EQ(NamesListed("notif-list-order", kBeforeNow), (Names{"third", "second", "first"}));
  EXPECT_EQ(NamesListed("notif-list-order", kBeforeNow + "&sortOrder=DESC"),
            (Names{"third", "second", "first"}));
  EXPECT_EQ(NamesListed("notif-list-order", kBeforeNow + "&sortOrder=ASC"),
            (Names{"first", "second", "third"}));
  EXPECT_EQ(NamesListed("notif-list-order", kBeforeNow + "&sortField=timestamp&sortOrder=asc"),
            (Names{"first", "second", "third"}));
}

TEST_F(NotificationTest, ListShowsTheClientViewOfEachNotification) {
  RegisterDevice("notif-list-view");
  const int64_t id = InsertAt("notif-list-view", "n", PastTime(1));
  const auto listed = List("notif-list-view", kBeforeNow);
  ASSERT_EQ(listed.size(), 1u);
  const auto single = Admin().Get(Notifications("notif-list-view") + "/" + std::to_string(id));
  EXPECT_EQ(listed.front(), single.json());
}

TEST_F(NotificationTest, ListIncludesNotificationsStampedExactlyAtStartAndEnd) {
  RegisterDevice("notif-bounds");
  InsertAt("notif-bounds", "t1", PastTime(1));
  InsertAt("notif-bounds", "t2", PastTime(2));
  InsertAt("notif-bounds", "t3", PastTime(3));
  const auto at = [](const char* key, int second) {
    return std::string(key) + "=" + PastTime(second);
  };
  EXPECT_EQ(NamesListed("notif-bounds", at("start", 2)), (Names{"$device-add", "t3", "t2"}));
  EXPECT_EQ(NamesListed("notif-bounds", at("end", 2)), (Names{"t2", "t1"}));
  EXPECT_EQ(NamesListed("notif-bounds", at("start", 2) + "&" + at("end", 2)), Names{"t2"});
  EXPECT_EQ(NamesListed("notif-bounds", at("start", 1) + "&" + at("end", 3) + "&sortOrder=ASC"),
            (Names{"t1", "t2", "t3"}));
  EXPECT_EQ(NamesListed("notif-bounds", at("start", 4) + "&" + at("end", 5)), Names{});
}

TEST_F(NotificationTest, ListFiltersByName) {
  RegisterDevice("notif-filter");
  InsertAt("notif-filter", "alarm", PastTime(1));
  InsertAt("notif-filter", "status", PastTime(2));
  InsertAt("notif-filter", "alarm", PastTime(3));
  const auto alarms = List("notif-filter", "notification=alarm");
  EXPECT_EQ(FieldOf(alarms, "timestamp"), (Names{PastTime(3), PastTime(1)}));
  EXPECT_EQ(NamesListed("notif-filter", "notification=status"), Names{"status"});
  EXPECT_EQ(NamesListed("notif-filter", "notification=other"), Names{});
}

TEST_F(NotificationTest, ListSortsByNameDescendingUnlessAscending) {
  RegisterDevice("notif-sort-name");
  InsertAt("notif-sort-name", "bravo", PastTime(1));
  InsertAt("notif-sort-name", "charlie", PastTime(2));
  InsertAt("notif-sort-name", "alpha", PastTime(3));
  EXPECT_EQ(NamesListed("notif-sort-name", kBeforeNow + "&sortField=notification"),
            (Names{"charlie", "bravo", "alpha"}));
  EXPECT_EQ(NamesListed("notif-sort-name", kBeforeNow + "&sortField=Notification&sortOrder=ASC"),
            (Names{"alpha", "bravo", "charlie"}));
}

TEST_F(NotificationTest, ListTakesAHundredByDefault) {
  RegisterDevice("notif-take-default");
  for (int i = 0; i < 101; ++i) InsertAt("notif-take-default", "n", PastTime(i));
  const auto listed = List("notif-take-default", kBeforeNow);
  ASSERT_EQ(listed.size(), 100u);
  EXPECT_EQ(listed.front().at("timestamp").as_string(), PastTime(100));
  EXPECT_EQ(listed.back().at("timestamp").as_string(), PastTime(1));
  EXPECT_EQ(List("notif-take-default", kBeforeNow + "&take=101").size(), 101u);
  EXPECT_EQ(List("notif-take-default", kBeforeNow + "&take=0").size(), 101u) << "0 takes all";
}

TEST_F(NotificationTest, TakeAndSkipPageThroughTheSortedList) {
  RegisterDevice("notif-paging");
  for (int i = 1; i <= 5; ++i) InsertAt("notif-paging", "n" + std::to_string(i), PastTime(i));
  const std::string asc = kBeforeNow + "&sortOrder=ASC";
  EXPECT_EQ(NamesListed("notif-paging", asc + "&take=2"), (Names{"n1", "n2"}));
  EXPECT_EQ(NamesListed("notif-paging", asc + "&take=2&skip=1"), (Names{"n2", "n3"}));
  EXPECT_EQ(NamesListed("notif-paging", asc + "&skip=3"), (Names{"n4", "n5"}));
  EXPECT_EQ(NamesListed("notif-paging", kBeforeNow + "&take=2&skip=1"), (Names{"n4", "n3"}));
  EXPECT_EQ(NamesListed("notif-paging", asc + "&skip=5"), Names{});
}

TEST_F(NotificationTest, ListRejectsMalformedParameters) {
  RegisterDevice("notif-list-bad");
  const auto start = Admin().Get(Notifications("notif-list-bad") + "?start=soon");
  EXPECT_EQ(start.status, 400);
  EXPECT_EQ(MessageOf(start), "Unparseable timestamp");
  const auto end = Admin().Get(Notifications("notif-list-bad") + "?end=2021-02-30T00:00:00");
  EXPECT_EQ(end.status, 400);
  EXPECT_EQ(MessageOf(end), "Unparseable timestamp");
  const auto order = Admin().Get(Notifications("notif-list-bad") + "?sortOrder=up");
  EXPECT_EQ(order.status, 400);
  EXPECT_EQ(MessageOf(order), "Unparseable sort order : up");
}

TEST_F(NotificationTest, ListOfAnUnknownDeviceIsNotFoundForTheAdmin) {
  const auto result = Admin().Get(Notifications("notif-list-nobody"));
  EXPECT_EQ(result.status, 404);
  EXPECT_EQ(MessageOf(result), "Device with such deviceId = notif-list-nobody not found");
}

}  // namespace
}  // namespace dh::test
