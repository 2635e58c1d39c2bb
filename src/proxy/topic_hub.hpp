#pragma once
// Topics and their subscribers, in process (the proxy's stand-in for Kafka, spec §1.5). A
// subscriber without a group gets a copy of every message; subscribers sharing a group name
// share the load: each message goes to exactly one member of each group, round-robin (Kafka
// balances by partition, our topics behave as if each message had its own partition). A
// connection re-subscribing to a topic with another group leaves its old membership.
//
// Publish is the hot path. Each topic's recipients are an immutable snapshot, replaced (copy on
// write) by Subscribe/Unsubscribe; Publish copies the snapshot pointer under a shared lock and
// calls Deliver with no lock held. So Deliver may re-enter the hub, and a publish that started
// before an Unsubscribe returned may still reach the departed subscriber. The hub owns its
// subscribers (shared_ptr) until they unsubscribe; old snapshots are released outside the lock,
// so a Subscriber destructor never runs under it. All methods are thread-safe.
#include <cstddef>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "proxy/subscriber.hpp"

namespace dh::proxy {

class TopicHub {
 public:
  // Adds an empty topic; a no-op when it exists.
  void Create(const std::string& topic);
  bool Exists(const std::string& topic) const;
  // All topic names, sorted.
  std::vector<std::string> List() const;
  // Drops the topic and its subscriptions; a no-op when absent.
  void Remove(const std::string& topic);
  // Subscribes (creating the topic). `group` empty = no group. Subscribing again with the same
  // group is a no-op; with another group it moves the subscriber.
  void Subscribe(const std::string& topic, const std::string& group,
                 std::shared_ptr<Subscriber> subscriber);
  // A no-op when the topic or the subscription is absent.
  void Unsubscribe(const std::string& topic, const Subscriber* subscriber);
  // Drops every subscription of `subscriber` (on disconnect); O(number of topics).
  void UnsubscribeAll(const Subscriber* subscriber);
  // Renders the Delivery frame once and hands it to every ungrouped subscriber and one member of
  // each group. Returns the number of deliveries: 0 for an unknown topic or no subscribers.
  size_t Publish(const std::string& topic, std::string_view message);

 private:
  struct Recipients;  // defined in topic_hub.cpp
  using Snapshot = std::shared_ptr<const Recipients>;

  // Replaces `snapshot` with a copy without `subscriber` and returns the old one (to be released
  // after the lock), or returns null when `subscriber` is not in it.
  static Snapshot Without(Snapshot& snapshot, const Subscriber* subscriber);

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Snapshot> topics_;
};

}  // namespace dh::proxy
