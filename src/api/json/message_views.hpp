#pragma once
// JSON views of notifications and commands (spec §2.9).
#include <string>

#include "bus/event.hpp"
#include "core/json_writer.hpp"
#include "domain/command.hpp"
#include "domain/notification.hpp"

namespace dh::api::json {

// NOTIFICATION_TO_CLIENT: id, notification, deviceId, networkId, deviceTypeId, timestamp,
// parameters.
void WriteNotification(core::JsonWriter& w, const domain::Notification& notification);
// The notification insert reply: id, timestamp.
void WriteNotificationInserted(core::JsonWriter& w, const domain::Notification& notification);
// COMMAND_TO_DEVICE / COMMAND_LISTED / COMMAND_UPDATE_TO_CLIENT: id, command, timestamp,
// lastUpdated, userId, deviceId, networkId, deviceTypeId, parameters, lifetime, status, result.
void WriteCommand(core::JsonWriter& w, const domain::Command& command);
// COMMAND_TO_CLIENT (the insert reply): id, timestamp, lastUpdated, userId.
void WriteCommandInserted(core::JsonWriter& w, const domain::Command& command);

// The event's item in its client view, rendered on first use and shared by every subscriber.
const std::string& ClientView(const bus::Event& event);

}  // namespace dh::api::json
