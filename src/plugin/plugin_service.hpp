#pragma once
// The plugin service (spec §3.10): register, list, count, update and delete plugins, and switch
// a plugin's event flow on (ACTIVE) and off (INACTIVE).
//
// Activation subscribes, through the bus, one subscription per kind of event the plugin's filter
// asks for (notifications, new commands, command updates), each publishing into the plugin's
// topic. The filter is resolved with the OWNER's current rights, so a plugin never sees more
// than its owner does (DeviceHive subscribed unscoped filters globally). Thread-safe.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/plugin_tokens.hpp"
#include "bus/bus.hpp"
#include "core/id_generator.hpp"
#include "domain/plugin.hpp"
#include "plugin/filter.hpp"
#include "plugin/topics.hpp"
#include "service/subscription_scope.hpp"
#include "service/user_service.hpp"
#include "storage/storage.hpp"

namespace dh::plugin {

// Fields of a registration or an update; empty ones are left unchanged on update.
struct PluginDraft {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> parameters;  // compact JSON object text
};

struct PluginChange {
  std::optional<domain::PluginStatus> status;
  PluginDraft fields;
  PluginFilter filter;
};

struct Registration {
  auth::TokenPair tokens;
  std::string topic;
};

using StatusDone = std::function<void(core::Status)>;

class PluginService final : public service::UserRevocations {
 public:
  PluginService(storage::Storage& storage, const auth::PluginTokens& tokens,
                service::SubscriptionScopes& scopes, bus::Bus& bus, Topics& topics,
                core::IdGenerator& ids)
      : storage_(storage),
        tokens_(tokens),
        scopes_(scopes),
        bus_(bus),
        topics_(topics),
        ids_(ids) {}

  // Needs ManagePlugin (and a user, not a plugin, token). The filter must be one the caller may
  // subscribe to. The plugin starts CREATED, with its topic and a token pair.
  core::Result<Registration> Register(const auth::Principal& principal, const PluginDraft& draft,
                                      const PluginFilter& filter);
  // Non-admins see their own plugins only (403 "No access to plugin" when asking for another
  // user's); a plugin token sees its own plugin.
  core::Result<std::vector<domain::Plugin>> List(const auth::Principal& principal,
                                                 storage::PluginQuery query);
  core::Result<int64_t> Count(const auth::Principal& principal, storage::PluginFilter filter);
  // PUT /plugin. 404 "Plugin is not found", 403 "No access to plugin"; a plugin token always
  // changes its own plugin. Completes through `done`, on any thread.
  void Update(const auth::Principal& principal, const std::string& topic, PluginChange change,
              StatusDone done);
  // Stops the plugin's events, removes its topic and deletes it.
  core::Status Delete(const auth::Principal& principal, const std::string& topic);

  // The proxy's calls: a plugin connected (ACTIVE; a no-op when it already is) or its last
  // connection closed (INACTIVE).
  void Activate(const std::string& topic, StatusDone done);
  core::Status Deactivate(const std::string& topic);

  // The owner was deleted or is no longer ACTIVE: its plugins' flows stop (nothing more is
  // published into their topics) and plugins that still exist are marked INACTIVE. Connected
  // proxy clients stay connected; reactivating needs an ACTIVE owner (Activate checks).
  void UserRevoked(int64_t user_id) override;

 private:
  struct Flow {
    int64_t subscription_id = 0;
    int64_t owner = 0;             // the plugin's user
    std::vector<int64_t> bus_ids;  // filled once every subscribe completed
  };

  core::Result<domain::Plugin> FindAccessible(const auth::Principal& principal,
                                              const std::string& topic);
  void Start(domain::Plugin plugin, StatusDone done);
  // The subscriptions (without sinks) the plugin's filter makes within `rights`.
  core::Result<std::vector<bus::SubscribeRequest>> Requests(const domain::Plugin& plugin,
                                                            const auth::Principal& rights);
  // Ends the flow into `topic`, if one runs: its bus subscriptions are cancelled.
  void EndFlow(const std::string& topic);
  core::Status Stop(domain::Plugin& plugin);

  storage::Storage& storage_;
  const auth::PluginTokens& tokens_;
  service::SubscriptionScopes& scopes_;
  bus::Bus& bus_;
  Topics& topics_;
  core::IdGenerator& ids_;

  std::mutex mutex_;
  std::map<std::string, Flow> flows_;  // by topic: plugins whose events flow
};

}  // namespace dh::plugin
