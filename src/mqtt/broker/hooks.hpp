#pragma once
// Where the broker asks its embedder (the DeviceHive layer, mqtt/dh) about clients and topics.
// Without hooks the broker is a plain MQTT broker that accepts everyone. Called on the client's
// connection strand; must not block (Authenticate answers asynchronously for that).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "mqtt/broker/session.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

class BrokerHooks {
 public:
  virtual ~BrokerHooks() = default;
  // A CONNECT's credentials. Calls `done(code, state)` once, from any thread and possibly before
  // returning: a CONNACK return code (0 accepts) and the state that becomes the session's
  // hook_state(). Slow checks (a password hash, a database write) belong off the I/O thread;
  // the connection reads nothing more until `done`.
  using AuthenticateDone = std::function<void(uint8_t code, std::shared_ptr<void> state)>;
  virtual void Authenticate(const Connect& connect, AuthenticateDone done) = 0;
  // A PUBLISH the hooks take over (true) instead of routing it as plain MQTT. `done(ok)` then
  // runs once the message is accepted (the broker acknowledges QoS 1/2 only after it) or refused
  // (the broker closes the connection, as 3.1.1 gives no negative acknowledgement).
  virtual bool Publish(Session& session, const Publish& publish,
                       std::function<void(bool ok)> done) = 0;
  // A filter in a SUBSCRIBE: the granted QoS, or kSubAckFailure. `handled` set to true means the
  // hooks serve the filter themselves (the broker does not add it to its topic tree).
  virtual uint8_t Subscribe(Session& session, const std::string& filter, uint8_t qos,
                            bool& handled) = 0;
  virtual void Unsubscribe(Session& session, const std::string& filter) = 0;
  // A persistent session was resumed by a new connection; `previous` is the hook state of its
  // last connection (Ended follows for it; both before CONNACK leaves). The hooks restore the
  // filters they served there, with the rights of the new connection.
  virtual void Resumed(Session& session, const std::shared_ptr<void>& previous) = 0;
  // A hook state is dropped: its session ended (clean session closed, taken over, forgotten) or
  // a resumed session got a new one. Called with no broker lock held.
  virtual void Ended(const std::shared_ptr<void>& state) = 0;
};

}  // namespace dh::mqtt
