#pragma once
// DeviceHive's MQTT topics (spec proxy-plugin-mqtt.md §4.3):
//   dh/request                                         requests in, as WebSocket API requests
//   dh/response/<action>@<clientId>                    their responses, to that client only
//   dh/notification/<net>/<type>/<device>/<name>       notification events
//   dh/command/<net>/<type>/<device>/<name>            new commands
//   dh/command_update/<net>/<type>/<device>/<name>     command updates
// In an event filter '+', '#' or a missing level means "any" for that position.
#include <optional>
#include <string>
#include <string_view>

#include "bus/event.hpp"
#include "service/subscription_scope.hpp"

namespace dh::mqtt {

inline bool IsDhTopic(std::string_view topic) { return topic == "dh" || topic.starts_with("dh/"); }

// dh/request or a dh/ filter that could match it ("dh", "dh/", "dh/#", "dh/+", ...).
bool CoversRequestTopic(std::string_view filter);

// The action of a response filter ("dh/response/device/list@c1" -> "device/list") when it is
// one for `client_id`; nullopt otherwise.
std::optional<std::string> ResponseAction(std::string_view filter, std::string_view client_id);

struct EventFilter {
  bus::EventKind kind;
  service::SubscriptionScope scope;
};
// An event filter; nullopt when `filter` is not one (or its ids are not numbers).
std::optional<EventFilter> ParseEventFilter(std::string_view filter);

struct EventTopic {
  bus::EventKind kind;
  std::string device_id;
  std::string name;
};
// A concrete event topic a client publishes to (no wildcards); nullopt when not one.
std::optional<EventTopic> ParseEventTopic(std::string_view topic);

// The concrete topic an event is published on.
std::string TopicOf(const bus::Event& event);

}  // namespace dh::mqtt
