#include "backend/subscription_registry.hpp"

#include <algorithm>
#include <mutex>

namespace dh::backend {

struct SubscriptionRegistry::Entry {
  int64_t id;
  std::vector<std::string> names;  // sorted; empty: any
  std::shared_ptr<bus::EventSink> sink;
  std::optional<std::string> device_id;
  std::vector<ScopeKey> scopes;
  bool global = false;
};

namespace {

template <class Bucket>
void Erase(Bucket& bucket, const void* entry) {
  auto it = std::find(bucket.begin(), bucket.end(), entry);
  if (it == bucket.end()) return;
  *it = bucket.back();
  bucket.pop_back();
}

}  // namespace

SubscriptionRegistry::SubscriptionRegistry() = default;
SubscriptionRegistry::~SubscriptionRegistry() = default;

void SubscriptionRegistry::Add(int64_t id, const bus::SubscriptionFilter& filter,
                               std::shared_ptr<bus::EventSink> sink) {
  auto entry = std::make_unique<Entry>();
  entry->id = id;
  entry->names = filter.names;
  std::sort(entry->names.begin(), entry->names.end());
  entry->sink = std::move(sink);
  if (filter.device_id) {
    entry->device_id = filter.device_id;
  } else if (filter.network_ids || filter.device_type_ids) {
    // Distinct ids, so a client listing one twice does not receive each event twice.
    const auto distinct_or_any = [](const std::optional<std::vector<int64_t>>& ids) {
      std::vector<int64_t> out = ids ? *ids : std::vector<int64_t>{kAny};
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    };
    for (int64_t n : distinct_or_any(filter.network_ids)) {
      for (int64_t t : distinct_or_any(filter.device_type_ids)) entry->scopes.push_back({n, t});
    }
  } else {
    entry->global = true;
  }

  std::unique_lock lock(mutex_);
  Entry* raw = entry.get();
  if (raw->device_id) by_device_[*raw->device_id].push_back(raw);
  for (const auto& scope : raw->scopes) by_scope_[scope].push_back(raw);
  if (raw->global) global_.push_back(raw);
  entries_[id] = std::move(entry);
}

bool SubscriptionRegistry::Remove(int64_t id) {
  std::unique_lock lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return false;
  Entry* entry = it->second.get();
  if (entry->device_id) {
    auto bucket = by_device_.find(*entry->device_id);
    Erase(bucket->second, entry);
    if (bucket->second.empty()) by_device_.erase(bucket);
  }
  for (const auto& scope : entry->scopes) {
    auto bucket = by_scope_.find(scope);
    Erase(bucket->second, entry);
    if (bucket->second.empty()) by_scope_.erase(bucket);
  }
  if (entry->global) Erase(global_, entry);
  entries_.erase(it);
  return true;
}

void SubscriptionRegistry::RemoveDevice(const std::string& device_id) {
  std::vector<int64_t> ids;
  {
    std::shared_lock lock(mutex_);
    auto bucket = by_device_.find(device_id);
    if (bucket == by_device_.end()) return;
    for (const Entry* entry : bucket->second) ids.push_back(entry->id);
  }
  for (int64_t id : ids) Remove(id);
}

void SubscriptionRegistry::Visit(const std::vector<Entry*>* bucket, const std::string& name,
                                 const Visitor& visit) {
  if (bucket == nullptr) return;
  for (const Entry* entry : *bucket) {
    if (entry->names.empty() ||
        std::binary_search(entry->names.begin(), entry->names.end(), name)) {
      visit(entry->id, *entry->sink);
    }
  }
}

void SubscriptionRegistry::Match(const std::string& device_id, std::optional<int64_t> network_id,
                                 std::optional<int64_t> device_type_id, const std::string& name,
                                 const Visitor& visit) const {
  std::shared_lock lock(mutex_);
  Visit(&global_, name, visit);
  if (!network_id || !device_type_id) return;
  if (auto it = by_device_.find(device_id); it != by_device_.end()) Visit(&it->second, name, visit);
  for (const ScopeKey key : {ScopeKey{*network_id, *device_type_id}, ScopeKey{*network_id, kAny},
                             ScopeKey{kAny, *device_type_id}}) {
    if (auto it = by_scope_.find(key); it != by_scope_.end()) Visit(&it->second, name, visit);
  }
}

size_t SubscriptionRegistry::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace dh::backend
