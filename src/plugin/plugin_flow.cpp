// Switching a plugin's event flow on and off (see plugin_service.hpp).
#include <spdlog/spdlog.h>

#include "auth/user_rights.hpp"
#include "plugin/plugin_service.hpp"

namespace dh::plugin {
namespace {

// Collects the replies of a plugin's subscribe calls.
struct Pending {
  std::mutex mutex;
  size_t remaining = 0;
  std::vector<int64_t> ids;
  std::optional<core::Error> error;
};

}  // namespace

core::Result<std::vector<bus::SubscribeRequest>> PluginService::Requests(
    const domain::Plugin& plugin, const auth::Principal& rights) {
  DH_TRY(auto filter, ParseFilterText(plugin.filter));
  const FilterKinds kinds = KindsOf(filter);
  service::SubscriptionScope scope{filter.device_id, filter.network_ids, filter.device_type_ids,
                                   filter.names.value_or(std::vector<std::string>{})};
  std::vector<bus::SubscribeRequest> requests;
  const auto add = [&](bus::EventKind kind, auth::Action action) -> core::Status {
    DH_TRY(auto resolved, scopes_.Resolve(rights, scope, action));
    if (service::GrantsNothing(resolved)) return {};
    bus::SubscribeRequest request;
    request.kind = kind;
    request.filter = std::move(resolved);
    requests.push_back(std::move(request));
    return {};
  };
  if (kinds.notifications) {
    DH_CHECK(add(bus::EventKind::kNotification, auth::Action::kGetDeviceNotification));
  }
  if (kinds.commands) DH_CHECK(add(bus::EventKind::kCommand, auth::Action::kGetDeviceCommand));
  if (kinds.updated_commands) {
    DH_CHECK(add(bus::EventKind::kCommandUpdate, auth::Action::kGetDeviceCommand));
  }
  return requests;
}

void PluginService::Activate(const std::string& topic, StatusDone done) {
  auto plugin = storage_.plugins().FindByTopic(topic);
  if (!plugin) return done(plugin.error());
  if (!*plugin) return done(core::Fail(core::Errc::kNotFound, "Plugin is not found"));
  Start(std::move(**plugin), std::move(done));
}

void PluginService::Start(domain::Plugin plugin, StatusDone done) {
  const int64_t subscription_id = ids_.Next();
  {
    std::lock_guard lock(mutex_);
    const Flow flow{subscription_id, plugin.user_id, {}};
    if (!flows_.emplace(plugin.topic_name, flow).second) return done({});
  }
  const std::string topic = plugin.topic_name;
  const auto forget = [this, &topic, subscription_id] {
    std::lock_guard lock(mutex_);
    const auto it = flows_.find(topic);
    if (it != flows_.end() && it->second.subscription_id == subscription_id) flows_.erase(it);
  };
  auto requests = [&]() -> core::Result<std::vector<bus::SubscribeRequest>> {
    DH_TRY(auto owner, storage_.users().Get(plugin.user_id));
    if (!owner || owner->status != domain::UserStatus::kActive) {
      return core::Fail(core::Errc::kForbidden, "The plugin's owner is not active");
    }
    DH_TRY(auto rights, auth::UserRights(storage_, std::move(*owner)));
    DH_TRY(auto made, Requests(plugin, rights));
    plugin.status = domain::PluginStatus::kActive;
    plugin.subscription_id = subscription_id;
    DH_TRY([[maybe_unused]] bool updated, storage_.plugins().Update(plugin));
    return made;
  }();
  if (!requests) {
    forget();
    return done(requests.error());
  }
  if (requests->empty()) return done({});  // the owner sees nothing the filter names

  auto pending = std::make_shared<Pending>();
  pending->remaining = requests->size();
  const auto finish = [this, topic, subscription_id, pending, done = std::move(done)] {
    std::unique_lock lock(mutex_);
    const auto it = flows_.find(topic);
    const bool current = it != flows_.end() && it->second.subscription_id == subscription_id;
    if (current && !pending->error) {
      it->second.bus_ids = pending->ids;
      lock.unlock();
      return done({});
    }
    if (current) flows_.erase(it);
    lock.unlock();
    // Stopped meanwhile, or a subscribe failed: undo what did subscribe.
    bus_.Unsubscribe(pending->ids);
    if (!pending->error) return done({});
    spdlog::warn("plugin {} could not subscribe: {}", topic, pending->error->message);
    done(*pending->error);
  };
  for (auto& request : *requests) {
    request.sink = topics_.SinkFor(topic, std::to_string(subscription_id));
    bus_.Subscribe(std::move(request), [pending, finish](core::Result<bus::Subscribed> result) {
      bool last = false;
      {
        std::lock_guard lock(pending->mutex);
        if (result) {
          pending->ids.push_back(result->subscription_id);
        } else if (!pending->error) {
          pending->error = result.error();
        }
        last = --pending->remaining == 0;
      }
      if (last) finish();
    });
  }
}

void PluginService::EndFlow(const std::string& topic) {
  std::vector<int64_t> ids;
  {
    std::lock_guard lock(mutex_);
    const auto it = flows_.find(topic);
    if (it == flows_.end()) return;
    // A flow still subscribing has no ids yet: its finish finds it gone and undoes them.
    ids = std::move(it->second.bus_ids);
    flows_.erase(it);
  }
  if (!ids.empty()) bus_.Unsubscribe(std::move(ids));
}

core::Status PluginService::Stop(domain::Plugin& plugin) {
  EndFlow(plugin.topic_name);
  if (plugin.status == domain::PluginStatus::kActive) {
    plugin.status = domain::PluginStatus::kInactive;
  }
  plugin.subscription_id.reset();
  return {};
}

void PluginService::UserRevoked(int64_t user_id) {
  std::vector<std::string> topics;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [topic, flow] : flows_) {
      if (flow.owner == user_id) topics.push_back(topic);
    }
  }
  for (const auto& topic : topics) {
    EndFlow(topic);  // also when the plugin went with its owner and Deactivate finds no row
    if (auto deactivated = Deactivate(topic); !deactivated) {
      spdlog::warn("plugin {}: cannot mark it INACTIVE: {}", topic, deactivated.error().message);
    }
  }
  if (!topics.empty()) {
    spdlog::info("user {} revoked: stopped the event flows of {} plugin(s)", user_id,
                 topics.size());
  }
}

core::Status PluginService::Deactivate(const std::string& topic) {
  DH_TRY(auto plugin, storage_.plugins().FindByTopic(topic));
  if (!plugin) return {};                          // deleted meanwhile
  plugin->status = domain::PluginStatus::kActive;  // Stop turns it INACTIVE
  DH_CHECK(Stop(*plugin));
  DH_TRY([[maybe_unused]] bool updated, storage_.plugins().Update(*plugin));
  return {};
}

}  // namespace dh::plugin
