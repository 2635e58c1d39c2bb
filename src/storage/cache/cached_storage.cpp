#include "storage/cache/cached_storage.hpp"

#include <algorithm>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace dh::storage {

namespace {

// Whether `scope` admits the device, when that can be told without the database: nullopt when
// the scope depends on a user's links.
std::optional<bool> Admits(const Visibility& scope, const std::optional<int64_t>& id) {
  if (scope.linked_user) return std::nullopt;
  if (!scope.ids) return true;
  return id && std::find(scope.ids->begin(), scope.ids->end(), *id) != scope.ids->end();
}

std::optional<bool> Admits(const DeviceScope& scope, const domain::Device& device) {
  const auto network = Admits(scope.networks, device.network_id);
  const auto type = Admits(scope.device_types, device.device_type_id);
  if (!network || !type) return std::nullopt;
  return *network && *type;
}

bool DecidedInMemory(const DeviceScope& scope) {
  return !scope.networks.linked_user && !scope.device_types.linked_user;
}

}  // namespace

// Rows by key. Thread-safe. Writers bump the generation; a reader fills the cache only if no
// write happened since it started its database read.
template <class Key, class Row>
class CachedStorage::RowCache {
 public:
  explicit RowCache(size_t max_entries) : max_entries_(max_entries) {}

  // The cached row, if any; `generation` is what a Fill after a database read must pass.
  std::optional<Row> Find(const Key& key, uint64_t& generation) const {
    std::lock_guard lock(mutex_);
    generation = generation_;
    const auto found = rows_.find(key);
    if (found == rows_.end()) return std::nullopt;
    return found->second;
  }

  void Fill(const Key& key, const Row& row, uint64_t read_at_generation) {
    std::lock_guard lock(mutex_);
    if (read_at_generation == generation_) Store(key, row);
  }

  void Put(const Key& key, const Row& row) {
    std::lock_guard lock(mutex_);
    ++generation_;
    Store(key, row);
  }

  void Erase(const Key& key) {
    std::lock_guard lock(mutex_);
    ++generation_;
    rows_.erase(key);
  }

  void Clear() {
    std::lock_guard lock(mutex_);
    ++generation_;
    rows_.clear();
  }

 private:
  void Store(const Key& key, const Row& row) {
    if (rows_.size() >= max_entries_ && !rows_.contains(key)) rows_.clear();
    rows_.insert_or_assign(key, row);
  }

  const size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<Key, Row> rows_;
  uint64_t generation_ = 0;
};

class CachedStorage::Devices final : public DeviceStore {
 public:
  Devices(DeviceStore& inner, DeviceCache& cache) : inner_(inner), cache_(cache) {}

  core::Result<std::optional<domain::Device>> Get(const std::string& id,
                                                  const DeviceScope& scope) override {
    if (!DecidedInMemory(scope)) return inner_.Get(id, scope);
    uint64_t generation = 0;
    auto device = cache_.Find(id, generation);
    if (!device) {
      DH_TRY(device, inner_.Get(id, DeviceScope{}));
      if (!device) return std::nullopt;  // absent devices are not remembered
      cache_.Fill(id, *device, generation);
    }
    if (!*Admits(scope, *device)) return std::nullopt;
    return device;
  }

  core::Result<std::vector<domain::Device>> List(const DeviceQuery& query,
                                                 const DeviceScope& scope) override {
    return inner_.List(query, scope);
  }

  core::Result<int64_t> Count(const DeviceFilter& filter, const DeviceScope& scope) override {
    return inner_.Count(filter, scope);
  }

  core::Result<bool> Save(const domain::Device& device) override {
    auto created = inner_.Save(device);
    // Whatever the outcome, the entry must not outlive a write that may have happened.
    if (created) {
      cache_.Put(device.id, device);
    } else {
      cache_.Erase(device.id);
    }
    return created;
  }

  core::Result<bool> Delete(const std::string& id) override {
    auto deleted = inner_.Delete(id);
    cache_.Erase(id);
    return deleted;
  }

 private:
  DeviceStore& inner_;
  DeviceCache& cache_;
};

class CachedStorage::Users final : public UserStore {
 public:
  Users(UserStore& inner, UserCache& cache) : inner_(inner), cache_(cache) {}

  core::Result<domain::User> Create(const domain::User& user) override {
    return inner_.Create(user);
  }

  core::Result<std::optional<domain::User>> Get(int64_t id) override {
    uint64_t generation = 0;
    if (auto user = cache_.Find(id, generation)) return user;
    DH_TRY(auto user, inner_.Get(id));
    if (user) cache_.Fill(id, *user, generation);  // absent users are not remembered
    return user;
  }

  core::Result<std::optional<domain::User>> FindByLogin(const std::string& login) override {
    return inner_.FindByLogin(login);
  }

  core::Result<std::vector<domain::User>> List(const UserQuery& query) override {
    return inner_.List(query);
  }

  core::Result<int64_t> Count(const UserFilter& filter) override { return inner_.Count(filter); }

  core::Result<bool> Update(const domain::User& user) override {
    auto updated = inner_.Update(user);
    if (updated && *updated) {
      cache_.Put(user.id, user);
    } else {
      cache_.Erase(user.id);
    }
    return updated;
  }

  core::Result<bool> Delete(int64_t id) override {
    auto deleted = inner_.Delete(id);
    cache_.Erase(id);
    return deleted;
  }

 private:
  UserStore& inner_;
  UserCache& cache_;
};

// Networks and device types: deleting one deletes its devices (ON DELETE CASCADE), so a delete
// empties the device cache.
template <class Entity>
class CachedStorage::DeviceOwners final : public NamedEntityStore<Entity> {
 public:
  DeviceOwners(NamedEntityStore<Entity>& inner, DeviceCache& cache)
      : inner_(inner), cache_(cache) {}

  core::Result<Entity> Create(const Entity& entity) override { return inner_.Create(entity); }
  core::Result<std::optional<Entity>> Get(int64_t id, const Visibility& scope) override {
    return inner_.Get(id, scope);
  }
  core::Result<std::optional<Entity>> FindByName(const std::string& name) override {
    return inner_.FindByName(name);
  }
  core::Result<std::vector<Entity>> List(const NamedEntityQuery& query,
                                         const Visibility& scope) override {
    return inner_.List(query, scope);
  }
  core::Result<int64_t> Count(const NameFilter& filter, const Visibility& scope) override {
    return inner_.Count(filter, scope);
  }
  core::Result<bool> Update(const Entity& entity) override { return inner_.Update(entity); }
  core::Result<bool> Delete(int64_t id) override {
    auto deleted = inner_.Delete(id);
    cache_.Clear();
    return deleted;
  }

 private:
  NamedEntityStore<Entity>& inner_;
  DeviceCache& cache_;
};

CachedStorage::CachedStorage(Storage& inner, size_t max_entries)
    : inner_(inner),
      device_cache_(std::make_unique<DeviceCache>(max_entries)),
      user_cache_(std::make_unique<UserCache>(max_entries)),
      devices_(std::make_unique<Devices>(inner.devices(), *device_cache_)),
      users_(std::make_unique<Users>(inner.users(), *user_cache_)),
      networks_(std::make_unique<DeviceOwners<domain::Network>>(inner.networks(), *device_cache_)),
      device_types_(std::make_unique<DeviceOwners<domain::DeviceType>>(inner.device_types(),
                                                                       *device_cache_)) {}

CachedStorage::~CachedStorage() = default;

UserStore& CachedStorage::users() { return *users_; }
NetworkStore& CachedStorage::networks() { return *networks_; }
DeviceTypeStore& CachedStorage::device_types() { return *device_types_; }
DeviceStore& CachedStorage::devices() { return *devices_; }

}  // namespace dh::storage
