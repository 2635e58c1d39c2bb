#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/plugin.hpp"
#include "storage/query.hpp"

namespace dh::storage {

struct PluginFilter {
  NameFilter name;  // both apply when both are given
  std::optional<std::string> topic_name;
  std::optional<domain::PluginStatus> status;
  std::optional<int64_t> user_id;
};

enum class PluginSort { kNone, kId, kName };

struct PluginQuery {
  PluginFilter filter;
  PluginSort sort = PluginSort::kNone;
  SortOrder order = SortOrder::kAsc;
  Page page;
};

// Plugins. Thread-safe; each method is atomic. Failures: kConflict for a duplicate topic name,
// kUnavailable when the database is busy or down; creating a plugin for an unknown user is
// kConflict.
// Deleting a user deletes its plugins.
class PluginStore {
 public:
  virtual ~PluginStore() = default;

  // Inserts a new plugin (plugin.id is ignored) and returns it with its id.
  virtual core::Result<domain::Plugin> Create(const domain::Plugin& plugin) = 0;
  virtual core::Result<std::optional<domain::Plugin>> FindByTopic(const std::string& topic) = 0;
  virtual core::Result<std::vector<domain::Plugin>> List(const PluginQuery& query) = 0;
  virtual core::Result<int64_t> Count(const PluginFilter& filter) = 0;
  // Overwrites every field of plugin.id but topic_name and user_id; false when absent.
  virtual core::Result<bool> Update(const domain::Plugin& plugin) = 0;
  // False when there is no such plugin.
  virtual core::Result<bool> Delete(int64_t id) = 0;
  // Marks every ACTIVE plugin INACTIVE and clears its subscription id (at start: no plugin is
  // connected yet); returns how many changed.
  virtual core::Result<int64_t> DeactivateAll() = 0;
};

}  // namespace dh::storage
