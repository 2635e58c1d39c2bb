// The in-process topic hub: topics, fan-out, subscription groups (spec §1.5).
#include "proxy/topic_hub.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "proxy/message.hpp"

namespace dh::proxy {
namespace {

class Recorder final : public Subscriber {
 public:
  void Deliver(const std::shared_ptr<const std::string>& frame) override {
    std::lock_guard lock(mutex_);
    frames_.push_back(frame);
  }
  std::vector<std::shared_ptr<const std::string>> Frames() const {
    std::lock_guard lock(mutex_);
    return frames_;
  }
  size_t Count() const { return Frames().size(); }

 private:
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<const std::string>> frames_;
};

class Counter final : public Subscriber {
 public:
  void Deliver(const std::shared_ptr<const std::string>&) override { ++count; }
  std::atomic<size_t> count{0};
};

TEST(TopicHub, CreatedTopicsAreListedSortedAndExist) {
  TopicHub hub;
  hub.Create("b");
  hub.Create("a");
  hub.Create("b");
  EXPECT_EQ(hub.List(), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(hub.Exists("a"));
  EXPECT_FALSE(hub.Exists("c"));
}

TEST(TopicHub, RemovedTopicIsGoneWithItsSubscriptions) {
  TopicHub hub;
  auto sub = std::make_shared<Recorder>();
  hub.Subscribe("a", "", sub);
  hub.Remove("a");
  EXPECT_FALSE(hub.Exists("a"));
  EXPECT_TRUE(hub.List().empty());
  EXPECT_EQ(hub.Publish("a", "m"), 0u);
  hub.Create("a");
  EXPECT_EQ(hub.Publish("a", "m"), 0u);
  EXPECT_EQ(sub->Count(), 0u);
}

TEST(TopicHub, SubscribeCreatesTheTopic) {
  TopicHub hub;
  hub.Subscribe("t", "g", std::make_shared<Recorder>());
  EXPECT_TRUE(hub.Exists("t"));
}

TEST(TopicHub, PublishToUnknownOrEmptyTopicDeliversNothing) {
  TopicHub hub;
  EXPECT_EQ(hub.Publish("nope", "m"), 0u);
  hub.Create("empty");
  EXPECT_EQ(hub.Publish("empty", "m"), 0u);
}

TEST(TopicHub, UngroupedSubscribersEachGetTheSameFrame) {
  TopicHub hub;
  auto a = std::make_shared<Recorder>();
  auto b = std::make_shared<Recorder>();
  hub.Subscribe("t", "", a);
  hub.Subscribe("t", "", b);
  EXPECT_EQ(hub.Publish("t", "hello"), 2u);
  ASSERT_EQ(a->Count(), 1u);
  ASSERT_EQ(b->Count(), 1u);
  EXPECT_EQ(a->Frames()[0].get(), b->Frames()[0].get());
  EXPECT_EQ(*a->Frames()[0], Delivery("t", "hello"));
}

TEST(TopicHub, SubscribingTwiceDeliversOnce) {
  TopicHub hub;
  auto a = std::make_shared<Recorder>();
  hub.Subscribe("t", "", a);
  hub.Subscribe("t", "", a);
  hub.Subscribe("u", "g", a);
  hub.Subscribe("u", "g", a);
  EXPECT_EQ(hub.Publish("t", "m"), 1u);
  EXPECT_EQ(hub.Publish("u", "m"), 1u);
  EXPECT_EQ(a->Count(), 2u);
}

TEST(TopicHub, GroupMembersReceiveAlternatelyWhileUngroupedGetsAll) {
  TopicHub hub;
  auto g1 = std::make_shared<Recorder>();
  auto g2 = std::make_shared<Recorder>();
  auto all = std::make_shared<Recorder>();
  hub.Subscribe("t", "g", g1);
  hub.Subscribe("t", "g", g2);
  hub.Subscribe("t", "", all);
  std::vector<const Recorder*> receivers;
  for (int i = 0; i < 6; ++i) {
    const size_t before = g1->Count();
    EXPECT_EQ(hub.Publish("t", std::to_string(i)), 2u);
    receivers.push_back(g1->Count() > before ? g1.get() : g2.get());
  }
  for (size_t i = 1; i < receivers.size(); ++i) EXPECT_NE(receivers[i], receivers[i - 1]);
  EXPECT_EQ(g1->Count(), 3u);
  EXPECT_EQ(g2->Count(), 3u);
  EXPECT_EQ(all->Count(), 6u);
}

TEST(TopicHub, DistinctGroupsEachGetACopy) {
  TopicHub hub;
  auto a = std::make_shared<Recorder>();
  auto b = std::make_shared<Recorder>();
  hub.Subscribe("t", "g1", a);
  hub.Subscribe("t", "g2", b);
  EXPECT_EQ(hub.Publish("t", "m"), 2u);
  EXPECT_EQ(a->Count(), 1u);
  EXPECT_EQ(b->Count(), 1u);
}

TEST(TopicHub, ResubscribingWithAnotherGroupMovesTheMembership) {
  TopicHub hub;
  auto mover = std::make_shared<Recorder>();
  auto stayer = std::make_shared<Recorder>();
  hub.Subscribe("t", "old", mover);
  hub.Subscribe("t", "old", stayer);
  hub.Subscribe("t", "new", mover);
  // "old" now has only `stayer`, "new" only `mover`: both get every message.
  for (int i = 0; i < 4; ++i) EXPECT_EQ(hub.Publish("t", "m"), 2u);
  EXPECT_EQ(mover->Count(), 4u);
  EXPECT_EQ(stayer->Count(), 4u);
  hub.Subscribe("t", "", mover);
  EXPECT_EQ(hub.Publish("t", "m"), 2u);
  EXPECT_EQ(mover->Count(), 5u);
}

TEST(TopicHub, UnsubscribeStopsOneTopicOnly) {
  TopicHub hub;
  auto a = std::make_shared<Recorder>();
  auto b = std::make_shared<Recorder>();
  hub.Subscribe("t", "", a);
  hub.Subscribe("u", "g", a);
  hub.Subscribe("t", "", b);
  hub.Unsubscribe("t", a.get());
  hub.Unsubscribe("missing", a.get());
  EXPECT_EQ(hub.Publish("t", "m"), 1u);
  EXPECT_EQ(hub.Publish("u", "m"), 1u);
  EXPECT_EQ(a->Count(), 1u);
  EXPECT_EQ(b->Count(), 1u);
  EXPECT_TRUE(hub.Exists("t"));
}

TEST(TopicHub, UnsubscribeAllLeavesOtherSubscribers) {
  TopicHub hub;
  auto gone = std::make_shared<Recorder>();
  auto other = std::make_shared<Recorder>();
  hub.Subscribe("t", "", gone);
  hub.Subscribe("u", "g", gone);
  hub.Subscribe("u", "g", other);
  hub.UnsubscribeAll(gone.get());
  EXPECT_EQ(hub.Publish("t", "m"), 0u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(hub.Publish("u", "m"), 1u);
  EXPECT_EQ(gone->Count(), 0u);
  EXPECT_EQ(other->Count(), 3u);
}

// A subscriber may cut itself off from inside Deliver (e.g. its queue is full).
class SelfRemover final : public Subscriber {
 public:
  explicit SelfRemover(TopicHub& hub) : hub_(hub) {}
  void Deliver(const std::shared_ptr<const std::string>&) override {
    ++count;
    hub_.UnsubscribeAll(this);
    hub_.Subscribe("other", "", std::make_shared<Counter>());
  }
  std::atomic<size_t> count{0};

 private:
  TopicHub& hub_;
};

TEST(TopicHub, DeliverMayReenterTheHub) {
  TopicHub hub;
  auto remover = std::make_shared<SelfRemover>(hub);
  hub.Subscribe("t", "", remover);
  EXPECT_EQ(hub.Publish("t", "m"), 1u);
  EXPECT_EQ(hub.Publish("t", "m"), 0u);
  EXPECT_EQ(remover->count, 1u);
}

// A connection that leaves the hub from its destructor.
class LeavesOnDestruction final : public Subscriber {
 public:
  LeavesOnDestruction(TopicHub& hub, bool& destroyed) : hub_(hub), destroyed_(destroyed) {}
  ~LeavesOnDestruction() override {
    hub_.UnsubscribeAll(this);
    destroyed_ = true;
  }
  void Deliver(const std::shared_ptr<const std::string>&) override {}

 private:
  TopicHub& hub_;
  bool& destroyed_;
};

TEST(TopicHub, LastReferenceIsReleasedOutsideTheLock) {
  TopicHub hub;
  bool destroyed = false;
  auto owned = std::make_shared<LeavesOnDestruction>(hub, destroyed);
  const Subscriber* subscriber = owned.get();
  hub.Subscribe("t", "g", std::move(owned));
  hub.Unsubscribe("t", subscriber);  // drops the last reference; must not deadlock
  EXPECT_TRUE(destroyed);
  EXPECT_EQ(hub.Publish("t", "m"), 0u);
}

TEST(TopicHub, ConcurrentPublishWhileSubscriptionsChange) {
  TopicHub hub;
  auto steady = std::make_shared<Counter>();
  auto member = std::make_shared<Counter>();
  hub.Subscribe("t", "", steady);
  hub.Subscribe("t", "g", member);
  constexpr size_t kThreads = 4;
  constexpr size_t kPerThread = 2000;
  std::atomic<size_t> delivered{0};
  std::atomic<bool> publishing{true};
  std::vector<std::thread> publishers;
  for (size_t i = 0; i < kThreads; ++i) {
    publishers.emplace_back([&] {
      for (size_t n = 0; n < kPerThread; ++n) delivered += hub.Publish("t", "payload");
    });
  }
  std::vector<std::shared_ptr<Counter>> churn;
  std::thread changer([&] {
    for (size_t n = 0; publishing; ++n) {
      auto c = std::make_shared<Counter>();
      churn.push_back(c);
      hub.Subscribe("t", n % 2 == 0 ? "g" : "", c);
      hub.Subscribe("t", "h", c);
      if (n % 3 == 0) hub.Unsubscribe("t", c.get());
      hub.UnsubscribeAll(c.get());
    }
  });
  for (auto& t : publishers) t.join();
  publishing = false;
  changer.join();

  EXPECT_EQ(steady->count, kThreads * kPerThread);
  size_t received = steady->count + member->count;
  for (const auto& c : churn) received += c->count;
  EXPECT_EQ(received, delivered.load());
  // Group "g" always holds `member`, so every publish reached the group exactly once.
  EXPECT_GE(delivered.load(), 2 * kThreads * kPerThread);
}

}  // namespace
}  // namespace dh::proxy
