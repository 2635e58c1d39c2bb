#pragma once
// The action table of the WebSocket API: every action of spec §4.2, one file per group.
#include <functional>

#include "api/ws/action.hpp"
#include "auth/authenticator.hpp"
#include "auth/token_service.hpp"
#include "bus/bus.hpp"
#include "core/clock.hpp"
#include "service/configuration_service.hpp"
#include "service/device_service.hpp"
#include "service/message_service.hpp"
#include "service/named_entity_service.hpp"
#include "service/subscription_scope.hpp"
#include "service/user_link_service.hpp"
#include "service/user_service.hpp"

namespace dh::api::ws {

struct ActionServices {
  const auth::Authenticator& authenticator;
  auth::TokenService& tokens;
  // Runs CPU-heavy work (password hashing) away from the I/O threads.
  std::function<void(std::function<void()>)> run_blocking;
  const core::Clock& clock;
  bus::Bus& bus;
  service::DeviceService& devices;
  service::NetworkService& networks;
  service::DeviceTypeService& device_types;
  service::UserService& users;
  service::UserLinkService& user_links;
  service::ConfigurationService& configuration;
  service::MessageService& messages;
  service::SubscriptionScopes& scopes;
};

ActionTable BuildActionTable(ActionServices& services);

void AddSessionActions(ActionTable& table,
                       ActionServices& services);  // authenticate, token*, server/info
void AddDeviceActions(ActionTable& table, ActionServices& services);
void AddNamedEntityActions(ActionTable& table,
                           ActionServices& services);  // network/*, devicetype/*
void AddUserActions(ActionTable& table, ActionServices& services);
void AddConfigurationActions(ActionTable& table, ActionServices& services);
void AddNotificationActions(ActionTable& table, ActionServices& services);
void AddCommandActions(ActionTable& table, ActionServices& services);
void AddSubscriptionActions(ActionTable& table, ActionServices& services);  // subscription/list

}  // namespace dh::api::ws
