#include "mqtt/broker/topic_tree.hpp"

#include <algorithm>
#include <functional>

namespace dh::mqtt {

namespace {

// Lets the publish path look levels up by string_view, without allocating.
struct LevelHash {
  using is_transparent = void;
  size_t operator()(std::string_view level) const { return std::hash<std::string_view>{}(level); }
};

}  // namespace

struct TopicTree::Node {
  std::unordered_map<std::string, std::unique_ptr<Node>, LevelHash, std::equal_to<>>
      children;  // incl. "+" and "#"
  std::vector<Match> subscribers;
};

namespace {

// Calls `level` for each '/'-separated level of `text` (empty levels included).
template <class F>
void ForEachLevel(std::string_view text, F&& level) {
  size_t start = 0;
  while (true) {
    const size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) {
      level(text.substr(start));
      return;
    }
    level(text.substr(start, slash - start));
    start = slash + 1;
  }
}

std::vector<std::string_view> Levels(std::string_view text) {
  std::vector<std::string_view> levels;
  ForEachLevel(text, [&](std::string_view level) { levels.push_back(level); });
  return levels;
}

void Collect(const std::vector<TopicTree::Match>& subscribers, std::vector<TopicTree::Match>& out) {
  out.insert(out.end(), subscribers.begin(), subscribers.end());
}

}  // namespace

TopicTree::TopicTree() : root_(std::make_unique<Node>()) {}
TopicTree::~TopicTree() = default;

void TopicTree::Subscribe(std::string_view filter, Session* session, uint8_t qos) {
  Node* node = root_.get();
  ForEachLevel(filter, [&](std::string_view level) {
    auto it = node->children.find(level);
    if (it == node->children.end()) {
      it = node->children.emplace(std::string(level), std::make_unique<Node>()).first;
    }
    node = it->second.get();
  });
  for (auto& subscriber : node->subscribers) {
    if (subscriber.session == session) {
      subscriber.qos = qos;
      return;
    }
  }
  node->subscribers.push_back({session, qos});
  ++count_;
}

bool TopicTree::Unsubscribe(std::string_view filter, Session* session) {
  const auto levels = Levels(filter);
  std::vector<std::pair<Node*, std::string_view>> path;  // parent, level
  Node* node = root_.get();
  for (auto level : levels) {
    const auto it = node->children.find(level);
    if (it == node->children.end()) return false;
    path.emplace_back(node, level);
    node = it->second.get();
  }
  auto& subscribers = node->subscribers;
  const auto it = std::find_if(subscribers.begin(), subscribers.end(),
                               [session](const Match& m) { return m.session == session; });
  if (it == subscribers.end()) return false;
  subscribers.erase(it);
  --count_;
  // Prune the branch back to the first node still in use.
  for (auto step = path.rbegin(); step != path.rend(); ++step) {
    auto child = step->first->children.find(step->second);
    if (!child->second->subscribers.empty() || !child->second->children.empty()) break;
    step->first->children.erase(child);
  }
  return true;
}

size_t TopicTree::nodes() const {
  size_t count = 0;
  std::vector<const Node*> stack{root_.get()};
  while (!stack.empty()) {
    const Node* node = stack.back();
    stack.pop_back();
    ++count;
    for (const auto& entry : node->children) stack.push_back(entry.second.get());
  }
  return count;
}

void TopicTree::Matches(std::string_view topic, std::vector<Match>& out) const {
  out.clear();
  const auto levels = Levels(topic);
  const bool system = !topic.empty() && topic.front() == '$';
  // Depth-first over (node, index of the next level to match).
  std::vector<std::pair<const Node*, size_t>> stack{{root_.get(), 0}};
  while (!stack.empty()) {
    const auto [node, index] = stack.back();
    stack.pop_back();
    const bool wildcards_allowed = !(system && index == 0);
    if (wildcards_allowed) {
      // "#" matches the rest, including the parent level itself ("a/#" matches "a").
      if (const auto hash = node->children.find("#"); hash != node->children.end()) {
        Collect(hash->second->subscribers, out);
      }
    }
    if (index == levels.size()) {
      Collect(node->subscribers, out);
      continue;
    }
    if (const auto literal = node->children.find(levels[index]); literal != node->children.end()) {
      stack.emplace_back(literal->second.get(), index + 1);
    }
    if (wildcards_allowed) {
      if (const auto plus = node->children.find("+"); plus != node->children.end()) {
        stack.emplace_back(plus->second.get(), index + 1);
      }
    }
  }
  if (out.size() < 2) return;
  // One delivery per session, with the highest QoS of its matching filters.
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.session != b.session ? a.session < b.session : a.qos > b.qos;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Match& a, const Match& b) { return a.session == b.session; }),
            out.end());
}

}  // namespace dh::mqtt
