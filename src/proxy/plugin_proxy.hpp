#pragma once
// The plugin proxy at /plugin/proxy (spec §1.7, §3.5): plugins authenticate with their access
// token, subscribe to their topic (optionally in a subscription group) and receive the events
// their filter matches. A plugin is ACTIVE while at least one of its connections is
// authenticated, INACTIVE once the last one closes (DeviceHive deactivated it on the first
// close, silencing the other members of a group).
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include "auth/plugin_tokens.hpp"
#include "net/websocket/connection.hpp"
#include "net/websocket_handler.hpp"
#include "plugin/plugin_service.hpp"
#include "proxy/topic_hub.hpp"

namespace dh::proxy {

class ProxySession;

// What every proxy connection shares; owned jointly by the PluginProxy and its sessions (see
// api/ws/ws_api.hpp for why).
struct ProxyEnvironment {
  const auth::PluginTokens& tokens;
  plugin::PluginService& plugins;
  TopicHub& hub;
  net::websocket::Options options;

  // Counts a newly authenticated connection of `topic`; activates the plugin on the first. A
  // connection whose activation failed is not counted (the caller must not Leave).
  void Join(const std::string& topic, plugin::StatusDone done);
  // Uncounts a closed connection; deactivates the plugin after the last.
  void Leave(const std::string& topic);

  // Held while (de)activating, so a plugin's activations and deactivations are ordered.
  // Recursive: an activation may complete (and un-count a failed join) inside Join.
  std::recursive_mutex topics_mutex;
  std::map<std::string, size_t> connections_by_topic;
  // Separate: a session may be destroyed (and unregister) inside an activation's callback.
  std::mutex sessions_mutex;
  std::unordered_set<ProxySession*> sessions;  // live ones, for a graceful shutdown
};

class PluginProxy final : public net::WebSocketHandler {
 public:
  PluginProxy(const auth::PluginTokens& tokens, plugin::PluginService& plugins, TopicHub& hub,
              net::websocket::Options options);
  ~PluginProxy() override;

  // Accepts any valid handshake (authentication is the first message); 400 otherwise.
  void Upgrade(boost::asio::ip::tcp::socket socket, net::HttpRequest request,
               std::shared_ptr<void> slot) override;
  // Closes every connection with 1001 "going away".
  void CloseAll();

 private:
  std::shared_ptr<ProxyEnvironment> env_;
};

}  // namespace dh::proxy
