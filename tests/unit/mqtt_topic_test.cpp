// Topic names, topic filters and matching (§4.7), with the examples of the standard.
#include <gtest/gtest.h>

#include "mqtt/codec/topic.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::FailsWith;

TEST(MqttTopicName, PlainNamesAreValid) {
  for (const char* name : {"a", "sport/tennis/player1", "/", "//", "/finance", "a/", "$SYS/x",
                           "with space", "caf\xC3\xA9"}) {
    EXPECT_TRUE(ValidateTopicName(name)) << name;
  }
}

TEST(MqttTopicName, EmptyNameIsInvalid) {
  EXPECT_TRUE(FailsWith(ValidateTopicName(""), "empty [MQTT-4.7.3-1]"));
}

TEST(MqttTopicName, WildcardsAreInvalid) {
  for (const char* name : {"+", "#", "a/+", "a/#", "a+b", "sport/tennis#"}) {
    EXPECT_TRUE(FailsWith(ValidateTopicName(name), "wildcard [MQTT-3.3.2-2]")) << name;
  }
}

TEST(MqttTopicFilter, WildcardsAsWholeLevelsAreValid) {
  for (const char* filter : {"#", "+", "sport/#", "sport/tennis/+", "+/+", "/+", "+/tennis/#",
                             "sport/+/player1", "a//b", "/", "$SYS/#", "a/+/"}) {
    EXPECT_TRUE(ValidateTopicFilter(filter)) << filter;
  }
}

TEST(MqttTopicFilter, EmptyFilterIsInvalid) {
  EXPECT_TRUE(FailsWith(ValidateTopicFilter(""), "empty [MQTT-4.7.3-1]"));
}

TEST(MqttTopicFilter, HashMustBeTheWholeLastLevel) {
  for (const char* filter : {"sport/tennis#", "sport/tennis/#/ranking", "#/", "##", "a/#b"}) {
    EXPECT_TRUE(FailsWith(ValidateTopicFilter(filter), "[MQTT-4.7.1-2]")) << filter;
  }
}

TEST(MqttTopicFilter, PlusMustBeAWholeLevel) {
  for (const char* filter : {"sport+", "a/+b", "++", "+a/b"}) {
    EXPECT_TRUE(FailsWith(ValidateTopicFilter(filter), "[MQTT-4.7.1-3]")) << filter;
  }
}

struct Match {
  const char* filter;
  const char* name;
  bool matches;
};

TEST(MqttTopicMatches, FollowsTheExamplesOfTheStandard) {
  constexpr Match kCases[] = {
      // §4.7.1.2 multi-level wildcard.
      {"sport/tennis/player1/#", "sport/tennis/player1", true},
      {"sport/tennis/player1/#", "sport/tennis/player1/ranking", true},
      {"sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true},
      {"sport/#", "sport", true},
      {"#", "sport/tennis", true},
      {"#", "/", true},
      // §4.7.1.3 single-level wildcard.
      {"sport/tennis/+", "sport/tennis/player1", true},
      {"sport/tennis/+", "sport/tennis/player2", true},
      {"sport/tennis/+", "sport/tennis/player1/ranking", false},
      {"sport/+", "sport", false},
      {"sport/+", "sport/", true},
      {"+/+", "/finance", true},
      {"/+", "/finance", true},
      {"+", "/finance", false},
      {"+", "a", true},
      {"sport/+/player1", "sport/tennis/player1", true},
      // Exact levels.
      {"a/b", "a/b", true},
      {"a/b", "a/b/c", false},
      {"a/b/c", "a/b", false},
      {"a/b", "a/bc", false},
      {"a/", "a/", true},
      {"a/", "a", false},
      {"a", "a/", false},
      {"a//b", "a//b", true},
      {"a/+/b", "a//b", true},
      {"a/#", "a", true},
      {"a/#", "ab", false},
      {"a/b/#", "a", false},
  };
  for (const auto& [filter, name, matches] : kCases) {
    EXPECT_EQ(TopicMatches(filter, name), matches) << filter << " vs " << name;
  }
}

TEST(MqttTopicMatches, WildcardsAtTheStartDoNotMatchDollarTopics) {
  EXPECT_FALSE(TopicMatches("#", "$SYS/broker"));  // [MQTT-4.7.2-1]
  EXPECT_FALSE(TopicMatches("+/monitor/Clients", "$SYS/monitor/Clients"));
  EXPECT_FALSE(TopicMatches("+", "$SYS"));
  EXPECT_TRUE(TopicMatches("$SYS/#", "$SYS/monitor/Clients"));
  EXPECT_TRUE(TopicMatches("$SYS/monitor/+", "$SYS/monitor/Clients"));
  EXPECT_TRUE(TopicMatches("a/#", "a/$b"));  // only the first level is special
  EXPECT_TRUE(TopicMatches("+/$b", "a/$b"));
}

}  // namespace
}  // namespace dh::mqtt
