#pragma once
// The server side of the WebSocket opening handshake (RFC 6455 §4.2).
#include <boost/asio/ip/tcp.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "net/http_types.hpp"

namespace dh::net::websocket {

// Whether the request asks to upgrade to WebSocket.
bool IsUpgrade(const HttpRequest& request);

// The Sec-WebSocket-Accept value for a client's Sec-WebSocket-Key.
std::string AcceptKey(std::string_view client_key);

// The 101 response accepting `request`, or nullopt when the request is not a valid version-13
// handshake (answer 400 then). The first of `subprotocols` the client offered is echoed.
std::optional<std::string> AcceptResponse(
    const HttpRequest& request, std::initializer_list<std::string_view> subprotocols = {});

// Answers an upgrade request that will not be accepted with `status` and a JSON body, then
// closes the connection.
void Refuse(boost::asio::ip::tcp::socket socket, HttpStatus status, std::string json_body);

// Answers a request AcceptResponse refused: 400 "Invalid WebSocket handshake", then closes.
void RefuseInvalid(boost::asio::ip::tcp::socket socket);

}  // namespace dh::net::websocket
