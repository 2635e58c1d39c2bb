#pragma once
// What a load run needs before it starts, done over plain HTTP/1.1 (blocking, one keep-alive
// connection, 10 s per request): an access token, and the devices registered.
#include <boost/asio/ip/tcp.hpp>
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

}  // namespace dh::bench
