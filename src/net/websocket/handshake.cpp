#include "net/websocket/handshake.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <boost/asio/write.hpp>
#include <boost/beast/http/status.hpp>
#include <memory>

#include "core/strings.hpp"

namespace dh::net::websocket {
namespace {

constexpr std::string_view kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// Whether a comma-separated header value lists `token` (any case).
bool ListsToken(std::string_view value, std::string_view token) {
  for (const auto& part : core::SplitList(value)) {
    if (core::EqualsIgnoreCase(part, token)) return true;
  }
  return false;
}

}  // namespace

bool IsUpgrade(const HttpRequest& request) {
  return request.method() == HttpVerb::get &&
         ListsToken(request[HttpField::connection], "upgrade") &&
         core::EqualsIgnoreCase(request[HttpField::upgrade], "websocket");
}

std::string AcceptKey(std::string_view client_key) {
  std::string input(client_key);
  input += kGuid;
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  unsigned char encoded[4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1];
  const int size = EVP_EncodeBlock(encoded, digest, SHA_DIGEST_LENGTH);
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<size_t>(size));
}

std::optional<std::string> AcceptResponse(const HttpRequest& request,
                                          std::initializer_list<std::string_view> subprotocols) {
  const auto key = core::Trim(request[HttpField::sec_websocket_key]);
  if (!IsUpgrade(request) || key.size() != 24 ||
      core::Trim(request[HttpField::sec_websocket_version]) != "13") {
    return std::nullopt;
  }
  std::string response =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Server: devicehive\r\nSec-WebSocket-Accept: ";
  response += AcceptKey(key);
  response += "\r\n";
  for (const auto subprotocol : subprotocols) {
    if (ListsToken(request[HttpField::sec_websocket_protocol], subprotocol)) {
      response += "Sec-WebSocket-Protocol: ";
      response += subprotocol;
      response += "\r\n";
      break;
    }
  }
  response += "\r\n";
  return response;
}

void Refuse(boost::asio::ip::tcp::socket socket, HttpStatus status, std::string json_body) {
  struct Refusal {
    boost::asio::ip::tcp::socket socket;
    std::string bytes;
  };
  auto refusal = std::make_shared<Refusal>(Refusal{std::move(socket), {}});
  refusal->bytes = "HTTP/1.1 " + std::to_string(static_cast<int>(status)) + " " +
                   std::string(boost::beast::http::obsolete_reason(status)) +
                   "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                   "Content-Length: " +
                   std::to_string(json_body.size()) + "\r\n\r\n" + json_body;
  boost::asio::async_write(refusal->socket, boost::asio::buffer(refusal->bytes),
                           [refusal](boost::system::error_code, size_t) {
                             boost::system::error_code ignored;
                             refusal->socket.shutdown(boost::asio::ip::tcp::socket::shutdown_send,
                                                      ignored);
                             refusal->socket.close(ignored);
                           });
}

void RefuseInvalid(boost::asio::ip::tcp::socket socket) {
  Refuse(std::move(socket), HttpStatus::bad_request,
         R"({"error":400,"message":"Invalid WebSocket handshake"})");
}

}  // namespace dh::net::websocket
