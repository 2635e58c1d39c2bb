#pragma once
// A Storage that keeps the devices and users it has read in memory, in front of another Storage
// (the relational one). Every authenticated request reads its user (is it still active?) and
// every request that names a device (inserting a notification, polling a command) reads the
// device; with the cache those reads are hash lookups instead of SQL queries.
//
// What is cached: users by id, and devices by id for scopes that can be decided without the
// database (all networks and device types, or explicit id lists: admins and tokens); scopes
// that need a user's network links (CLIENT users) read through to the inner store. Rows are
// cached as stored.
// Consistency: every write goes through this object; saves, updates and deletes update or drop
// their entry, and deleting a network or a device type (which deletes its devices) empties the
// device cache. A read that raced with a write does not store what it read. This holds while
// this process is the only writer of the database, which the embedded backend guarantees (its
// data directory is locked); a store shared by several processes needs invalidation across
// them before it may be put behind this cache.
// Bounded: at most `max_entries` devices and as many users; when full, a cache starts over.
#include <cstddef>
#include <memory>

#include "storage/storage.hpp"

namespace dh::storage {

class CachedStorage final : public Storage {
 public:
  static constexpr size_t kDefaultMaxEntries = 100'000;

  // `inner` must outlive this object.
  explicit CachedStorage(Storage& inner, size_t max_entries = kDefaultMaxEntries);
  ~CachedStorage() override;

  UserStore& users() override;
  NetworkStore& networks() override;
  DeviceTypeStore& device_types() override;
  DeviceStore& devices() override;
  UserLinkStore& links() override { return inner_.links(); }
  ConfigStore& configuration() override { return inner_.configuration(); }
  PluginStore& plugins() override { return inner_.plugins(); }

 private:
  template <class Key, class Row>
  class RowCache;
  using DeviceCache = RowCache<std::string, domain::Device>;
  using UserCache = RowCache<int64_t, domain::User>;
  class Devices;
  class Users;
  template <class Entity>
  class DeviceOwners;

  Storage& inner_;
  std::unique_ptr<DeviceCache> device_cache_;
  std::unique_ptr<UserCache> user_cache_;
  std::unique_ptr<Devices> devices_;
  std::unique_ptr<Users> users_;
  std::unique_ptr<DeviceOwners<domain::Network>> networks_;
  std::unique_ptr<DeviceOwners<domain::DeviceType>> device_types_;
};

}  // namespace dh::storage
