// The server side of the opening handshake (RFC 6455 §4.2): what counts as an upgrade request,
// the accept key, the 101 response, and the subprotocol echo.
#include <gtest/gtest.h>

#include <string>

#include "net/websocket/handshake.hpp"

namespace dh::net::websocket {
namespace {

constexpr const char* kRfcKey = "dGhlIHNhbXBsZSBub25jZQ==";
constexpr const char* kRfcAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

// A valid version-13 upgrade request carrying the RFC's sample key.
HttpRequest UpgradeRequest() {
  HttpRequest request{HttpVerb::get, "/api/websocket", 11};
  request.set(HttpField::host, "127.0.0.1");
  request.set(HttpField::connection, "Upgrade");
  request.set(HttpField::upgrade, "websocket");
  request.set(HttpField::sec_websocket_key, kRfcKey);
  request.set(HttpField::sec_websocket_version, "13");
  return request;
}

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// --- accept key ---------------------------------------------------------------------------

TEST(WebSocketHandshake, AcceptKeyOfTheRfcSampleKey) { EXPECT_EQ(AcceptKey(kRfcKey), kRfcAccept); }

TEST(WebSocketHandshake, AcceptKeyIsTwentyEightBase64Characters) {
  const std::string accept = AcceptKey("AQIDBAUGBwgJCgsMDQ4PEA==");
  EXPECT_EQ(accept.size(), 28u);
  EXPECT_EQ(accept.back(), '=');
  EXPECT_NE(accept, kRfcAccept);
}

// --- upgrade requests ---------------------------------------------------------------------

TEST(WebSocketHandshake, UpgradeRequestIsRecognised) { EXPECT_TRUE(IsUpgrade(UpgradeRequest())); }

TEST(WebSocketHandshake, UpgradeTokensMatchInAnyCaseAndConnectionMayListOthers) {
  auto request = UpgradeRequest();
  request.set(HttpField::connection, "keep-alive, UPGRADE");
  request.set(HttpField::upgrade, "WebSocket");
  EXPECT_TRUE(IsUpgrade(request));
}

TEST(WebSocketHandshake, RequestWithoutTheUpgradeTokensIsNotAnUpgrade) {
  auto no_connection = UpgradeRequest();
  no_connection.set(HttpField::connection, "keep-alive");
  EXPECT_FALSE(IsUpgrade(no_connection));
  auto no_upgrade = UpgradeRequest();
  no_upgrade.erase(HttpField::upgrade);
  EXPECT_FALSE(IsUpgrade(no_upgrade));
  auto other_protocol = UpgradeRequest();
  other_protocol.set(HttpField::upgrade, "h2c");
  EXPECT_FALSE(IsUpgrade(other_protocol));
  auto post = UpgradeRequest();
  post.method(HttpVerb::post);
  EXPECT_FALSE(IsUpgrade(post));
}

// --- the 101 response ---------------------------------------------------------------------

TEST(WebSocketHandshake, AcceptResponseSwitchesProtocolsWithTheAcceptKey) {
  const auto response = AcceptResponse(UpgradeRequest());
  ASSERT_TRUE(response);
  EXPECT_TRUE(StartsWith(*response, "HTTP/1.1 101 Switching Protocols\r\n")) << *response;
  EXPECT_NE(response->find("\r\nUpgrade: websocket\r\n"), std::string::npos) << *response;
  EXPECT_NE(response->find("\r\nConnection: Upgrade\r\n"), std::string::npos) << *response;
  EXPECT_NE(response->find(std::string("\r\nSec-WebSocket-Accept: ") + kRfcAccept + "\r\n"),
            std::string::npos)
      << *response;
  EXPECT_TRUE(EndsWith(*response, "\r\n\r\n")) << *response;
  EXPECT_EQ(response->find("\r\n\r\n"), response->size() - 4) << "one blank line, at the end";
  EXPECT_EQ(response->find("Sec-WebSocket-Protocol"), std::string::npos) << *response;
}

TEST(WebSocketHandshake, KeyIsTrimmedBeforeHashing) {
  auto request = UpgradeRequest();
  request.set(HttpField::sec_websocket_key, std::string(" ") + kRfcKey + " ");
  const auto response = AcceptResponse(request);
  ASSERT_TRUE(response);
  EXPECT_NE(response->find(kRfcAccept), std::string::npos) << *response;
}

TEST(WebSocketHandshake, AcceptResponseRejectsAMissingOrMalformedKey) {
  auto missing = UpgradeRequest();
  missing.erase(HttpField::sec_websocket_key);
  EXPECT_FALSE(AcceptResponse(missing));
  auto empty = UpgradeRequest();
  empty.set(HttpField::sec_websocket_key, "");
  EXPECT_FALSE(AcceptResponse(empty));
  auto short_key = UpgradeRequest();
  short_key.set(HttpField::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ=");
  EXPECT_FALSE(AcceptResponse(short_key));
}

TEST(WebSocketHandshake, AcceptResponseRejectsAVersionOtherThan13) {
  for (const char* version : {"8", "12", "14", "13, 8", ""}) {
    auto request = UpgradeRequest();
    request.set(HttpField::sec_websocket_version, version);
    EXPECT_FALSE(AcceptResponse(request)) << version;
  }
  auto missing = UpgradeRequest();
  missing.erase(HttpField::sec_websocket_version);
  EXPECT_FALSE(AcceptResponse(missing));
}

TEST(WebSocketHandshake, AcceptResponseRejectsARequestThatIsNotAnUpgrade) {
  auto request = UpgradeRequest();
  request.set(HttpField::connection, "close");
  EXPECT_FALSE(AcceptResponse(request));
  request = UpgradeRequest();
  request.erase(HttpField::upgrade);
  EXPECT_FALSE(AcceptResponse(request));
  request = UpgradeRequest();
  request.method(HttpVerb::post);
  EXPECT_FALSE(AcceptResponse(request));
}

// --- subprotocols -------------------------------------------------------------------------

TEST(WebSocketHandshake, SubprotocolIsEchoedWhenTheClientOffersIt) {
  auto request = UpgradeRequest();
  request.set(HttpField::sec_websocket_protocol, "chat, DeviceHive");
  const auto response = AcceptResponse(request, {"devicehive"});
  ASSERT_TRUE(response);
  EXPECT_NE(response->find("\r\nSec-WebSocket-Protocol: devicehive\r\n"), std::string::npos)
      << *response;
  EXPECT_TRUE(EndsWith(*response, "\r\n\r\n"));
}

TEST(WebSocketHandshake, SubprotocolIsNotEchoedWhenTheClientDoesNotOfferIt) {
  auto request = UpgradeRequest();
  EXPECT_EQ(AcceptResponse(request, {"devicehive"})->find("Sec-WebSocket-Protocol"),
            std::string::npos);
  request.set(HttpField::sec_websocket_protocol, "chat, devicehive-v2");
  EXPECT_EQ(AcceptResponse(request, {"devicehive"})->find("Sec-WebSocket-Protocol"),
            std::string::npos);
}

TEST(WebSocketHandshake, FirstServerSubprotocolTheClientOffersIsEchoed) {
  auto request = UpgradeRequest();
  request.set(HttpField::sec_websocket_protocol, "mqttv3.1, mqtt");
  const auto response = AcceptResponse(request, {"mqtt", "mqttv3.1"});
  ASSERT_TRUE(response);
  EXPECT_NE(response->find("\r\nSec-WebSocket-Protocol: mqtt\r\n"), std::string::npos);
  EXPECT_EQ(response->find("mqttv3.1"), std::string::npos);
}

TEST(WebSocketHandshake, OfferedSubprotocolIsNotEchoedWhenTheServerHasNone) {
  auto request = UpgradeRequest();
  request.set(HttpField::sec_websocket_protocol, "chat");
  const auto response = AcceptResponse(request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->find("Sec-WebSocket-Protocol"), std::string::npos) << *response;
}

}  // namespace
}  // namespace dh::net::websocket
