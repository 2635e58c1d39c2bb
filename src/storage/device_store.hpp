#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/device.hpp"
#include "storage/query.hpp"

namespace dh::storage {

struct DeviceFilter {
  NameFilter names;
  std::optional<int64_t> network_id;
  std::optional<std::string> network_name;
  std::optional<int64_t> device_type_id;
};

enum class DeviceSort { kNone, kName, kNetwork, kDeviceType, kStatus };

struct DeviceQuery {
  DeviceFilter filter;
  DeviceSort sort = DeviceSort::kNone;
  SortOrder order = SortOrder::kAsc;
  Page page;
};

// Devices. Thread-safe; each method is atomic. Failures: kBadRequest when a network or device
// type id does not exist, kUnavailable when the database is busy or down.
class DeviceStore {
 public:
  virtual ~DeviceStore() = default;

  // The device with this id if it exists and is in scope, else nullopt.
  virtual core::Result<std::optional<domain::Device>> Get(const std::string& id,
                                                          const DeviceScope& scope) = 0;
  virtual core::Result<std::vector<domain::Device>> List(const DeviceQuery& query,
                                                         const DeviceScope& scope) = 0;
  virtual core::Result<int64_t> Count(const DeviceFilter& filter, const DeviceScope& scope) = 0;
  // Inserts the device, or overwrites every field of the one with the same id. Returns true
  // when it was created.
  virtual core::Result<bool> Save(const domain::Device& device) = 0;
  // False when there is no such device.
  virtual core::Result<bool> Delete(const std::string& id) = 0;
};

}  // namespace dh::storage
