#pragma once
// Subscribing a WebSocket connection, shared by notification/subscribe and command/subscribe.
#include <optional>

#include "api/ws/actions.hpp"

namespace dh::api::ws {

struct SubscribeOptions {
  bus::EventKind kind;
  auth::Action action;  // GetDeviceNotification or GetDeviceCommand
  int64_t history_limit;
};

// Resolves the request's scope (deviceId, networkIds, deviceTypeIds, names, timestamp) within
// the caller's rights, registers the subscription, answers {"subscriptionId": n} and then pushes
// the history (stored items newer than `timestamp`, oldest first).
void SubscribeAndAnswer(ActionCall& call, ActionServices& s, const SubscribeOptions& options);

// notification/unsubscribe and command/unsubscribe: one subscription (`subscriptionId`) or all
// of the group; 404 "Subscription with id X was not found".
void UnsubscribeAndAnswer(ActionCall& call, ActionServices& s, bool commands);

}  // namespace dh::api::ws
