#pragma once
// Publishes what happens to devices (spec §3.1): a `$device-add` or `$device-update`
// notification carrying the device's JSON after every save (without network and device type,
// so only global subscriptions receive it, as in DeviceHive), and forgets a deleted device's
// hot data and subscriptions.
#include "bus/bus.hpp"
#include "service/device_service.hpp"

namespace dh::app {

class DeviceEvents final : public service::DeviceObserver {
 public:
  explicit DeviceEvents(bus::Bus& bus) : bus_(bus) {}

  void Saved(const domain::Device& device, bool created) override;
  void Deleted(const std::string& device_id) override;

 private:
  bus::Bus& bus_;
};

}  // namespace dh::app
