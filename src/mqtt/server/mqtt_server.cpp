#include "mqtt/server/mqtt_server.hpp"

#include <algorithm>
#include <boost/asio/io_context.hpp>

#include "mqtt/server/tcp_connection.hpp"
#include "mqtt/server/ws_connection.hpp"
#include "net/websocket/handshake.hpp"

namespace dh::mqtt {

MqttServer::MqttServer(boost::asio::io_context& io, MqttServerOptions options, Broker& broker,
                       BrokerHooks* hooks)
    : deadlines_(io.get_executor(), std::chrono::milliseconds(250), 2048),
      context_{broker, hooks, options.connection, deadlines_},
      websocket_(options.websocket),
      listener_(io, {"mqtt", options.address, options.port, options.max_connections},
                [this](boost::asio::ip::tcp::socket socket, std::shared_ptr<void> slot) {
                  auto connection = std::make_shared<TcpConnection>(std::move(socket), context_);
                  connection->Register(registry_, std::move(slot));
                  connection->Start();
                }) {
  // A packet at the limit plus its fixed header fits in one message.
  websocket_.max_message_bytes =
      std::max(websocket_.max_message_bytes, context_.options.max_packet_size + 5);
}

core::Status MqttServer::Start() {
  auto started = listener_.Start();
  if (started) deadlines_.Start();
  return started;
}

void MqttServer::Upgrade(boost::asio::ip::tcp::socket socket, net::HttpRequest request,
                         std::shared_ptr<void> slot) {
  auto accept = net::websocket::AcceptResponse(request, {"mqtt", "mqttv3.1"});
  if (!accept) {
    return net::websocket::RefuseInvalid(std::move(socket));
  }
  auto connection = std::make_shared<WsConnection>(socket.get_executor(), context_,
                                                   websocket_.max_queued_messages / 2);
  auto wire = std::make_shared<net::websocket::Connection>(std::move(socket), websocket_);
  connection->Attach(wire);
  connection->Register(registry_, std::move(slot));
  connection->Start();
  wire->Start(std::move(*accept), connection);
}

void MqttServer::Stop() {
  listener_.Stop();
  for (const auto& connection : registry_->Live()) connection->Close();
  deadlines_.Stop();
}

}  // namespace dh::mqtt
