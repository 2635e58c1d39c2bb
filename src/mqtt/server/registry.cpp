#include "mqtt/server/registry.hpp"

#include "mqtt/server/connection.hpp"

namespace dh::mqtt {

void Registry::Add(Connection& connection) {
  std::lock_guard lock(mutex_);
  connection.registry_next_ = head_;
  if (head_ != nullptr) head_->registry_prev_ = &connection;
  head_ = &connection;
}

void Registry::Remove(Connection& connection) {
  std::lock_guard lock(mutex_);
  if (connection.registry_prev_ != nullptr) {
    connection.registry_prev_->registry_next_ = connection.registry_next_;
  } else {
    head_ = connection.registry_next_;
  }
  if (connection.registry_next_ != nullptr) {
    connection.registry_next_->registry_prev_ = connection.registry_prev_;
  }
}

std::vector<std::shared_ptr<Connection>> Registry::Live() {
  std::vector<std::shared_ptr<Connection>> live;
  std::lock_guard lock(mutex_);
  for (Connection* at = head_; at != nullptr; at = at->registry_next_) {
    // A connection being destroyed waits on the mutex in Remove; lock() yields null for it.
    if (auto held = at->weak_from_this().lock()) live.push_back(std::move(held));
  }
  return live;
}

}  // namespace dh::mqtt
