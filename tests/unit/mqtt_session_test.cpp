// A broker session's outgoing QoS flows against a fake Link that decodes what it is sent:
// QoS 0 only while attached, QoS 1/2 queued while detached and sent on Attach, the in-flight
// window and the order it drains in, PUBACK/PUBREC/PUBCOMP, resends with DUP and PUBREL after a
// re-attach, the queue bound, and incoming QoS 2 deduplication.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "mqtt/broker/session.hpp"
#include "mqtt_fake_link.hpp"

namespace dh::mqtt {
namespace {

using testing::FakeLink;

MessagePtr MessageOf(std::string topic, std::string payload, uint8_t qos, bool retain = false) {
  return std::make_shared<const Message>(
      Message{std::move(topic), std::move(payload), qos, retain});
}

Packet PublishOf(std::string topic, std::string payload, uint8_t qos, uint16_t id, bool dup = false,
                 bool retain = false) {
  return Publish{std::move(topic), std::move(payload), qos, retain, dup, id};
}

Packet PubRel(uint16_t id) { return Ack{PacketType::kPubRel, id}; }

using Packets = std::vector<Packet>;

SessionLimits Limits(size_t max_inflight, size_t max_queued = 1000) {
  SessionLimits limits;
  limits.max_inflight = max_inflight;
  limits.max_queued = max_queued;
  return limits;
}

class SessionTest : public ::testing::Test {
 protected:
  std::shared_ptr<Session> MakeSession(SessionLimits limits = {}) {
    return std::make_shared<Session>("client", false, limits);
  }
  std::shared_ptr<FakeLink> link_ = std::make_shared<FakeLink>();
};

TEST_F(SessionTest, Qos0IsSentToTheAttachedLinkAsDroppable) {
  auto session = MakeSession();
  session->Attach(link_);
  session->Deliver(MessageOf("t", "zero", 0), 0, false);
  ASSERT_EQ(link_->sent.size(), 1u);
  EXPECT_TRUE(link_->sent[0].droppable);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "zero", 0, 0)});
}

TEST_F(SessionTest, Qos0IsDroppedAndCountedWhileDetached) {
  auto session = MakeSession();
  session->Deliver(MessageOf("t", "lost", 0), 0, false);
  EXPECT_EQ(session->dropped(), 1u);
  session->Attach(link_);
  EXPECT_TRUE(link_->sent.empty());
}

TEST_F(SessionTest, DeliveryQosIsTheOneGivenNotTheMessages) {
  auto session = MakeSession();
  session->Attach(link_);
  session->Deliver(MessageOf("t", "m", 2), 1, false);
  session->Deliver(MessageOf("t", "n", 2), 0, false);
  EXPECT_EQ(link_->Take(), (Packets{PublishOf("t", "m", 1, 1), PublishOf("t", "n", 0, 0)}));
}

TEST_F(SessionTest, RetainFlagIsSetOnlyWhenAsked) {
  auto session = MakeSession();
  session->Attach(link_);
  session->Deliver(MessageOf("t", "live", 1, true), 1, false);
  session->Deliver(MessageOf("t", "stored", 1, true), 1, true);
  EXPECT_EQ(link_->Take(),
            (Packets{PublishOf("t", "live", 1, 1), PublishOf("t", "stored", 1, 2, false, true)}));
}

TEST_F(SessionTest, Qos1IsNotDroppableAndWaitsForPubAck) {
  auto session = MakeSession(Limits(1));
  session->Attach(link_);
  session->Deliver(MessageOf("t", "a", 1), 1, false);
  session->Deliver(MessageOf("t", "b", 1), 1, false);
  ASSERT_EQ(link_->sent.size(), 1u);
  EXPECT_FALSE(link_->sent[0].droppable);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "a", 1, 1)});
  session->OnPubAck(1);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "b", 1, 2)});
}

TEST_F(SessionTest, Qos1QueuedWhileDetachedIsSentOnAttachWithDupClear) {
  auto session = MakeSession();
  session->Deliver(MessageOf("t", "a", 1), 1, false);
  session->Deliver(MessageOf("t", "b", 2), 2, false);
  session->Attach(link_);
  // Never sent before, so not resends: DUP stays clear (§3.3.1.1).
  EXPECT_EQ(link_->Take(), (Packets{PublishOf("t", "a", 1, 1), PublishOf("t", "b", 2, 2)}));
  EXPECT_EQ(session->dropped(), 0u);
}

TEST_F(SessionTest, InflightWindowLimitsUnacknowledgedMessages) {
  auto session = MakeSession(Limits(2));
  session->Attach(link_);
  for (const char* payload : {"1", "2", "3", "4"}) {
    session->Deliver(MessageOf("t", payload, 1), 1, false);
  }
  EXPECT_EQ(link_->Take(), (Packets{PublishOf("t", "1", 1, 1), PublishOf("t", "2", 1, 2)}));
  session->OnPubAck(2);  // acknowledgements may come in any order
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "3", 1, 3)});
  session->OnPubAck(1);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "4", 1, 4)});
  session->OnPubAck(3);
  session->OnPubAck(4);
  EXPECT_TRUE(link_->sent.empty());
}

TEST_F(SessionTest, DrainOnAttachFillsTheWindowInQueueOrder) {
  auto session = MakeSession(Limits(2));
  for (const char* payload : {"1", "2", "3"}) {
    session->Deliver(MessageOf("t", payload, 1), 1, false);
  }
  session->Attach(link_);
  EXPECT_EQ(link_->Take(), (Packets{PublishOf("t", "1", 1, 1), PublishOf("t", "2", 1, 2)}));
  session->OnPubAck(1);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "3", 1, 3)});
}

TEST_F(SessionTest, UnknownOrMismatchedAcknowledgementsAreIgnored) {
  auto session = MakeSession(Limits(1));
  session->Attach(link_);
  session->Deliver(MessageOf("t", "two", 2), 2, false);
  session->Deliver(MessageOf("t", "next", 1), 1, false);
  link_->Take();
  session->OnPubAck(7);   // unknown id
  session->OnPubAck(1);   // PUBACK for a QoS 2 message
  session->OnPubComp(1);  // PUBCOMP before PUBREC
  EXPECT_TRUE(link_->sent.empty()) << "the window must still be full";
}

TEST_F(SessionTest, Qos2PubRecIsAnsweredWithPubRelAndPubCompFreesTheSlot) {
  auto session = MakeSession(Limits(1));
  session->Attach(link_);
  session->Deliver(MessageOf("t", "two", 2), 2, false);
  session->Deliver(MessageOf("t", "next", 1), 1, false);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "two", 2, 1)});
  session->OnPubRec(1);
  EXPECT_EQ(link_->Take(), Packets{PubRel(1)});
  session->OnPubRec(1);  // a retransmitted PUBREC is answered again
  EXPECT_EQ(link_->Take(), Packets{PubRel(1)});
  session->OnPubComp(1);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "next", 1, 2)});
}

TEST_F(SessionTest, PubRecOfAnUnknownIdIsStillAnsweredWithPubRel) {
  auto session = MakeSession();
  session->Attach(link_);
  session->OnPubRec(42);
  EXPECT_EQ(link_->Take(), Packets{PubRel(42)});
}

TEST_F(SessionTest, ReattachResendsPublishesWithDupAndPubRelsInTheirOrder) {
  auto session = MakeSession();
  session->Attach(link_);
  session->Deliver(MessageOf("t", "q1", 1), 1, false);
  session->Deliver(MessageOf("t", "q2-received", 2), 2, false);
  session->Deliver(MessageOf("t", "q2-unseen", 2), 2, false);
  session->OnPubRec(2);
  link_->Take();
  session->Detach(link_.get());
  EXPECT_FALSE(session->attached());

  auto next = std::make_shared<FakeLink>();
  session->Attach(next);
  EXPECT_EQ(next->Take(), (Packets{PublishOf("t", "q1", 1, 1, true), PubRel(2),
                                   PublishOf("t", "q2-unseen", 2, 3, true)}));
  // The flows then complete on the new link as usual.
  session->OnPubAck(1);
  session->OnPubComp(2);
  session->OnPubRec(3);
  EXPECT_EQ(next->Take(), Packets{PubRel(3)});
  session->OnPubComp(3);
  session->Detach(next.get());
  auto last = std::make_shared<FakeLink>();
  session->Attach(last);
  EXPECT_TRUE(last->sent.empty()) << "everything was acknowledged";
}

TEST_F(SessionTest, MessagesQueuedWhileDetachedFollowTheResends) {
  auto session = MakeSession();
  session->Attach(link_);
  session->Deliver(MessageOf("t", "sent", 1), 1, false);
  session->Detach(link_.get());
  session->Deliver(MessageOf("t", "queued", 1), 1, false);
  auto next = std::make_shared<FakeLink>();
  session->Attach(next);
  EXPECT_EQ(next->Take(),
            (Packets{PublishOf("t", "sent", 1, 1, true), PublishOf("t", "queued", 1, 2)}));
}

TEST_F(SessionTest, QueueBoundDropsTheOldestAndCountsThem) {
  auto session = MakeSession(Limits(1, 2));
  for (const char* payload : {"1", "2", "3", "4"}) {
    session->Deliver(MessageOf("t", payload, 1), 1, false);
  }
  EXPECT_EQ(session->dropped(), 2u);
  session->Attach(link_);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "3", 1, 1)});
  session->OnPubAck(1);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "4", 1, 2)});
}

TEST_F(SessionTest, QueueBoundAppliesBehindAFullWindowWhileAttached) {
  auto session = MakeSession(Limits(1, 1));
  session->Attach(link_);
  for (const char* payload : {"1", "2", "3"}) {
    session->Deliver(MessageOf("t", payload, 1), 1, false);
  }
  EXPECT_EQ(session->dropped(), 1u);  // "2", the oldest waiting
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "1", 1, 1)});
  session->OnPubAck(1);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "3", 1, 2)});
}

TEST_F(SessionTest, DetachOfAnotherLinkIsIgnored) {
  auto session = MakeSession();
  session->Attach(link_);
  FakeLink other;
  session->Detach(&other);
  EXPECT_TRUE(session->attached());
}

TEST_F(SessionTest, ReleaseReturnsTheLinkAndDetaches) {
  auto session = MakeSession();
  session->Attach(link_);
  EXPECT_EQ(session->Release(), link_);
  EXPECT_FALSE(session->attached());
  EXPECT_EQ(session->Release(), nullptr);
  EXPECT_FALSE(link_->closed) << "closing is the caller's business";
}

TEST_F(SessionTest, ADestroyedLinkDetachesTheSession) {
  auto session = MakeSession();
  session->Attach(link_);
  link_.reset();
  EXPECT_FALSE(session->attached());
  session->Deliver(MessageOf("t", "later", 1), 1, false);  // queued, not sent anywhere
  auto next = std::make_shared<FakeLink>();
  session->Attach(next);
  EXPECT_EQ(next->Take(), Packets{PublishOf("t", "later", 1, 1)});
}

TEST_F(SessionTest, PacketIdsWrapAroundSkippingZeroAndIdsInFlight) {
  auto session = MakeSession(Limits(2));
  session->Attach(link_);
  session->Deliver(MessageOf("t", "held", 1), 1, false);  // id 1, never acknowledged
  for (uint32_t id = 2; id <= 65535; ++id) {
    session->Deliver(MessageOf("t", "x", 1), 1, false);
    session->OnPubAck(static_cast<uint16_t>(id));
  }
  link_->Take();
  session->Deliver(MessageOf("t", "wrapped", 1), 1, false);
  EXPECT_EQ(link_->Take(), Packets{PublishOf("t", "wrapped", 1, 2)});
}

TEST_F(SessionTest, IncomingQos2IsNewUntilReleased) {
  auto session = MakeSession();
  EXPECT_TRUE(session->ReceiveQos2(5));
  EXPECT_FALSE(session->ReceiveQos2(5));  // a retransmission: do not deliver again
  EXPECT_TRUE(session->ReceiveQos2(6));
  session->ReleaseQos2(5);
  EXPECT_TRUE(session->ReceiveQos2(5));  // the id now starts a new message
  session->ReleaseQos2(99);              // unknown: harmless
}

}  // namespace
}  // namespace dh::mqtt
