#pragma once
// The DeviceHive layer of the MQTT broker (spec proxy-plugin-mqtt.md §4, and beyond it):
//  - CONNECT with username + password logs in (a password that is an access JWT authenticates
//    with that token); wrong credentials get CONNACK 5. Without credentials a client connects
//    unauthorized and may authenticate through dh/request.
//  - dh/request runs the payload as a WebSocket API request, straight through the action table;
//    responses go to dh/response/<action>@<clientId> (dh_client.hpp).
//  - SUBSCRIBE to dh/notification|command|command_update/<net>/<type>/<device>/<name> makes a
//    bus subscription with the client's rights (SUBACK 0x80 where refused); events arrive on
//    their concrete topics with the WebSocket push as payload, QoS 0.
//  - PUBLISH of a JSON object to dh/notification/.../<device>/<name> inserts a notification (the
//    object is its parameters), to dh/command/.../<device>/<name> a command, with the REST API's
//    permission checks; QoS 1/2 are acknowledged once the backend accepted it.
// Every other topic is plain MQTT. DeviceHive subscriptions belong to a connection: a resumed
// persistent session keeps its plain subscriptions but not its dh/ ones.
#include <memory>

#include "api/ws/action.hpp"
#include "auth/authenticator.hpp"
#include "auth/token_service.hpp"
#include "bus/bus.hpp"
#include "mqtt/broker/hooks.hpp"
#include "service/message_service.hpp"
#include "service/subscription_scope.hpp"

namespace dh::mqtt {

class DhClient;

struct DhServices {
  const api::ws::ActionTable& actions;
  const auth::Authenticator& authenticator;
  auth::TokenService& tokens;
  bus::Bus& bus;
  service::MessageService& messages;
  service::SubscriptionScopes& scopes;
  // Runs slow work (a password check) off the I/O threads.
  std::function<void(std::function<void()>)> run_blocking;
};

class DhHooks final : public BrokerHooks {
 public:
  explicit DhHooks(DhServices services) : services_(services) {}

  void Authenticate(const Connect& connect, AuthenticateDone done) override;
  bool Publish(Session& session, const mqtt::Publish& publish,
               std::function<void(bool ok)> done) override;
  uint8_t Subscribe(Session& session, const std::string& filter, uint8_t qos,
                    bool& handled) override;
  void Unsubscribe(Session& session, const std::string& filter) override;
  void Resumed(Session& session, const std::shared_ptr<void>& previous) override;
  void Ended(const std::shared_ptr<void>& state) override;

 private:
  // The state of a client that presented `token` (rc 5 when it is no valid access token).
  std::pair<uint8_t, std::shared_ptr<void>> Accept(const std::string& token,
                                                   const std::string& client_id) const;
  std::shared_ptr<DhClient> ClientOf(Session& session);
  void Insert(DhClient& client, const mqtt::Publish& publish, std::function<void(bool)> done);
  uint8_t SubscribeEvents(DhClient& client, const std::string& filter);

  DhServices services_;
};

}  // namespace dh::mqtt
