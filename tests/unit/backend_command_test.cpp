// The backend through the in-process bus: command updates and the waits they wake.
#include <string>
#include <thread>
#include <vector>

#include "unit/backend_fixture.hpp"

namespace dh::backend::test {
namespace {

using namespace std::chrono_literals;

TEST_F(BackendTest, CommandUpdateSetsStatusResultAndLastUpdated) {
  auto input = NewCommand("device-a", "reboot");
  input.parameters = R"({"delay":1})";
  input.result = R"({"old":true})";
  const auto inserted = Insert(input);
  clock_.Advance(5s);

  const auto updated = Update("device-a", inserted->id, "done", R"({"ok":true})").value();
  EXPECT_EQ(updated->id, inserted->id);
  EXPECT_EQ(updated->status, "done");
  EXPECT_EQ(updated->result, R"({"ok":true})");
  EXPECT_TRUE(updated->is_updated);
  EXPECT_EQ(updated->last_updated, clock_.Now());
  EXPECT_EQ(updated->timestamp, inserted->timestamp);
  EXPECT_EQ(updated->parameters, R"({"delay":1})");
  EXPECT_FALSE(inserted->is_updated);  // the stored values are immutable

  const auto listed = Commands("device-a");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0], updated);
}

TEST_F(BackendTest, CommandUpdateLeavesAbsentFieldsUnchanged) {
  auto input = NewCommand("device-a", "reboot");
  input.status = "queued";
  input.result = R"({"r":1})";
  const auto inserted = Insert(input);

  const auto status_only = Update("device-a", inserted->id, "running").value();
  EXPECT_EQ(status_only->status, "running");
  EXPECT_EQ(status_only->result, R"({"r":1})");
  const auto result_only = Update("device-a", inserted->id, std::nullopt, R"({"r":2})").value();
  EXPECT_EQ(result_only->status, "running");
  EXPECT_EQ(result_only->result, R"({"r":2})");
}

TEST_F(BackendTest, CommandUpdateRestartsTheTtl) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  clock_.Advance(kTtl / 2);
  ASSERT_TRUE(Update("device-a", inserted->id, "done"));
  clock_.Advance(kTtl / 2 + 1ms);
  EXPECT_EQ(Commands("device-a").size(), 1u);
}

TEST_F(BackendTest, CommandUpdateIsPublishedToUpdateSubscriptionsOnly) {
  auto commands = std::make_shared<RecordingSink>();
  auto updates = std::make_shared<RecordingSink>();
  auto other_device = std::make_shared<RecordingSink>();
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  Subscribe(EventKind::kCommand, ForDevice("device-a"), commands);
  const auto sub = Subscribe(EventKind::kCommandUpdate, ForNetworks({1}), updates);
  Subscribe(EventKind::kCommandUpdate, ForDevice("device-b"), other_device);

  const auto updated = Update("device-a", inserted->id, "done").value();

  ASSERT_EQ(updates->deliveries().size(), 1u);
  EXPECT_EQ(updates->deliveries()[0].subscription_id, sub.subscription_id);
  EXPECT_EQ(updates->deliveries()[0].event->kind, EventKind::kCommandUpdate);
  EXPECT_EQ(updates->deliveries()[0].event->command, updated);
  EXPECT_TRUE(commands->deliveries().empty());
  EXPECT_TRUE(other_device->deliveries().empty());
}

TEST_F(BackendTest, UpdatingAnUnknownCommandIsNotFound) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));

  const auto unknown = Update("device-a", 424242, "done");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::Errc::kNotFound);
  EXPECT_EQ(unknown.error().message, "Command with id = 424242 not found");

  const auto other_device = Update("device-b", inserted->id, "done");
  ASSERT_FALSE(other_device);
  EXPECT_EQ(other_device.error().message,
            "Command with id = " + std::to_string(inserted->id) + " not found");
}

TEST_F(BackendTest, UpdatingAnExpiredCommandIsNotFound) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  clock_.Advance(kTtl + 1ms);
  const auto expired = Update("device-a", inserted->id, "done");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, core::Errc::kNotFound);
}

TEST_F(BackendTest, WaitCommandIsWokenByTheFirstUpdateOnly) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  const size_t before = backend_.subscriptions();
  const auto waiting = Wait("device-a", inserted->id, sink_);
  EXPECT_NE(waiting.subscription_id, 0);
  EXPECT_TRUE(waiting.history.empty());
  EXPECT_EQ(backend_.subscriptions(), before + 1);

  const auto updated = Update("device-a", inserted->id, "done").value();
  ASSERT_EQ(sink_->deliveries().size(), 1u);
  EXPECT_EQ(sink_->deliveries()[0].subscription_id, waiting.subscription_id);
  EXPECT_EQ(sink_->deliveries()[0].event->kind, EventKind::kCommandUpdate);
  EXPECT_EQ(sink_->deliveries()[0].event->command, updated);
  EXPECT_EQ(backend_.subscriptions(), before);

  ASSERT_TRUE(Update("device-a", inserted->id, "again"));
  EXPECT_EQ(sink_->deliveries().size(), 1u);
}

TEST_F(BackendTest, EveryWaiterOfACommandIsWoken) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  const auto other = Insert(NewCommand("device-a", "other"));
  auto second = std::make_shared<RecordingSink>();
  auto third = std::make_shared<RecordingSink>();
  Wait("device-a", inserted->id, sink_);
  Wait("device-a", inserted->id, second);
  Wait("device-a", other->id, third);

  ASSERT_TRUE(Update("device-a", inserted->id, "done"));
  EXPECT_EQ(sink_->deliveries().size(), 1u);
  EXPECT_EQ(second->deliveries().size(), 1u);
  EXPECT_TRUE(third->deliveries().empty());
}

TEST_F(BackendTest, WaitOnAnUpdatedCommandReturnsItInTheHistory) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  const auto updated = Update("device-a", inserted->id, "done").value();
  const size_t before = backend_.subscriptions();

  const auto waited = Wait("device-a", inserted->id, sink_);
  EXPECT_EQ(waited.subscription_id, 0);
  ASSERT_EQ(waited.history.size(), 1u);
  EXPECT_EQ(waited.history[0]->kind, EventKind::kCommandUpdate);
  EXPECT_EQ(waited.history[0]->command, updated);
  EXPECT_EQ(backend_.subscriptions(), before);
  EXPECT_TRUE(sink_->deliveries().empty());
}

TEST_F(BackendTest, WaitOnAnUnknownCommandRegistersNothing) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  const size_t before = backend_.subscriptions();

  for (const auto& [device, id] : {std::pair<std::string, int64_t>{"device-a", 424242},
                                   std::pair<std::string, int64_t>{"device-b", inserted->id}}) {
    const auto waited = Wait(device, id, sink_);
    EXPECT_EQ(waited.subscription_id, 0) << device;
    EXPECT_TRUE(waited.history.empty()) << device;
    EXPECT_EQ(backend_.subscriptions(), before) << device;
  }
  ASSERT_TRUE(Update("device-a", inserted->id, "done"));
  EXPECT_TRUE(sink_->deliveries().empty());
}

TEST_F(BackendTest, UnsubscribeStopsAWaiter) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  auto kept = std::make_shared<RecordingSink>();
  const auto waiting = Wait("device-a", inserted->id, sink_);
  Wait("device-a", inserted->id, kept);
  EXPECT_EQ(backend_.subscriptions(), 2u);

  bus_.Unsubscribe({waiting.subscription_id});
  EXPECT_EQ(backend_.subscriptions(), 1u);
  ASSERT_TRUE(Update("device-a", inserted->id, "done"));
  EXPECT_TRUE(sink_->deliveries().empty());
  EXPECT_EQ(kept->deliveries().size(), 1u);
  EXPECT_EQ(backend_.subscriptions(), 0u);
}
TEST_F(BackendTest, ConcurrentUpdatesWakeAWaiterOnceAndPublishEach) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  auto updates = std::make_shared<RecordingSink>();
  Subscribe(EventKind::kCommandUpdate, ForDevice("device-a"), updates);
  const auto waiting = Wait("device-a", inserted->id, sink_);
  ASSERT_NE(waiting.subscription_id, 0);

  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        ASSERT_TRUE(Update("device-a", inserted->id, "thread-" + std::to_string(t)));
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(sink_->deliveries().size(), 1u);
  EXPECT_EQ(updates->deliveries().size(), size_t{kThreads} * kPerThread);
  const auto listed = Commands("device-a");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0]->is_updated);
  EXPECT_EQ(backend_.subscriptions(), 1u);
}

TEST_F(BackendTest, FailedStoreFailsTheUpdateAndPublishesNothing) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  Subscribe(EventKind::kCommandUpdate, ForDevice("device-a"), sink_);
  Wait("device-a", inserted->id, sink_);
  faulty_.failing = true;

  const auto updated = Update("device-a", inserted->id, "done");
  ASSERT_FALSE(updated);
  EXPECT_EQ(updated.error().code, core::Errc::kUnavailable);
  EXPECT_TRUE(sink_->deliveries().empty());
}

TEST_F(BackendTest, FailedStoreFailsTheWaitAndRegistersNothing) {
  const auto inserted = Insert(NewCommand("device-a", "reboot"));
  faulty_.failing = true;
  const auto waited = Sync<bus::Subscribed>(
      [&](auto done) { bus_.WaitCommand("device-a", inserted->id, sink_, std::move(done)); });
  ASSERT_FALSE(waited);
  EXPECT_EQ(waited.error().code, core::Errc::kUnavailable);
  EXPECT_EQ(backend_.subscriptions(), 0u);

  faulty_.failing = false;
  ASSERT_TRUE(Update("device-a", inserted->id, "done"));
  EXPECT_TRUE(sink_->deliveries().empty());
}

}  // namespace
}  // namespace dh::backend::test
