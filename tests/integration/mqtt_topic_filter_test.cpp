// Topic filters over real sockets (§4.7): '+' and '#', the parent match of "a/#", topics
// starting with '$' unmatched by leading wildcards, one copy per subscriber when several of its
// filters match, and UNSUBSCRIBE. Each test publishes a marker last: once it arrives, anything
// routed before it would have arrived too, so "nothing else" needs no waiting.
#include <string>
#include <vector>

#include "mqtt_test.hpp"

namespace dh::test {
namespace {

class MqttTopicFilterTest : public MqttTest {
 protected:
  // Publishes each topic at QoS 0 (payload = topic), then the marker "end/<test>".
  static void PublishAll(const std::vector<std::string>& topics, const std::string& marker) {
    auto publisher = Connected("pub");
    for (const auto& topic : topics) publisher->Publish(topic, topic, 0);
    publisher->Publish(marker, "end", 0);
    publisher->Disconnect();
  }

  // The topics a subscriber received before the marker.
  static std::vector<std::string> TopicsUntil(MqttClient& subscriber, const std::string& marker) {
    std::vector<std::string> topics;
    while (auto packet = subscriber.Read()) {
      const auto& publish = std::get<mqtt::Publish>(*packet);
      if (publish.topic == marker) return topics;
      topics.push_back(publish.topic);
    }
    ADD_FAILURE() << "the marker " << marker << " never arrived";
    return topics;
  }

  // Subscribes a fresh client to `filter` (and the marker), publishes `topics`, and returns the
  // topics the client received.
  static std::vector<std::string> Received(const std::string& filter,
                                           const std::vector<std::string>& topics) {
    auto subscriber = Connected("sub");
    const std::string marker = "end/" + IdFor("marker");
    EXPECT_EQ(subscriber->Subscribe({{filter, 0}, {marker, 0}}), (std::vector<uint8_t>{0, 0}));
    PublishAll(topics, marker);
    return TopicsUntil(*subscriber, marker);
  }
};

using Topics = std::vector<std::string>;

TEST_F(MqttTopicFilterTest, PlusMatchesExactlyOneLevel) {
  EXPECT_EQ(Received("plus/+/x", {"plus/a/x", "plus/x", "plus/a/b/x", "plus//x", "plus/a/x/y"}),
            (Topics{"plus/a/x", "plus//x"}));
}

TEST_F(MqttTopicFilterTest, HashMatchesTheParentLevelAndEverythingBelow) {
  EXPECT_EQ(Received("hash/a/#", {"hash/a", "hash/a/b", "hash/a/b/c", "hash/ab", "hash/b"}),
            (Topics{"hash/a", "hash/a/b", "hash/a/b/c"}));
}

TEST_F(MqttTopicFilterTest, PlusThenHashMatchesEveryTopicUnderTheFirstLevel) {
  EXPECT_EQ(Received("ph/+/#", {"ph", "ph/a", "ph/a/b", "other/a"}), (Topics{"ph/a", "ph/a/b"}));
}

TEST_F(MqttTopicFilterTest, LeadingWildcardsDoNotMatchDollarTopics) {
  const Topics topics = {"$SYS/broker/load", "$dh/x", "dollar/x"};
  EXPECT_EQ(Received("#", topics), (Topics{"dollar/x"}));
  EXPECT_EQ(Received("+/x", topics), (Topics{"dollar/x"}));
  EXPECT_EQ(Received("$SYS/#", topics), (Topics{"$SYS/broker/load"}));
  EXPECT_EQ(Received("$dh/+", topics), (Topics{"$dh/x"}));
}

TEST_F(MqttTopicFilterTest, OverlappingFiltersDeliverOneCopyAtTheHighestQos) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe({{"overlap/+", 0}, {"overlap/#", 1}, {"overlap/t", 0}}),
            (std::vector<uint8_t>{0, 1, 0}));
  auto publisher = Connected("pub");
  publisher->Publish("overlap/t", "once", 2);
  publisher->Publish("overlap/t", "marker", 0);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("overlap/t", "once", 1, 1)));
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("overlap/t", "marker", 0)));
}

TEST_F(MqttTopicFilterTest, UnsubscribeStopsDeliveryOfThatFilterOnly) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe({{"unsub/a", 0}, {"unsub/b", 0}}), (std::vector<uint8_t>{0, 0}));
  subscriber->Unsubscribe("unsub/a");
  // UNSUBACK: 0xB0, length 2, the packet id.
  EXPECT_EQ(subscriber->last_raw().substr(0, 2), std::string("\xB0\x02", 2));
  auto publisher = Connected("pub");
  publisher->Publish("unsub/a", "dropped", 1);
  publisher->Publish("unsub/b", "kept", 1);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("unsub/b", "kept")));
}

TEST_F(MqttTopicFilterTest, UnsubscribingAnUnknownFilterIsAcknowledged) {
  auto subscriber = Connected("sub");
  subscriber->Unsubscribe("never/subscribed/#");
  subscriber->Disconnect();
}

TEST_F(MqttTopicFilterTest, ResubscribingReplacesTheGrantedQos) {
  auto subscriber = Connected("sub");
  ASSERT_EQ(subscriber->Subscribe("resub/t", 2), std::vector<uint8_t>{2});
  ASSERT_EQ(subscriber->Subscribe("resub/t", 0), std::vector<uint8_t>{0});
  Connected("pub")->Publish("resub/t", "at 0", 2);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("resub/t", "at 0", 0)));
}

TEST_F(MqttTopicFilterTest, InvalidFilterClosesTheConnection) {
  for (const char* filter : {"bad/#/x", "bad/a+", "bad#", ""}) {
    auto subscriber = Connected("sub");
    subscriber->Send(mqtt::Subscribe{1, {{filter, 0}}});
    EXPECT_TRUE(subscriber->ReadsEndOfStream()) << filter;
  }
  EXPECT_TRUE(StillRoutes());
}

}  // namespace
}  // namespace dh::test
