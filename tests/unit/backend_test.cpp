// The backend through the in-process bus: ids and timestamps on insert, publishing to matching
// subscriptions, subscription history, unsubscribing, dropping a device and counting.
#include <algorithm>
#include <thread>

#include "unit/backend_fixture.hpp"

namespace dh::backend::test {
namespace {

using namespace std::chrono_literals;

TEST_F(BackendTest, InsertAssignsUniqueIncreasingIdsBelow2To53) {
  int64_t last = 0;
  for (int i = 0; i < 3000; ++i) {
    const int64_t id = i % 2 == 0 ? Insert(NewNotification("device-a", "n"))->id
                                  : Insert(NewCommand("device-a", "c"))->id;
    ASSERT_GT(id, last);
    ASSERT_LE(id, core::IdGenerator::kMaxId);
    last = id;
    if (i % 1000 == 999) clock_.Advance(1ms);
  }
}

TEST_F(BackendTest, InsertedNotificationIsStoredWithServerTime) {
  auto input = NewNotification("device-a", "temperature");
  input.id = 12345;  // ignored: the backend assigns ids
  input.parameters = R"({"t":1})";
  const auto stored = Insert(input);

  EXPECT_NE(stored->id, 12345);
  EXPECT_EQ(stored->timestamp, clock_.Now());
  EXPECT_EQ(stored->notification, "temperature");
  EXPECT_EQ(stored->parameters, R"({"t":1})");
  const auto listed = Notifications("device-a");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0], stored);
}

TEST_F(BackendTest, InsertKeepsAClientTimestamp) {
  auto input = NewNotification("device-a", "temperature");
  input.timestamp = core::FromEpochMs(1'000'000'000'000);
  EXPECT_EQ(Insert(input)->timestamp, core::FromEpochMs(1'000'000'000'000));

  auto command = NewCommand("device-a", "reboot");
  command.timestamp = core::FromEpochMs(1'000'000'000'000);
  const auto stored = Insert(command);
  EXPECT_EQ(stored->timestamp, core::FromEpochMs(1'000'000'000'000));
  EXPECT_EQ(stored->last_updated, stored->timestamp);
}

TEST_F(BackendTest, InsertedCommandStartsNotUpdatedWithLastUpdatedEqualToTimestamp) {
  auto input = NewCommand("device-a", "reboot");
  input.is_updated = true;
  input.last_updated = core::FromEpochMs(5);
  input.status = "queued";
  const auto stored = Insert(input);

  EXPECT_FALSE(stored->is_updated);
  EXPECT_EQ(stored->timestamp, clock_.Now());
  EXPECT_EQ(stored->last_updated, clock_.Now());
  EXPECT_EQ(stored->status, "queued");
  ASSERT_EQ(Commands("device-a").size(), 1u);
  EXPECT_EQ(Commands("device-a")[0], stored);
}

TEST_F(BackendTest, NotificationIsPublishedToMatchingSubscriptionsOnly) {
  auto device_a = std::make_shared<RecordingSink>();
  auto device_b = std::make_shared<RecordingSink>();
  auto network_1 = std::make_shared<RecordingSink>();
  auto network_2 = std::make_shared<RecordingSink>();
  auto commands_a = std::make_shared<RecordingSink>();
  const auto sub_a = Subscribe(EventKind::kNotification, ForDevice("device-a"), device_a);
  Subscribe(EventKind::kNotification, ForDevice("device-b"), device_b);
  const auto sub_net = Subscribe(EventKind::kNotification, ForNetworks({1}), network_1);
  Subscribe(EventKind::kNotification, ForNetworks({2}), network_2);
  Subscribe(EventKind::kCommand, ForDevice("device-a"), commands_a);

  const auto stored = Insert(NewNotification("device-a", "temperature"));

  ASSERT_EQ(device_a->deliveries().size(), 1u);
  EXPECT_EQ(device_a->deliveries()[0].subscription_id, sub_a.subscription_id);
  EXPECT_EQ(device_a->deliveries()[0].event->kind, EventKind::kNotification);
  EXPECT_EQ(device_a->deliveries()[0].event->notification, stored);
  ASSERT_EQ(network_1->deliveries().size(), 1u);
  EXPECT_EQ(network_1->deliveries()[0].subscription_id, sub_net.subscription_id);
  EXPECT_EQ(network_1->deliveries()[0].event, device_a->deliveries()[0].event);  // one event
  EXPECT_TRUE(device_b->deliveries().empty());
  EXPECT_TRUE(network_2->deliveries().empty());
  EXPECT_TRUE(commands_a->deliveries().empty());
}

TEST_F(BackendTest, CommandIsPublishedToCommandSubscriptionsOnly) {
  auto notifications = std::make_shared<RecordingSink>();
  auto commands = std::make_shared<RecordingSink>();
  auto updates = std::make_shared<RecordingSink>();
  Subscribe(EventKind::kNotification, ForDevice("device-a"), notifications);
  Subscribe(EventKind::kCommand, ForDevice("device-a"), commands);
  Subscribe(EventKind::kCommandUpdate, ForDevice("device-a"), updates);

  const auto stored = Insert(NewCommand("device-a", "reboot"));

  ASSERT_EQ(commands->deliveries().size(), 1u);
  EXPECT_EQ(commands->deliveries()[0].event->kind, EventKind::kCommand);
  EXPECT_EQ(commands->deliveries()[0].event->command, stored);
  EXPECT_TRUE(notifications->deliveries().empty());
  EXPECT_TRUE(updates->deliveries().empty());
}

TEST_F(BackendTest, DeviceAddNotificationReachesOnlyGlobalSubscriptions) {
  auto global = std::make_shared<RecordingSink>();
  Subscribe(EventKind::kNotification, {}, global);
  Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_);
  Subscribe(EventKind::kNotification, ForNetworks({1}), sink_);

  Insert(NewNotification("device-a", "$device-add", std::nullopt, std::nullopt));
  EXPECT_EQ(global->deliveries().size(), 1u);
  EXPECT_TRUE(sink_->deliveries().empty());
}

TEST_F(BackendTest, HistoryHoldsStoredItemsStrictlyAfterSinceOldestFirst) {
  const auto first = Insert(NewNotification("device-a", "n"));
  clock_.Advance(1s);
  const auto second = Insert(NewNotification("device-a", "n"));
  Insert(NewNotification("device-b", "n"));
  clock_.Advance(1s);
  const auto third = Insert(NewNotification("device-a", "n"));

  const auto subscribed =
      Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_, first->timestamp);
  EXPECT_NE(subscribed.subscription_id, 0);
  EXPECT_EQ(HistoryIds(subscribed), (std::vector<int64_t>{second->id, third->id}));
  for (const auto& event : subscribed.history) EXPECT_EQ(event->kind, EventKind::kNotification);
  EXPECT_TRUE(sink_->deliveries().empty());  // history is returned, not delivered

  const auto earlier =
      Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_, first->timestamp - 1ms);
  EXPECT_EQ(HistoryIds(earlier), (std::vector<int64_t>{first->id, second->id, third->id}));
}

TEST_F(BackendTest, HistoryIsTheOldestHistoryLimitItems) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(Insert(NewNotification("device-a", "n"))->id);
    clock_.Advance(1s);
  }
  const auto subscribed =
      Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_, core::FromEpochMs(0), 2);
  EXPECT_EQ(HistoryIds(subscribed), (std::vector<int64_t>{ids[0], ids[1]}));
}

TEST_F(BackendTest, HistoryFollowsTheFilter) {
  const auto since = clock_.Now() - 1ms;
  const auto temperature = Insert(NewNotification("device-a", "temperature"));
  Insert(NewNotification("device-a", "humidity"));
  Insert(NewNotification("device-b", "temperature", 2, 10));

  auto filter = ForNetworks({1});
  filter.names = {"temperature"};
  const auto subscribed = Subscribe(EventKind::kNotification, filter, sink_, since);
  EXPECT_EQ(HistoryIds(subscribed), std::vector<int64_t>{temperature->id});
}

TEST_F(BackendTest, NoHistoryWithoutSince) {
  Insert(NewNotification("device-a", "n"));
  const auto subscribed = Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_);
  EXPECT_NE(subscribed.subscription_id, 0);
  EXPECT_TRUE(subscribed.history.empty());
}

TEST_F(BackendTest, FilterGrantingNothingGetsNoHistoryAndNoEvents) {
  const auto since = clock_.Now() - 1ms;
  Insert(NewNotification("device-a", "n"));
  const size_t before = backend_.subscriptions();

  const auto subscribed = Subscribe(EventKind::kNotification, ForNetworks({}), sink_, since);
  EXPECT_TRUE(subscribed.history.empty());
  EXPECT_EQ(backend_.subscriptions(), before);
  Insert(NewNotification("device-a", "n"));
  EXPECT_TRUE(sink_->deliveries().empty());
}

TEST_F(BackendTest, CommandHistoryOfUpdateSubscriptionsHoldsOnlyUpdatedCommands) {
  const auto since = clock_.Now() - 1ms;
  const auto plain = Insert(NewCommand("device-a", "c"));
  const auto updated = Insert(NewCommand("device-a", "c"));
  ASSERT_TRUE(Update("device-a", updated->id, "done"));

  const auto commands = Subscribe(EventKind::kCommand, ForDevice("device-a"), sink_, since);
  EXPECT_EQ(HistoryIds(commands), (std::vector<int64_t>{plain->id, updated->id}));
  for (const auto& event : commands.history) EXPECT_EQ(event->kind, EventKind::kCommand);

  const auto updates = Subscribe(EventKind::kCommandUpdate, ForDevice("device-a"), sink_, since);
  ASSERT_EQ(HistoryIds(updates), std::vector<int64_t>{updated->id});
  EXPECT_EQ(updates.history[0]->kind, EventKind::kCommandUpdate);
  EXPECT_EQ(updates.history[0]->command->status, "done");
}

TEST_F(BackendTest, UnsubscribeStopsDelivery) {
  const auto notifications = Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_);
  const auto commands = Subscribe(EventKind::kCommand, ForNetworks({1}), sink_);
  const auto updates = Subscribe(EventKind::kCommandUpdate, {}, sink_);
  EXPECT_EQ(backend_.subscriptions(), 3u);

  bus_.Unsubscribe({notifications.subscription_id, commands.subscription_id,
                    updates.subscription_id, 987654321});
  EXPECT_EQ(backend_.subscriptions(), 0u);

  Insert(NewNotification("device-a", "n"));
  const auto command = Insert(NewCommand("device-a", "c"));
  ASSERT_TRUE(Update("device-a", command->id, "done"));
  EXPECT_TRUE(sink_->deliveries().empty());
}

TEST_F(BackendTest, DropDeviceRemovesItsSubscriptionsAndItems) {
  auto network = std::make_shared<RecordingSink>();
  Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_);
  Subscribe(EventKind::kCommand, ForDevice("device-a"), sink_);
  Subscribe(EventKind::kCommandUpdate, ForDevice("device-a"), sink_);
  Subscribe(EventKind::kNotification, ForDevice("device-b"), sink_);
  Subscribe(EventKind::kNotification, ForNetworks({1}), network);
  Insert(NewNotification("device-a", "n"));
  Insert(NewCommand("device-a", "c"));
  const auto kept = Insert(NewNotification("device-b", "n"));
  const size_t delivered = sink_->deliveries().size();

  bus_.DropDevice("device-a");

  EXPECT_EQ(backend_.subscriptions(), 2u);
  EXPECT_TRUE(Notifications("device-a").empty());
  EXPECT_TRUE(Commands("device-a").empty());
  ASSERT_EQ(Notifications("device-b").size(), 1u);
  EXPECT_EQ(Notifications("device-b")[0], kept);

  Insert(NewNotification("device-a", "after"));
  EXPECT_EQ(sink_->deliveries().size(), delivered);  // device-a subscriptions are gone
  EXPECT_EQ(network->deliveries().size(), 3u);       // the network one is not
}

TEST_F(BackendTest, SubscriptionsCountsEveryKindAndWaiters) {
  EXPECT_EQ(backend_.subscriptions(), 0u);
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_);
  Subscribe(EventKind::kCommand, {}, sink_);
  Subscribe(EventKind::kCommandUpdate, ForNetworks({1, 2}), sink_);
  Wait("device-a", inserted->id, sink_);
  EXPECT_EQ(backend_.subscriptions(), 4u);
}

TEST_F(BackendTest, SubscriptionIdsAreUnique) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  const auto a = Subscribe(EventKind::kNotification, {}, sink_);
  const auto b = Subscribe(EventKind::kCommand, {}, sink_);
  const auto c = Wait("device-a", inserted->id, sink_);
  EXPECT_NE(a.subscription_id, b.subscription_id);
  EXPECT_NE(b.subscription_id, c.subscription_id);
  EXPECT_NE(a.subscription_id, c.subscription_id);
}
TEST_F(BackendTest, ConcurrentInsertsAreEachDeliveredOnce) {
  Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 300;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < kPerThread; ++i) {
        bus_.InsertNotification(NewNotification("device-a", "n"),
                                [](core::Result<hotstore::NotificationPtr> r) { ASSERT_TRUE(r); });
      }
    });
  }
  for (auto& thread : threads) thread.join();

  auto delivered = sink_->item_ids();
  EXPECT_EQ(delivered.size(), size_t{kThreads} * kPerThread);
  std::sort(delivered.begin(), delivered.end());
  EXPECT_EQ(std::adjacent_find(delivered.begin(), delivered.end()), delivered.end());
  EXPECT_EQ(Notifications("device-a").size(), size_t{kThreads} * kPerThread);
}

TEST_F(BackendTest, FailedStoreFailsTheInsertAndPublishesNothing) {
  Subscribe(EventKind::kNotification, ForDevice("device-a"), sink_);
  Subscribe(EventKind::kCommand, ForDevice("device-a"), sink_);
  faulty_.failing = true;

  const auto notification = Sync<hotstore::NotificationPtr>([&](auto done) {
    bus_.InsertNotification(NewNotification("device-a", "n"), std::move(done));
  });
  ASSERT_FALSE(notification);
  EXPECT_EQ(notification.error().code, core::Errc::kUnavailable);
  const auto command = Sync<hotstore::CommandPtr>(
      [&](auto done) { bus_.InsertCommand(NewCommand("device-a", "c"), std::move(done)); });
  ASSERT_FALSE(command);
  EXPECT_EQ(command.error().code, core::Errc::kUnavailable);
  EXPECT_TRUE(sink_->deliveries().empty());
}

TEST_F(BackendTest, FailedHistoryReadFailsTheSubscriptionAndRegistersNothing) {
  faulty_.failing = true;
  bus::SubscribeRequest request;
  request.filter = ForDevice("device-a");
  request.since = clock_.Now();
  request.sink = sink_;
  const auto subscribed = Sync<bus::Subscribed>(
      [&](auto done) { bus_.Subscribe(std::move(request), std::move(done)); });
  ASSERT_FALSE(subscribed);
  EXPECT_EQ(subscribed.error().code, core::Errc::kUnavailable);
  EXPECT_EQ(backend_.subscriptions(), 0u);

  faulty_.failing = false;
  Insert(NewNotification("device-a", "n"));
  EXPECT_TRUE(sink_->deliveries().empty());
}

}  // namespace
}  // namespace dh::backend::test
