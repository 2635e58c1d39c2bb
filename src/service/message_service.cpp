#include "service/message_service.hpp"

#include "auth/access.hpp"

namespace dh::service {
namespace {

using auth::Action;

core::Error CommandNotFound(int64_t id) {
  return core::Fail(core::Errc::kNotFound,
                    "Command with id = " + std::to_string(id) + " not found");
}

}  // namespace

void MessageService::InsertNotification(const auth::Principal& principal,
                                        const std::string& device_id, NotificationInput input,
                                        bool reserved_names_allowed,
                                        bus::Done<hotstore::NotificationPtr> done) {
  auto device = devices_.FindTarget(principal, device_id, Action::kCreateDeviceNotification);
  if (!device) return done(device.error());
  if (!input.notification || input.notification->empty()) {
    return done(core::Fail(core::Errc::kBadRequest, "Invalid request parameters"));
  }
  if (!reserved_names_allowed &&
      (*input.notification == "$device-add" || *input.notification == "$device-update")) {
    return done(core::Fail(core::Errc::kForbidden,
                           "It's forbidden to insert these special notifications: "
                           "$device-update, $device-add."));
  }
  if (!device->network_id) {
    return done(core::Fail(core::Errc::kForbidden, "Device with deviceId = " + device_id +
                                                       " is not connected to any network"));
  }
  domain::Notification notification;
  notification.notification = std::move(*input.notification);
  notification.device_id = device->id;
  notification.network_id = device->network_id;
  notification.device_type_id = device->device_type_id;
  if (input.timestamp) notification.timestamp = *input.timestamp;
  notification.parameters = std::move(input.parameters);
  bus_.InsertNotification(std::move(notification), std::move(done));
}

void MessageService::GetNotification(const auth::Principal& principal, const std::string& device_id,
                                     int64_t id, bus::Done<hotstore::NotificationPtr> done) {
  auto device = devices_.FindTarget(principal, device_id, Action::kGetDeviceNotification);
  if (!device) return done(device.error());
  hotstore::ListQuery query;
  query.filter.id = id;
  query.filter.device_ids = {device->id};
  bus_.SearchNotifications(
      std::move(query),
      [done = std::move(done)](core::Result<std::vector<hotstore::NotificationPtr>> found) {
        if (!found) return done(found.error());
        if (found->empty()) {
          return done(core::Fail(core::Errc::kNotFound, "Requested notification not found"));
        }
        done(std::move(found->front()));
      });
}

void MessageService::ListNotifications(const auth::Principal& principal,
                                       const std::vector<std::string>& device_ids,
                                       hotstore::ListQuery query,
                                       bus::Done<std::vector<hotstore::NotificationPtr>> done) {
  for (const auto& device_id : device_ids) {
    auto device = devices_.FindTarget(principal, device_id, Action::kGetDeviceNotification);
    if (!device) return done(device.error());
  }
  query.filter.device_ids = device_ids;
  bus_.SearchNotifications(std::move(query), std::move(done));
}

void MessageService::InsertCommand(const auth::Principal& principal, const std::string& device_id,
                                   CommandInput input, bus::Done<hotstore::CommandPtr> done) {
  auto device = devices_.FindTarget(principal, device_id, Action::kCreateDeviceCommand);
  if (!device) return done(device.error());
  domain::Command command;
  command.command = input.command.value_or("");
  command.device_id = device->id;
  command.network_id = device->network_id;
  command.device_type_id = device->device_type_id;
  if (principal.user) command.user_id = principal.user->id;
  if (input.timestamp) command.timestamp = *input.timestamp;
  command.parameters = std::move(input.parameters);
  command.lifetime = input.lifetime;
  command.status = std::move(input.status);
  command.result = std::move(input.result);
  bus_.InsertCommand(std::move(command), std::move(done));
}

void MessageService::UpdateCommand(const auth::Principal& principal, const std::string& device_id,
                                   int64_t command_id, std::optional<std::string> status,
                                   std::optional<std::string> result,
                                   bus::Done<hotstore::CommandPtr> done) {
  auto device = devices_.FindTarget(principal, device_id, Action::kUpdateDeviceCommand);
  if (!device) return done(device.error());
  bus_.UpdateCommand(
      bus::CommandUpdate{device->id, command_id, std::move(status), std::move(result)},
      std::move(done));
}

void MessageService::GetCommand(const auth::Principal& principal, const std::string& device_id,
                                int64_t id, bus::Done<hotstore::CommandPtr> done) {
  auto device = devices_.FindTarget(principal, device_id, Action::kGetDeviceCommand);
  if (!device) return done(device.error());
  hotstore::ListQuery query;
  query.filter.id = id;
  query.filter.device_ids = {device->id};
  bus_.SearchCommands(std::move(query), [done = std::move(done), id](
                                            core::Result<std::vector<hotstore::CommandPtr>> found) {
    if (!found) return done(found.error());
    if (found->empty()) return done(CommandNotFound(id));
    done(std::move(found->front()));
  });
}

void MessageService::ListCommands(const auth::Principal& principal,
                                  const std::vector<std::string>& device_ids,
                                  hotstore::ListQuery query,
                                  bus::Done<std::vector<hotstore::CommandPtr>> done) {
  for (const auto& device_id : device_ids) {
    auto device = devices_.FindTarget(principal, device_id, Action::kGetDeviceCommand);
    if (!device) return done(device.error());
  }
  query.filter.device_ids = device_ids;
  bus_.SearchCommands(std::move(query), std::move(done));
}

}  // namespace dh::service
