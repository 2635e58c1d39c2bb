#include "plugin/plugin_service.hpp"

#include <cstdio>
#include <random>
#include <regex>

#include "auth/access.hpp"
#include "service/validation.hpp"

namespace dh::plugin {
namespace {

constexpr size_t kMaxFilterText = 256;

core::Error NotFound() { return core::Fail(core::Errc::kNotFound, "Plugin is not found"); }
core::Error NoAccess() { return core::Fail(core::Errc::kForbidden, "No access to plugin"); }

// "plugin_topic_" and a random (version 4) UUID.
std::string NewTopic() {
  thread_local std::mt19937_64 random(std::random_device{}());
  const uint64_t high = (random() & 0xFFFFFFFFFFFF0FFFULL) | 0x4000ULL;
  const uint64_t low = (random() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return "plugin_topic_" + std::string(text);
}

core::Status Validate(const PluginDraft& draft, bool creating) {
  static const std::regex kName(R"([\w@.-]+)");
  static const std::regex kDescription(R"([\w\s@.-]+)");
  service::Violations violations;
  if (creating) violations.CheckNotNull("name", draft.name, "Plugin name is required.");
  violations.CheckLength("name", draft.name, 3, 128,
                         "Field cannot be empty. The length of name should be from 3 to 128 "
                         "symbols.");
  if (draft.name && draft.name->size() <= 128 && !std::regex_match(*draft.name, kName)) {
    violations.Add("name", draft.name,
                   "Name may contain only letters, digits and the symbols _ @ . -");
  }
  violations.CheckLength("description", draft.description, 3, 128,
                         "The length of description should be from 3 to 128 symbols.");
  if (draft.description && draft.description->size() <= 128 &&
      !std::regex_match(*draft.description, kDescription)) {
    violations.Add("description", draft.description,
                   "Description may contain only letters, digits, spaces and the symbols _ @ . -");
  }
  return violations.Result();
}

core::Status ValidateFilter(const PluginFilter& filter) {
  if (!filter.returns_something()) {
    return core::Fail(core::Errc::kBadRequest,
                      "Requested subscription is not valid. Please, set at least one 'return*' "
                      "parameter to true.");
  }
  if (FilterText(filter).size() > kMaxFilterText) {
    return core::Fail(core::Errc::kBadRequest, "Plugin filter is too long (over 256 characters)");
  }
  return {};
}

// Non-admins list only their own plugins; a plugin token only itself.
core::Status Narrow(const auth::Principal& principal, storage::PluginFilter& filter) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManagePlugin));
  if (principal.plugin_topic) {
    filter.topic_name = *principal.plugin_topic;
    return {};
  }
  if (principal.is_admin()) return {};
  if (filter.user_id && *filter.user_id != principal.user->id) return NoAccess();
  filter.user_id = principal.user->id;
  return {};
}

}  // namespace

core::Result<Registration> PluginService::Register(const auth::Principal& principal,
                                                   const PluginDraft& draft,
                                                   const PluginFilter& filter) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManagePlugin));
  if (principal.plugin_topic) {
    return core::Fail(core::Errc::kForbidden, std::string(auth::kAccessDenied));
  }
  DH_CHECK(Validate(draft, true));
  DH_CHECK(ValidateFilter(filter));
  domain::Plugin plugin;
  plugin.name = *draft.name;
  plugin.description = draft.description;
  plugin.parameters = draft.parameters;
  plugin.filter = FilterText(filter);
  plugin.user_id = principal.user->id;
  plugin.topic_name = NewTopic();
  // The caller must be allowed to subscribe to what the filter names, now.
  DH_TRY([[maybe_unused]] auto requests, Requests(plugin, principal));
  DH_TRY(auto created, storage_.plugins().Create(plugin));
  topics_.Create(created.topic_name);
  return Registration{tokens_.Issue(created.topic_name), created.topic_name};
}

core::Result<std::vector<domain::Plugin>> PluginService::List(const auth::Principal& principal,
                                                              storage::PluginQuery query) {
  DH_CHECK(Narrow(principal, query.filter));
  return storage_.plugins().List(query);
}

core::Result<int64_t> PluginService::Count(const auth::Principal& principal,
                                           storage::PluginFilter filter) {
  DH_CHECK(Narrow(principal, filter));
  return storage_.plugins().Count(filter);
}

core::Result<domain::Plugin> PluginService::FindAccessible(const auth::Principal& principal,
                                                           const std::string& topic) {
  DH_CHECK(auth::RequireAction(principal, auth::Action::kManagePlugin));
  // As in DeviceHive, a plugin's own token acts on its plugin whatever topic is named.
  const std::string& wanted = principal.plugin_topic ? *principal.plugin_topic : topic;
  DH_TRY(auto plugin, storage_.plugins().FindByTopic(wanted));
  if (!plugin) return NotFound();
  if (!principal.plugin_topic && !principal.is_admin() && plugin->user_id != principal.user->id) {
    return NoAccess();
  }
  return std::move(*plugin);
}

void PluginService::Update(const auth::Principal& principal, const std::string& topic,
                           PluginChange change, StatusDone done) {
  auto status = [&]() -> core::Result<domain::Plugin> {
    DH_TRY(auto plugin, FindAccessible(principal, topic));
    if (change.status == domain::PluginStatus::kCreated) {
      return core::Fail(core::Errc::kBadRequest,
                        "Cannot change status of existing plugin to Created.");
    }
    DH_CHECK(ValidateFilter(change.filter));
    DH_CHECK(Validate(change.fields, false));
    const bool status_changes = change.status && *change.status != plugin.status;
    if (change.filter.any() && !status_changes && plugin.status == domain::PluginStatus::kActive) {
      return core::Fail(core::Errc::kBadRequest,
                        "Plugin's subscription filter can't be updated if plugin is ACTIVE");
    }
    if (change.fields.name) plugin.name = *change.fields.name;
    if (change.fields.description) plugin.description = change.fields.description;
    if (change.fields.parameters) plugin.parameters = change.fields.parameters;
    if (change.filter.any()) plugin.filter = FilterText(change.filter);
    if (status_changes && *change.status == domain::PluginStatus::kInactive) {
      DH_CHECK(Stop(plugin));
      plugin.status = domain::PluginStatus::kInactive;
    }
    DH_TRY([[maybe_unused]] bool updated, storage_.plugins().Update(plugin));
    return plugin;
  }();
  if (!status) return done(status.error());
  if (change.status == domain::PluginStatus::kActive &&
      status->status != domain::PluginStatus::kActive) {
    return Start(std::move(*status), std::move(done));
  }
  done({});
}

core::Status PluginService::Delete(const auth::Principal& principal, const std::string& topic) {
  DH_TRY(auto plugin, FindAccessible(principal, topic));
  DH_CHECK(Stop(plugin));
  topics_.Remove(plugin.topic_name);
  DH_TRY([[maybe_unused]] bool deleted, storage_.plugins().Delete(plugin.id));
  return {};
}

}  // namespace dh::plugin
