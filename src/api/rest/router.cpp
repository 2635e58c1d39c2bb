#include "api/rest/router.hpp"

#include "core/strings.hpp"

namespace dh::api::rest {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> placeholder;
  struct Route {
    RouteHandler handler;
    RouteGuard guard;
  };
  std::map<net::HttpVerb, Route> handlers;
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::Add(net::HttpVerb method, std::string_view pattern, RouteGuard guard,
                 RouteHandler handler) {
  Node* node = root_.get();
  for (const auto& segment : core::SplitList(pattern, '/')) {
    std::unique_ptr<Node>* next = nullptr;
    if (segment.front() == '{') {
      next = &node->placeholder;
    } else {
      next = &node->literals[segment];
    }
    if (!*next) *next = std::make_unique<Node>();
    node = next->get();
  }
  node->handlers[method] = Node::Route{std::move(handler), guard};
}

namespace {

// Depth-first: literal children before the placeholder child.
template <class NodeT>
const NodeT* Walk(const NodeT* node, const std::vector<std::string>& segments, size_t index,
                  std::vector<std::string>& params) {
  if (index == segments.size()) return node->handlers.empty() ? nullptr : node;
  if (auto it = node->literals.find(segments[index]); it != node->literals.end()) {
    if (const auto* found = Walk(it->second.get(), segments, index + 1, params)) return found;
  }
  if (node->placeholder) {
    params.push_back(segments[index]);
    if (const auto* found = Walk(node->placeholder.get(), segments, index + 1, params)) {
      return found;
    }
    params.pop_back();
  }
  return nullptr;
}

}  // namespace

Router::Match Router::Find(net::HttpVerb method, const std::vector<std::string>& segments) const {
  Match match;
  const Node* node = Walk(root_.get(), segments, 0, match.params);
  if (node == nullptr) return match;
  match.path_exists = true;
  if (auto it = node->handlers.find(method); it != node->handlers.end()) {
    match.handler = &it->second.handler;
    match.guard = it->second.guard;
  }
  return match;
}

}  // namespace dh::api::rest
