#include "api/json/message_views.hpp"

namespace dh::api::json {

void WriteNotification(core::JsonWriter& w, const domain::Notification& notification) {
  w.BeginObject();
  w.FieldInt("id", notification.id);
  w.FieldString("notification", notification.notification);
  w.FieldString("deviceId", notification.device_id);
  w.FieldInt("networkId", notification.network_id);
  w.FieldInt("deviceTypeId", notification.device_type_id);
  w.FieldTime("timestamp", notification.timestamp);
  w.FieldRaw("parameters", notification.parameters);
  w.EndObject();
}

void WriteNotificationInserted(core::JsonWriter& w, const domain::Notification& notification) {
  w.BeginObject();
  w.FieldInt("id", notification.id);
  w.FieldTime("timestamp", notification.timestamp);
  w.EndObject();
}

void WriteCommand(core::JsonWriter& w, const domain::Command& command) {
  w.BeginObject();
  w.FieldInt("id", command.id);
  w.FieldString("command", command.command);
  w.FieldTime("timestamp", command.timestamp);
  w.FieldTime("lastUpdated", command.last_updated);
  w.FieldInt("userId", command.user_id);
  w.FieldString("deviceId", command.device_id);
  w.FieldInt("networkId", command.network_id);
  w.FieldInt("deviceTypeId", command.device_type_id);
  w.FieldRaw("parameters", command.parameters);
  w.FieldInt("lifetime", command.lifetime);
  w.FieldString("status", command.status);
  w.FieldRaw("result", command.result);
  w.EndObject();
}

void WriteCommandInserted(core::JsonWriter& w, const domain::Command& command) {
  w.BeginObject();
  w.FieldInt("id", command.id);
  w.FieldTime("timestamp", command.timestamp);
  w.FieldTime("lastUpdated", command.last_updated);
  w.FieldInt("userId", command.user_id);
  w.EndObject();
}

const std::string& ClientView(const bus::Event& event) {
  std::call_once(event.view_once, [&event] {
    core::JsonWriter w(event.view);
    if (event.notification) {
      WriteNotification(w, *event.notification);
    } else {
      WriteCommand(w, *event.command);
    }
  });
  return event.view;
}

}  // namespace dh::api::json
