#pragma once
// Registration of every REST resource. Each Add*Routes function lives in its own file.
#include <functional>

#include "api/rest/long_poll.hpp"
#include "api/rest/router.hpp"
#include "auth/plugin_tokens.hpp"
#include "auth/token_service.hpp"
#include "core/clock.hpp"
#include "plugin/plugin_service.hpp"
#include "service/configuration_service.hpp"
#include "service/device_service.hpp"
#include "service/message_service.hpp"
#include "service/named_entity_service.hpp"
#include "service/subscription_scope.hpp"
#include "service/user_link_service.hpp"
#include "service/user_service.hpp"

namespace dh::api::rest {

// Runs CPU-heavy work (password hashing) away from the I/O threads.
using BlockingRunner = std::function<void(std::function<void()>)>;

void AddInfoRoutes(Router& frontend, Router& auth, Router& plugin, const core::Clock& clock);
void AddTokenRoutes(Router& auth_routes, auth::TokenService& tokens, BlockingRunner run_blocking);
void AddPluginTokenRoutes(Router& auth_routes, const auth::PluginTokens& tokens);
// `proxy_endpoint`: what registrations return as proxyEndpoint; empty = this server's
// /plugin/proxy as the caller reached it.
void AddPluginRoutes(Router& plugin_routes, plugin::PluginService& plugins,
                     std::string proxy_endpoint);
void AddDeviceRoutes(Router& frontend, service::DeviceService& devices);
void AddNetworkRoutes(Router& frontend, service::NetworkService& networks);
void AddDeviceTypeRoutes(Router& frontend, service::DeviceTypeService& device_types);
void AddUserRoutes(Router& frontend, service::UserService& users);
void AddUserLinkRoutes(Router& frontend, service::UserLinkService& links);
void AddConfigurationRoutes(Router& frontend, service::ConfigurationService& configuration);
void AddNotificationRoutes(Router& frontend, service::MessageService& messages,
                           service::SubscriptionScopes& scopes, const PollContext& context);
void AddCommandRoutes(Router& frontend, service::MessageService& messages,
                      service::DeviceService& devices, service::SubscriptionScopes& scopes,
                      const PollContext& context);

}  // namespace dh::api::rest
