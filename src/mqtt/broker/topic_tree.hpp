#pragma once
// The subscriptions of every session, as a tree of topic levels (§4.7): a publish walks only
// the branches its topic can match (the literal level, '+' and '#'), never the whole set. A
// filter starting with a wildcard does not match a topic starting with '$' [MQTT-4.7.2-1].
// Not thread-safe: the broker guards it.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dh::mqtt {

class Session;

class TopicTree {
 public:
  TopicTree();
  ~TopicTree();

  // Adds the subscription, or changes its QoS when the session already has this filter.
  void Subscribe(std::string_view filter, Session* session, uint8_t qos);
  // False when the session had no such filter.
  bool Unsubscribe(std::string_view filter, Session* session);

  struct Match {
    Session* session;
    uint8_t qos;  // the highest QoS among the session's matching filters
  };
  // Every session with a filter matching `topic`, once each (§3.3.5: one delivery with the
  // highest QoS when several filters of a session match).
  void Matches(std::string_view topic, std::vector<Match>& out) const;

  size_t size() const { return count_; }
  // Nodes in the tree, the root included: Unsubscribe prunes the levels no filter uses any more,
  // so this is 1 once every filter is gone. Walks the tree (tests, stats).
  size_t nodes() const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  size_t count_ = 0;
};

}  // namespace dh::mqtt
