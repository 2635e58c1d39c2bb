#include "proxy/topic_hub.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <utility>

#include "proxy/message.hpp"

namespace dh::proxy {

namespace {

using Members = std::vector<std::shared_ptr<Subscriber>>;

bool Contains(const Members& members, const Subscriber* subscriber) {
  return std::any_of(members.begin(), members.end(),
                     [&](const auto& member) { return member.get() == subscriber; });
}

void Erase(Members& members, const Subscriber* subscriber) {
  std::erase_if(members, [&](const auto& member) { return member.get() == subscriber; });
}

}  // namespace

struct TopicHub::Recipients {
  struct Group {
    std::string name;
    Members members;                              // never empty
    std::shared_ptr<std::atomic<uint64_t>> next;  // round-robin turn, shared by snapshots
  };
  Members ungrouped;
  std::vector<Group> groups;

  bool Empty() const { return ungrouped.empty() && groups.empty(); }
  bool Holds(const Subscriber* subscriber) const {
    return Contains(ungrouped, subscriber) ||
           std::any_of(groups.begin(), groups.end(),
                       [&](const auto& group) { return Contains(group.members, subscriber); });
  }
  // True when `subscriber` is a member of `group` ("" = the ungrouped subscribers).
  bool HoldsIn(const std::string& group, const Subscriber* subscriber) const {
    if (group.empty()) return Contains(ungrouped, subscriber);
    return std::any_of(groups.begin(), groups.end(), [&](const auto& g) {
      return g.name == group && Contains(g.members, subscriber);
    });
  }
  void Add(const std::string& group, std::shared_ptr<Subscriber> subscriber) {
    if (group.empty()) return ungrouped.push_back(std::move(subscriber));
    auto g =
        std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.name == group; });
    if (g != groups.end()) return g->members.push_back(std::move(subscriber));
    groups.push_back({group, {std::move(subscriber)}, std::make_shared<std::atomic<uint64_t>>(0)});
  }
  // Drops every membership of `subscriber`, and the groups left empty.
  void Drop(const Subscriber* subscriber) {
    Erase(ungrouped, subscriber);
    for (auto& group : groups) Erase(group.members, subscriber);
    std::erase_if(groups, [](const auto& group) { return group.members.empty(); });
  }
};

TopicHub::Snapshot TopicHub::Without(Snapshot& snapshot, const Subscriber* subscriber) {
  if (!snapshot->Holds(subscriber)) return nullptr;
  auto copy = std::make_shared<Recipients>(*snapshot);
  copy->Drop(subscriber);
  return std::exchange(snapshot, std::move(copy));
}

void TopicHub::Create(const std::string& topic) {
  std::unique_lock lock(mutex_);
  if (!topics_.contains(topic)) topics_.emplace(topic, std::make_shared<const Recipients>());
}

bool TopicHub::Exists(const std::string& topic) const {
  std::shared_lock lock(mutex_);
  return topics_.contains(topic);
}

std::vector<std::string> TopicHub::List() const {
  std::vector<std::string> names;
  {
    std::shared_lock lock(mutex_);
    names.reserve(topics_.size());
    for (const auto& entry : topics_) names.push_back(entry.first);
  }
  std::sort(names.begin(), names.end());
  return names;
}

void TopicHub::Remove(const std::string& topic) {
  Snapshot retired;
  std::unique_lock lock(mutex_);
  if (auto it = topics_.find(topic); it != topics_.end()) {
    retired = std::move(it->second);
    topics_.erase(it);
  }
}

void TopicHub::Subscribe(const std::string& topic, const std::string& group,
                         std::shared_ptr<Subscriber> subscriber) {
  Snapshot retired;
  std::unique_lock lock(mutex_);
  Snapshot& snapshot = topics_[topic];
  if (!snapshot) snapshot = std::make_shared<const Recipients>();
  if (snapshot->HoldsIn(group, subscriber.get())) return;
  auto copy = std::make_shared<Recipients>(*snapshot);
  copy->Drop(subscriber.get());
  copy->Add(group, std::move(subscriber));
  retired = std::exchange(snapshot, std::move(copy));
}

void TopicHub::Unsubscribe(const std::string& topic, const Subscriber* subscriber) {
  Snapshot retired;
  std::unique_lock lock(mutex_);
  if (auto it = topics_.find(topic); it != topics_.end()) retired = Without(it->second, subscriber);
}

void TopicHub::UnsubscribeAll(const Subscriber* subscriber) {
  std::vector<Snapshot> retired;
  std::unique_lock lock(mutex_);
  for (auto& entry : topics_) {
    if (auto old = Without(entry.second, subscriber)) retired.push_back(std::move(old));
  }
}

size_t TopicHub::Publish(const std::string& topic, std::string_view message) {
  Snapshot recipients;
  {
    std::shared_lock lock(mutex_);
    auto it = topics_.find(topic);
    if (it == topics_.end()) return 0;
    recipients = it->second;
  }
  if (recipients->Empty()) return 0;
  const auto frame = std::make_shared<const std::string>(Delivery(topic, message));
  for (const auto& subscriber : recipients->ungrouped) subscriber->Deliver(frame);
  for (const auto& group : recipients->groups) {
    const uint64_t turn = group.next->fetch_add(1, std::memory_order_relaxed);
    group.members[turn % group.members.size()]->Deliver(frame);
  }
  return recipients->ungrouped.size() + recipients->groups.size();
}

}  // namespace dh::proxy
