#pragma once
// What a load run needs before it starts, done over plain HTTP/1.1 (blocking, one keep-alive
// connection, 10 s per request): an access token, the devices registered, and for the plugin
// mode a plugin registered.
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace dh::bench {

// POST /api/rest/token with login and password; the access token.
core::Result<std::string> FetchToken(const boost::asio::ip::tcp::endpoint& server,
                                     const std::string& login, const std::string& password);

// PUT /api/rest/device/{id} for each id (name = id, the caller's default network).
core::Status RegisterDevices(const boost::asio::ip::tcp::endpoint& server, const std::string& token,
                             const std::vector<std::string>& ids);

// GET /api/rest/device/{id}: the network the device belongs to.
core::Result<int64_t> FetchDeviceNetwork(const boost::asio::ip::tcp::endpoint& server,
                                         const std::string& token, const std::string& device_id);

struct PluginRegistration {
  std::string access_token;  // for "plugin/authenticate" on the proxy
  std::string topic;         // topicName
};

// POST /plugin/rest/plugin?returnNotifications=true&networkIds=<network_id> (a new plugin
// named `name` each call): it receives every notification inserted in that network.
core::Result<PluginRegistration> RegisterPlugin(const boost::asio::ip::tcp::endpoint& server,
                                                const std::string& token, int64_t network_id,
                                                const std::string& name);

// DELETE /plugin/rest/plugin?topicName=<topic>.
core::Status DeletePlugin(const boost::asio::ip::tcp::endpoint& server, const std::string& token,
                          const std::string& topic);

}  // namespace dh::bench
