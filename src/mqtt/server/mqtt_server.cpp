#include "mqtt/server/mqtt_server.hpp"

#include <vector>

namespace dh::mqtt {

MqttServer::MqttServer(boost::asio::io_context& io, MqttServerOptions options, Broker& broker,
                       BrokerHooks* hooks)
    : context_{broker, hooks, options.connection},
      listener_(io, {"mqtt", options.address, options.port, options.max_connections},
                [this](boost::asio::ip::tcp::socket socket, std::shared_ptr<void> slot) {
                  auto connection = std::make_shared<Connection>(std::move(socket), context_);
                  Connection* key = connection.get();
                  {
                    std::lock_guard lock(registry_->mutex);
                    registry_->live.emplace(key, connection);
                  }
                  // Released with the connection: uncounts it and unregisters it.
                  connection->Hold(std::shared_ptr<void>(
                      nullptr, [registry = registry_, key, slot = std::move(slot)](void*) {
                        std::lock_guard lock(registry->mutex);
                        registry->live.erase(key);
                      }));
                  connection->Start();
                }) {}

void MqttServer::Stop() {
  listener_.Stop();
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(registry_->mutex);
    for (const auto& [key, weak] : registry_->live) {
      if (auto connection = weak.lock()) open.push_back(std::move(connection));
    }
  }
  for (const auto& connection : open) connection->Close();
}

}  // namespace dh::mqtt
