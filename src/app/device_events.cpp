#include "app/device_events.hpp"

#include <spdlog/spdlog.h>

#include "api/json/views.hpp"

namespace dh::app {

void DeviceEvents::Saved(const domain::Device& device, bool created) {
  domain::Notification notification;
  notification.notification = created ? "$device-add" : "$device-update";
  notification.device_id = device.id;
  std::string parameters;
  core::JsonWriter writer(parameters);
  api::json::WriteDevice(writer, device);
  notification.parameters = std::move(parameters);
  bus_.InsertNotification(
      std::move(notification), [id = device.id](core::Result<hotstore::NotificationPtr> stored) {
        if (!stored) {
          spdlog::warn("cannot publish the change of device {}: {}", id, stored.error().message);
        }
      });
}

void DeviceEvents::Deleted(const std::string& device_id) { bus_.DropDevice(device_id); }

}  // namespace dh::app
