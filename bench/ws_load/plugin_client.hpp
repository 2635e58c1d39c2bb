#pragma once
// A plugin connection of the plugin mode: connects to the plugin proxy, authenticates with the
// plugin's access token, subscribes to its topic (in subscription group `group`, if any), then
// records every delivery (see ReceiverClient). Worker thread only.
#include <string>

#include "ws_load/receiver_client.hpp"

namespace dh::bench {

// What every connection of one registered plugin shares.
struct PluginAccess {
  std::string access_token;
  std::string topic;
  std::string group;  // empty: no subscription group
};

class PluginClient final : public ReceiverClient {
 public:
  // `access` must outlive the client.
  PluginClient(LoadContext& ctx, const PluginAccess& access);

  void OnOpen() override;
  void OnMessage(std::string_view text) override;

 private:
  const PluginAccess& access_;
};

}  // namespace dh::bench
