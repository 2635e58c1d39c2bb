#pragma once
// Devices (spec §3.1): listing within the principal's scope, registration (create or update)
// with DeviceHive's default-network and default-device-type rules, deletion.
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "core/error.hpp"
#include "domain/device.hpp"
#include "storage/storage.hpp"

namespace dh::service {

// The body of PUT /device/{id} (DeviceUpdate). Absent fields keep their stored value, except
// `data`, which is always replaced (null when absent), as in DeviceHive.
struct DeviceUpdate {
  std::optional<std::string> name;
  std::optional<std::string> data;
  std::optional<int64_t> network_id;
  std::optional<int64_t> device_type_id;
  std::optional<bool> is_blocked;
};

// Told about every device saved or deleted through the service (the server publishes
// $device-add / $device-update notifications and forgets a deleted device's hot data).
class DeviceObserver {
 public:
  virtual ~DeviceObserver() = default;
  virtual void Saved(const domain::Device& device, bool created) = 0;
  virtual void Deleted(const std::string& device_id) = 0;
};

struct DeviceSaved {
  domain::Device device;  // as stored
  bool created = false;
};

class DeviceService {
 public:
  explicit DeviceService(storage::Storage& storage, DeviceObserver* observer = nullptr)
      : storage_(storage), observer_(observer) {}

  core::Result<std::vector<domain::Device>> List(const auth::Principal& principal,
                                                 const storage::DeviceQuery& query);
  core::Result<int64_t> Count(const auth::Principal& principal,
                              const storage::DeviceFilter& filter);
  // A device named by a request, after the GetDevice check: 404 when the principal sees every
  // device and it does not exist, else 403 when it is not visible (spec §5.3).
  core::Result<domain::Device> Get(const auth::Principal& principal, const std::string& id);
  core::Result<DeviceSaved> Save(const auth::Principal& principal, const std::string& id,
                                 const DeviceUpdate& update);
  core::Status Delete(const auth::Principal& principal, const std::string& id);

  // Like Get, for any action (e.g. CreateDeviceNotification).
  core::Result<domain::Device> FindTarget(const auth::Principal& principal, const std::string& id,
                                          auth::Action action);

 private:
  core::Result<int64_t> ResolveNetwork(const auth::Principal& principal,
                                       std::optional<int64_t> requested);
  core::Result<int64_t> ResolveDeviceType(const auth::Principal& principal,
                                          std::optional<int64_t> requested);

  storage::Storage& storage_;
  DeviceObserver* observer_;
};

// Whether `id` is a device id DeviceHive accepts for registration: 1-48 of [a-zA-Z0-9-].
bool IsValidDeviceId(std::string_view id);

}  // namespace dh::service
