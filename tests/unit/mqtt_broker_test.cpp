// The broker's shared state without sockets: sessions opened, resumed, taken over and ended;
// wills; the retained store; the subscription cap; and the interleaving of a SUBSCRIBE with a
// concurrent retained publish (each message reaches the new subscriber once).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "mqtt/broker/broker.hpp"
#include "mqtt_fake_link.hpp"

namespace dh::mqtt {
namespace {

using testing::FakeLink;
using Packets = std::vector<Packet>;

Connect ConnectOf(std::string client_id, bool clean, std::optional<Will> will = std::nullopt) {
  Connect connect;
  connect.client_id = std::move(client_id);
  connect.clean_session = clean;
  connect.will = std::move(will);
  return connect;
}

MessagePtr MessageOf(std::string topic, std::string payload, uint8_t qos, bool retain) {
  return std::make_shared<const Message>(
      Message{std::move(topic), std::move(payload), qos, retain});
}

Packet PublishOf(std::string topic, std::string payload, uint8_t qos, uint16_t id,
                 bool retain = false) {
  return Publish{std::move(topic), std::move(payload), qos, retain, false, id};
}

class BrokerTest : public ::testing::Test {
 protected:
  Broker::Connected Open(const Connect& connect, const std::shared_ptr<FakeLink>& link) {
    std::vector<std::shared_ptr<void>> ended;
    return broker_.Connect(connect, link, nullptr, ended);
  }
  // Subscribes and sends the retained messages, as a connection does after its SUBACK.
  uint8_t SubscribeAndSend(Session& session, const std::string& filter, uint8_t qos) {
    std::vector<MessagePtr> retained;
    const uint8_t granted = broker_.Subscribe(session, filter, qos, retained);
    Broker::SendRetained(session, retained, granted);
    return granted;
  }

  Broker broker_{BrokerOptions{}};
};

TEST_F(BrokerTest, RetainedPublishBetweenSubscribeAndSendRetainedIsDeliveredOnce) {
  auto link = std::make_shared<FakeLink>();
  auto session = Open(ConnectOf("sub", true), link).session;
  std::vector<MessagePtr> retained;
  ASSERT_EQ(broker_.Subscribe(*session, "t", 1, retained), 1);
  // A publisher's retained message lands after the subscription, before its SUBACK went out.
  broker_.Route(MessageOf("t", "new", 1, true));
  Broker::SendRetained(*session, retained, 1);
  EXPECT_EQ(link->Take(), Packets{PublishOf("t", "new", 1, 1)});  // live only, RETAIN clear
}

TEST_F(BrokerTest, RetainedMessageStoredBeforeSubscribeIsSentWithRetainAtTheLowerQos) {
  broker_.Route(MessageOf("a/b", "kept", 2, true));
  broker_.Route(MessageOf("a/c", "other", 0, true));
  auto link = std::make_shared<FakeLink>();
  auto session = Open(ConnectOf("sub", true), link).session;
  std::vector<MessagePtr> retained;
  ASSERT_EQ(broker_.Subscribe(*session, "a/b", 1, retained), 1);
  ASSERT_EQ(retained.size(), 1u);
  Broker::SendRetained(*session, retained, 1);
  EXPECT_EQ(link->Take(), Packets{PublishOf("a/b", "kept", 1, 1, true)});
}

TEST_F(BrokerTest, EmptyRetainedPayloadClearsTheStoredMessage) {
  broker_.Route(MessageOf("t", "kept", 0, true));
  EXPECT_EQ(broker_.stats().retained, 1u);
  broker_.Route(MessageOf("t", "", 0, true));
  EXPECT_EQ(broker_.stats().retained, 0u);
}

TEST_F(BrokerTest, TakeoverClosesTheOldLinkAndPublishesItsWill) {
  auto watcher_link = std::make_shared<FakeLink>();
  auto watcher = Open(ConnectOf("watcher", true), watcher_link).session;
  SubscribeAndSend(*watcher, "will", 0);

  auto old_link = std::make_shared<FakeLink>();
  Open(ConnectOf("same", true, Will{"will", "gone", 0, false}), old_link);
  auto new_link = std::make_shared<FakeLink>();
  const auto connected = Open(ConnectOf("same", true), new_link);

  EXPECT_TRUE(old_link->closed);
  EXPECT_FALSE(connected.session_present);
  EXPECT_EQ(watcher_link->Take(), Packets{PublishOf("will", "gone", 0, 0)});
  // The old connection's end, seen later, changes nothing.
  EXPECT_EQ(broker_.Disconnect(connected.session, old_link.get(), false), nullptr);
  EXPECT_TRUE(connected.session->attached());
}

TEST_F(BrokerTest, WillIsPublishedOnAnAbnormalEndOnly) {
  auto watcher_link = std::make_shared<FakeLink>();
  auto watcher = Open(ConnectOf("watcher", true), watcher_link).session;
  SubscribeAndSend(*watcher, "will/#", 0);

  auto polite_link = std::make_shared<FakeLink>();
  auto polite = Open(ConnectOf("polite", true, Will{"will/polite", "no", 0, false}), polite_link);
  broker_.Disconnect(polite.session, polite_link.get(), true);
  auto rude_link = std::make_shared<FakeLink>();
  auto rude = Open(ConnectOf("rude", true, Will{"will/rude", "yes", 0, false}), rude_link);
  broker_.Disconnect(rude.session, rude_link.get(), false);

  EXPECT_EQ(watcher_link->Take(), Packets{PublishOf("will/rude", "yes", 0, 0)});
}

TEST_F(BrokerTest, PersistentSessionOutlivesItsConnectionAndCleanOneDoesNot) {
  auto link = std::make_shared<FakeLink>();
  auto persistent = Open(ConnectOf("p", false), link);
  EXPECT_FALSE(persistent.session_present);
  SubscribeAndSend(*persistent.session, "t", 1);
  EXPECT_EQ(broker_.Disconnect(persistent.session, link.get(), true), nullptr);
  EXPECT_TRUE(broker_.HasPersistentSession("p"));
  broker_.Route(MessageOf("t", "queued", 1, false));

  auto next = std::make_shared<FakeLink>();
  const auto resumed = Open(ConnectOf("p", false), next);
  EXPECT_TRUE(resumed.session_present);
  EXPECT_EQ(resumed.session, persistent.session);
  EXPECT_EQ(next->Take(), Packets{PublishOf("t", "queued", 1, 1)});

  auto clean_link = std::make_shared<FakeLink>();
  auto clean = Open(ConnectOf("c", true), clean_link);
  EXPECT_EQ(broker_.stats().sessions, 2u);
  EXPECT_EQ(broker_.Disconnect(clean.session, clean_link.get(), true), clean.session);
  EXPECT_EQ(broker_.stats().sessions, 1u);
}

TEST_F(BrokerTest, CleanConnectDiscardsAStoredSessionAndItsSubscriptions) {
  auto link = std::make_shared<FakeLink>();
  auto persistent = Open(ConnectOf("p", false), link);
  SubscribeAndSend(*persistent.session, "t", 1);
  broker_.Disconnect(persistent.session, link.get(), true);

  auto next = std::make_shared<FakeLink>();
  const auto fresh = Open(ConnectOf("p", true), next);
  EXPECT_FALSE(fresh.session_present);
  EXPECT_NE(fresh.session, persistent.session);
  EXPECT_EQ(broker_.stats().subscriptions, 0u);
  broker_.Route(MessageOf("t", "nobody", 1, false));
  EXPECT_TRUE(next->sent.empty());
}

TEST_F(BrokerTest, SubscriptionsBeyondTheCapAreRefusedButResubscribingIsNot) {
  BrokerOptions options;
  options.max_subscriptions_per_session = 2;
  Broker broker(options);
  std::vector<std::shared_ptr<void>> ended;
  auto session =
      broker.Connect(ConnectOf("s", true), std::make_shared<FakeLink>(), nullptr, ended).session;
  std::vector<MessagePtr> retained;
  EXPECT_EQ(broker.Subscribe(*session, "a", 1, retained), 1);
  EXPECT_EQ(broker.Subscribe(*session, "b", 2, retained), 2);
  EXPECT_EQ(broker.Subscribe(*session, "c", 0, retained), kSubAckFailure);
  EXPECT_EQ(broker.Subscribe(*session, "a", 0, retained), 0);  // a change, not a new filter
  broker.Unsubscribe(*session, "b");
  EXPECT_EQ(broker.Subscribe(*session, "c", 0, retained), 0);
  EXPECT_EQ(broker.stats().subscriptions, 2u);
}

}  // namespace
}  // namespace dh::mqtt
