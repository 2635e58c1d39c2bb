#pragma once
// A WebSocket API connection as action handlers see it. principal(), SetPrincipal() and the
// subscription list are for the connection's strand (where handlers are called); Send() and
// Track() may be called from any thread.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "bus/event.hpp"

namespace dh::api::ws {

// What subscription/list reports about a subscription.
struct SubscriptionInfo {
  bus::EventKind kind;
  bus::SubscriptionFilter filter;
  std::optional<core::Timestamp> timestamp;
};

class Connection {
 public:
  virtual ~Connection() = default;

  virtual const auth::Principal& principal() const = 0;
  virtual void SetPrincipal(auth::Principal principal) = 0;
  // The Host header of the upgrade request (server/info builds restServerUrl from it).
  virtual const std::string& host() const = 0;

  // Where this connection's subscriptions deliver events.
  virtual std::shared_ptr<bus::EventSink> sink() = 0;
  // Records a subscription the bus registered, so closing the connection removes it.
  virtual void Track(int64_t subscription_id, SubscriptionInfo info) = 0;
  // Forgets subscriptions of one kind group (notifications, or commands with updates) and
  // returns their ids: `id` alone, or all of them when empty.
  virtual std::vector<int64_t> Untrack(bool commands, std::optional<int64_t> id) = 0;
  virtual const std::map<int64_t, SubscriptionInfo>& subscriptions() const = 0;

  // Queues a text message (a response or a push).
  virtual void Send(std::string message) = 0;
};

}  // namespace dh::api::ws
