#pragma once
// The relational store of metadata: users, networks, device types, devices, links,
// configuration and plugins. One Storage per process, shared by every thread; the stores it hands
// out live as long as it does. Backends: sqlite (storage/sqlite); each passes tests/contract.
#include "storage/config_store.hpp"
#include "storage/device_store.hpp"
#include "storage/named_entity_store.hpp"
#include "storage/plugin_store.hpp"
#include "storage/user_link_store.hpp"
#include "storage/user_store.hpp"

namespace dh::storage {

class Storage {
 public:
  virtual ~Storage() = default;

  virtual UserStore& users() = 0;
  virtual NetworkStore& networks() = 0;
  virtual DeviceTypeStore& device_types() = 0;
  virtual DeviceStore& devices() = 0;
  virtual UserLinkStore& links() = 0;
  virtual ConfigStore& configuration() = 0;
  virtual PluginStore& plugins() = 0;
};

}  // namespace dh::storage
