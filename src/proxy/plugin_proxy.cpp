#include "proxy/plugin_proxy.hpp"

#include <spdlog/spdlog.h>

#include <vector>

#include "net/websocket/handshake.hpp"
#include "proxy/proxy_session.hpp"

namespace dh::proxy {

void ProxyEnvironment::Join(const std::string& topic, plugin::StatusDone done) {
  std::lock_guard lock(topics_mutex);
  if (connections_by_topic[topic]++ > 0) return done({});
  plugins.Activate(topic, [this, topic, done = std::move(done)](core::Status status) {
    if (!status) {  // not active: the next connection must try again
      std::lock_guard relock(topics_mutex);
      const auto it = connections_by_topic.find(topic);
      if (it != connections_by_topic.end() && --it->second == 0) connections_by_topic.erase(it);
    }
    done(std::move(status));
  });
}

void ProxyEnvironment::Leave(const std::string& topic) {
  std::lock_guard lock(topics_mutex);
  const auto it = connections_by_topic.find(topic);
  if (it == connections_by_topic.end() || --it->second > 0) return;
  connections_by_topic.erase(it);
  if (auto status = plugins.Deactivate(topic); !status) {
    spdlog::warn("plugin {} could not be deactivated: {}", topic, status.error().message);
  }
}

PluginProxy::PluginProxy(const auth::PluginTokens& tokens, plugin::PluginService& plugins,
                         TopicHub& hub, net::websocket::Options options)
    : env_(new ProxyEnvironment{tokens, plugins, hub, options, {}, {}, {}, {}}) {}

PluginProxy::~PluginProxy() = default;

void PluginProxy::Upgrade(boost::asio::ip::tcp::socket socket, net::HttpRequest request,
                          std::shared_ptr<void> slot) {
  auto accept = net::websocket::AcceptResponse(request);
  if (!accept) {
    return net::websocket::RefuseInvalid(std::move(socket));
  }
  auto session = std::make_shared<ProxySession>(std::move(slot), env_);
  auto transport = std::make_shared<net::websocket::Connection>(std::move(socket), env_->options);
  session->Attach(transport);
  transport->Start(std::move(*accept), session);
}

void PluginProxy::CloseAll() {
  std::vector<std::shared_ptr<ProxySession>> alive;
  {
    std::lock_guard lock(env_->sessions_mutex);
    for (ProxySession* session : env_->sessions) {
      if (auto held = session->weak_from_this().lock()) alive.push_back(std::move(held));
    }
  }
  for (const auto& session : alive) session->Close();
}

}  // namespace dh::proxy
