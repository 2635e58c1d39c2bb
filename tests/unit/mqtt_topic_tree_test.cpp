// The broker's topic tree (§4.7): which sessions a topic reaches, through literal levels, '+'
// and '#', never through a leading wildcard for a '$' topic; one match per session at its
// highest QoS; and branches pruned as their last filter goes.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "mqtt/broker/session.hpp"
#include "mqtt/broker/topic_tree.hpp"

namespace dh::mqtt {
namespace {

// Sessions are only compared by address here; real ones keep the test honest about the type.
class TopicTreeTest : public ::testing::Test {
 protected:
  Session a_{"a", true, {}};
  Session b_{"b", true, {}};
  TopicTree tree_;

  // The client ids `topic` reaches, sorted, with their QoS: "a:1".
  std::vector<std::string> Match(std::string_view topic) const {
    std::vector<TopicTree::Match> matches;
    tree_.Matches(topic, matches);
    std::vector<std::string> out;
    for (const auto& match : matches) {
      out.push_back(match.session->client_id() + ":" + std::to_string(match.qos));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

using Ids = std::vector<std::string>;

TEST_F(TopicTreeTest, LiteralFilterMatchesOnlyItsTopic) {
  tree_.Subscribe("a/b", &a_, 0);
  EXPECT_EQ(Match("a/b"), Ids{"a:0"});
  EXPECT_EQ(Match("a"), Ids{});
  EXPECT_EQ(Match("a/b/c"), Ids{});
  EXPECT_EQ(Match("a/B"), Ids{});
  EXPECT_EQ(Match("/a/b"), Ids{});
}

TEST_F(TopicTreeTest, PlusMatchesExactlyOneLevelIncludingAnEmptyOne) {
  tree_.Subscribe("a/+/c", &a_, 1);
  EXPECT_EQ(Match("a/b/c"), Ids{"a:1"});
  EXPECT_EQ(Match("a//c"), Ids{"a:1"});
  EXPECT_EQ(Match("a/c"), Ids{});
  EXPECT_EQ(Match("a/b/x/c"), Ids{});
}

TEST_F(TopicTreeTest, TrailingPlusDoesNotMatchTheParent) {
  tree_.Subscribe("a/+", &a_, 0);
  EXPECT_EQ(Match("a/b"), Ids{"a:0"});
  EXPECT_EQ(Match("a/"), Ids{"a:0"});
  EXPECT_EQ(Match("a"), Ids{});
  EXPECT_EQ(Match("a/b/c"), Ids{});
}

TEST_F(TopicTreeTest, HashMatchesTheParentAndEveryLevelBelow) {
  tree_.Subscribe("a/#", &a_, 2);
  EXPECT_EQ(Match("a"), Ids{"a:2"});
  EXPECT_EQ(Match("a/b"), Ids{"a:2"});
  EXPECT_EQ(Match("a/b/c/d"), Ids{"a:2"});
  EXPECT_EQ(Match("ab"), Ids{});
  EXPECT_EQ(Match("b/a"), Ids{});
}

TEST_F(TopicTreeTest, HashAloneMatchesEveryTopicButDollarOnes) {
  tree_.Subscribe("#", &a_, 0);
  EXPECT_EQ(Match("a"), Ids{"a:0"});
  EXPECT_EQ(Match("/"), Ids{"a:0"});
  EXPECT_EQ(Match("a/b/c"), Ids{"a:0"});
  EXPECT_EQ(Match("$SYS/load"), Ids{});
  EXPECT_EQ(Match("$"), Ids{});
}

TEST_F(TopicTreeTest, LeadingPlusDoesNotMatchDollarTopics) {
  tree_.Subscribe("+/load", &a_, 0);
  tree_.Subscribe("+/+/#", &b_, 0);
  EXPECT_EQ(Match("$SYS/load"), Ids{});
  EXPECT_EQ(Match("$SYS/a/b"), Ids{});
  EXPECT_EQ(Match("sys/load"), (Ids{"a:0", "b:0"}));
}

TEST_F(TopicTreeTest, DollarTopicsMatchFiltersThatNameTheirFirstLevel) {
  tree_.Subscribe("$SYS/#", &a_, 0);
  tree_.Subscribe("$SYS/+", &b_, 1);
  EXPECT_EQ(Match("$SYS/load"), (Ids{"a:0", "b:1"}));
  EXPECT_EQ(Match("$SYS"), Ids{"a:0"});
  // A wildcard below the first level matches a '$' inside the topic as any other character.
  tree_.Subscribe("x/+", &a_, 0);
  EXPECT_EQ(Match("x/$y"), Ids{"a:0"});
}

TEST_F(TopicTreeTest, SessionMatchedBySeveralFiltersGetsOneMatchAtTheHighestQos) {
  tree_.Subscribe("a/b", &a_, 0);
  tree_.Subscribe("a/+", &a_, 2);
  tree_.Subscribe("a/#", &a_, 1);
  tree_.Subscribe("#", &b_, 0);
  tree_.Subscribe("+/b", &b_, 1);
  EXPECT_EQ(Match("a/b"), (Ids{"a:2", "b:1"}));
  EXPECT_EQ(Match("a"), (Ids{"a:1", "b:0"}));
}

TEST_F(TopicTreeTest, SubscribingAgainChangesTheQosWithoutAddingAFilter) {
  tree_.Subscribe("a/b", &a_, 2);
  tree_.Subscribe("a/b", &a_, 0);
  EXPECT_EQ(tree_.size(), 1u);
  EXPECT_EQ(Match("a/b"), Ids{"a:0"});
}

TEST_F(TopicTreeTest, SessionsShareAFilterIndependently) {
  tree_.Subscribe("a/b", &a_, 1);
  tree_.Subscribe("a/b", &b_, 2);
  EXPECT_EQ(tree_.size(), 2u);
  EXPECT_EQ(Match("a/b"), (Ids{"a:1", "b:2"}));
  EXPECT_TRUE(tree_.Unsubscribe("a/b", &a_));
  EXPECT_EQ(Match("a/b"), Ids{"b:2"});
}

TEST_F(TopicTreeTest, UnsubscribeOfAnUnknownFilterReturnsFalse) {
  tree_.Subscribe("a/b/c", &a_, 0);
  EXPECT_FALSE(tree_.Unsubscribe("a/b", &a_));    // a node on the path, not a filter
  EXPECT_FALSE(tree_.Unsubscribe("a/b/c", &b_));  // another session's filter
  EXPECT_FALSE(tree_.Unsubscribe("x", &a_));
  EXPECT_EQ(tree_.size(), 1u);
  EXPECT_EQ(Match("a/b/c"), Ids{"a:0"});
}

TEST_F(TopicTreeTest, UnsubscribingTheLastFilterPrunesItsWholeBranch) {
  ASSERT_EQ(tree_.nodes(), 1u);  // the root
  tree_.Subscribe("a/b/c", &a_, 0);
  tree_.Subscribe("a/+/#", &b_, 0);
  EXPECT_EQ(tree_.nodes(), 6u);  // root, a, b, c, +, #
  EXPECT_TRUE(tree_.Unsubscribe("a/b/c", &a_));
  EXPECT_EQ(tree_.nodes(), 4u);  // "a" stays: "a/+/#" goes through it
  EXPECT_TRUE(tree_.Unsubscribe("a/+/#", &b_));
  EXPECT_EQ(tree_.nodes(), 1u);
  EXPECT_EQ(tree_.size(), 0u);
  EXPECT_EQ(Match("a/b/c"), Ids{});
}

TEST_F(TopicTreeTest, PruningStopsAtANodeThatIsItselfAFilter) {
  tree_.Subscribe("a/b", &a_, 0);
  tree_.Subscribe("a/b/c/d", &b_, 1);
  EXPECT_TRUE(tree_.Unsubscribe("a/b/c/d", &b_));
  EXPECT_EQ(tree_.nodes(), 3u);  // root, a, b
  EXPECT_EQ(Match("a/b"), Ids{"a:0"});
  // And a filter below a removed one still matches.
  tree_.Subscribe("a/b/c", &b_, 2);
  EXPECT_TRUE(tree_.Unsubscribe("a/b", &a_));
  EXPECT_EQ(Match("a/b/c"), Ids{"b:2"});
  EXPECT_EQ(Match("a/b"), Ids{});
}

TEST_F(TopicTreeTest, EmptyLevelsAreLevelsOfTheirOwn) {
  tree_.Subscribe("/a", &a_, 0);
  tree_.Subscribe("a//b", &b_, 0);
  EXPECT_EQ(Match("/a"), Ids{"a:0"});
  EXPECT_EQ(Match("a"), Ids{});
  EXPECT_EQ(Match("a//b"), Ids{"b:0"});
  EXPECT_EQ(Match("a/b"), Ids{});
}

TEST_F(TopicTreeTest, MatchesReplacesWhatTheOutputHeld) {
  tree_.Subscribe("a", &a_, 0);
  std::vector<TopicTree::Match> matches{{&b_, 2}};
  tree_.Matches("a", matches);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].session, &a_);
}

}  // namespace
}  // namespace dh::mqtt
