#pragma once
// A Storage that keeps the devices it has read in memory, in front of another Storage (the
// relational one). Every request that names a device (inserting a notification, polling a
// command) reads the device first; with the cache that read is a hash lookup instead of a
// SQL query.
//
// What is cached: devices by id, as stored, for scopes that can be decided without the database
// (all networks and device types, or explicit id lists: admins and tokens). Scopes that need the
// user's network links (CLIENT users) read through to the inner store.
// Consistency: every write goes through this object; device saves and deletes update or drop
// their entry, and deleting a network or a device type (which deletes its devices) empties the
// cache. A read that raced with a write does not store what it read. This holds while this
// process is the only writer of the database, which the embedded backend guarantees (its data
// directory is locked); a store shared by several processes needs invalidation across them
// before it may be put behind this cache.
// Bounded: at most `max_devices` entries; when full, the cache starts over empty.
#include <cstddef>
#include <memory>

#include "storage/storage.hpp"

namespace dh::storage {

class CachedStorage final : public Storage {
 public:
  static constexpr size_t kDefaultMaxDevices = 100'000;

  // `inner` must outlive this object.
  explicit CachedStorage(Storage& inner, size_t max_devices = kDefaultMaxDevices);
  ~CachedStorage() override;

  UserStore& users() override { return inner_.users(); }
  NetworkStore& networks() override;
  DeviceTypeStore& device_types() override;
  DeviceStore& devices() override;
  UserLinkStore& links() override { return inner_.links(); }
  ConfigStore& configuration() override { return inner_.configuration(); }
  PluginStore& plugins() override { return inner_.plugins(); }

 private:
  class DeviceCache;
  class Devices;
  template <class Entity>
  class DeviceOwners;

  Storage& inner_;
  std::unique_ptr<DeviceCache> cache_;
  std::unique_ptr<Devices> devices_;
  std::unique_ptr<DeviceOwners<domain::Network>> networks_;
  std::unique_ptr<DeviceOwners<domain::DeviceType>> device_types_;
};

}  // namespace dh::storage
