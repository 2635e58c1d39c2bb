#pragma once
// Notifications and commands (spec §3.2-3.3, §4.2): the permission checks and validation a
// front door applies before the request goes over the bus to the backend. Asynchronous: each
// call completes through `done` exactly once (immediately on a refused request).
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "bus/bus.hpp"
#include "service/device_service.hpp"

namespace dh::service {

struct NotificationInput {
  std::optional<std::string> notification;  // the name; required
  std::optional<core::Timestamp> timestamp;
  std::optional<std::string> parameters;  // compact JSON object text
};

struct CommandInput {
  std::optional<std::string> command;  // the name
  std::optional<core::Timestamp> timestamp;
  std::optional<std::string> parameters;
  std::optional<int64_t> lifetime;
  std::optional<std::string> status;
  std::optional<std::string> result;
};

class MessageService {
 public:
  MessageService(DeviceService& devices, bus::Bus& bus) : devices_(devices), bus_(bus) {}

  // `reserved_names_allowed`: REST refuses $device-add/$device-update, WebSocket does not.
  void InsertNotification(const auth::Principal& principal, const std::string& device_id,
                          NotificationInput input, bool reserved_names_allowed,
                          bus::Done<hotstore::NotificationPtr> done);
  // 404 "Requested notification not found" when it is not stored (or expired).
  void GetNotification(const auth::Principal& principal, const std::string& device_id, int64_t id,
                       bus::Done<hotstore::NotificationPtr> done);
  void ListNotifications(const auth::Principal& principal,
                         const std::vector<std::string>& device_ids, hotstore::ListQuery query,
                         bus::Done<std::vector<hotstore::NotificationPtr>> done);

  void InsertCommand(const auth::Principal& principal, const std::string& device_id,
                     CommandInput input, bus::Done<hotstore::CommandPtr> done);
  // Sets status and/or result; 404 "Command with id = X not found" when it is not stored.
  void UpdateCommand(const auth::Principal& principal, const std::string& device_id,
                     int64_t command_id, std::optional<std::string> status,
                     std::optional<std::string> result, bus::Done<hotstore::CommandPtr> done);
  void GetCommand(const auth::Principal& principal, const std::string& device_id, int64_t id,
                  bus::Done<hotstore::CommandPtr> done);
  void ListCommands(const auth::Principal& principal, const std::vector<std::string>& device_ids,
                    hotstore::ListQuery query, bus::Done<std::vector<hotstore::CommandPtr>> done);

 private:
  DeviceService& devices_;
  bus::Bus& bus_;
};

}  // namespace dh::service
