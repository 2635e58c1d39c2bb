#pragma once
// Running one WebSocket API request (spec §4.1) against the action table, for any front door
// that speaks the request format: the WebSocket API itself and MQTT's dh/request topic.
#include <memory>
#include <string>
#include <string_view>

#include "api/ws/action.hpp"
#include "bus/event.hpp"

namespace dh::api::ws {

// Parses `text` and calls its action's handler, which answers through `connection`. Malformed
// JSON, a missing action and an unknown action are answered with DeviceHive's errors.
void Dispatch(const ActionTable& actions, std::string_view text,
              const std::shared_ptr<Connection>& connection);

// The push of an event to a subscription (§4.3):
//   {"action":"notification/insert","notification":{..},"subscriptionId":N}
//   {"action":"command/insert"|"command/update","command":{..},"subscriptionId":N}
std::string PushMessage(int64_t subscription_id, const bus::Event& event);

}  // namespace dh::api::ws
