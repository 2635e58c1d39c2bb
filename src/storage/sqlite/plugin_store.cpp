#include "storage/sqlite/plugin_store.hpp"

#include "storage/sqlite/sql_builder.hpp"

namespace dh::storage::sqlite {
namespace {

constexpr const char* kSelectPlugins =
    "SELECT id, name, description, topic_name, filter, status, subscription_id, user_id, "
    "parameters FROM plugin";

int64_t StatusValue(domain::PluginStatus status) { return static_cast<int64_t>(status); }

void Restrict(SqlBuilder& builder, const PluginFilter& filter) {
  builder.NameMatches(filter.name, "name");
  if (filter.topic_name) builder.Where("topic_name = ?").Param(*filter.topic_name);
  if (filter.status) builder.Where("status = ?").Param(StatusValue(*filter.status));
  if (filter.user_id) builder.Where("user_id = ?").Param(*filter.user_id);
}

}  // namespace

core::Result<std::vector<domain::Plugin>> SqlitePluginStore::Select(const SqlBuilder& builder) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  std::vector<domain::Plugin> plugins;
  for (;;) {
    DH_TRY(const bool has_row, statement.Step());
    if (!has_row) return plugins;
    domain::Plugin plugin;
    plugin.id = statement.Int(0);
    plugin.name = statement.Text(1);
    plugin.description = statement.OptText(2);
    plugin.topic_name = statement.Text(3);
    plugin.filter = statement.Text(4);
    plugin.status = static_cast<domain::PluginStatus>(statement.Int(5));
    plugin.subscription_id = statement.OptInt(6);
    plugin.user_id = statement.Int(7);
    plugin.parameters = statement.OptText(8);
    plugins.push_back(std::move(plugin));
  }
}

core::Result<domain::Plugin> SqlitePluginStore::Create(const domain::Plugin& plugin) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement,
         connection->Prepare("INSERT INTO plugin (name, description, topic_name, filter, status, "
                             "subscription_id, user_id, parameters) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  DH_CHECK(statement.Bind(1, plugin.name)
               .Bind(2, plugin.description)
               .Bind(3, plugin.topic_name)
               .Bind(4, plugin.filter)
               .Bind(5, StatusValue(plugin.status))
               .Bind(6, plugin.subscription_id)
               .Bind(7, plugin.user_id)
               .Bind(8, plugin.parameters)
               .Run());
  domain::Plugin created = plugin;
  created.id = connection->LastInsertId();
  return created;
}

core::Result<std::optional<domain::Plugin>> SqlitePluginStore::FindByTopic(
    const std::string& topic) {
  SqlBuilder builder(kSelectPlugins);
  builder.Where("topic_name = ?").Param(topic);
  DH_TRY(auto plugins, Select(builder));
  if (plugins.empty()) return std::optional<domain::Plugin>();
  return std::optional<domain::Plugin>(std::move(plugins.front()));
}

core::Result<std::vector<domain::Plugin>> SqlitePluginStore::List(const PluginQuery& query) {
  SqlBuilder builder(kSelectPlugins);
  Restrict(builder, query.filter);
  const char* column = query.sort == PluginSort::kId     ? "id"
                       : query.sort == PluginSort::kName ? "name"
                                                         : "";
  builder.OrderAndPage(column, query.order, "id", query.page);
  return Select(builder);
}

core::Result<int64_t> SqlitePluginStore::Count(const PluginFilter& filter) {
  SqlBuilder builder("SELECT count(*) FROM plugin");
  Restrict(builder, filter);
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  DH_TRY(const bool has_row, statement.Step());
  return has_row ? statement.Int(0) : 0;
}

core::Result<bool> SqlitePluginStore::Update(const domain::Plugin& plugin) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement,
         connection->Prepare("UPDATE plugin SET name = ?, description = ?, filter = ?, "
                             "status = ?, subscription_id = ?, parameters = ? WHERE id = ?"));
  DH_CHECK(statement.Bind(1, plugin.name)
               .Bind(2, plugin.description)
               .Bind(3, plugin.filter)
               .Bind(4, StatusValue(plugin.status))
               .Bind(5, plugin.subscription_id)
               .Bind(6, plugin.parameters)
               .Bind(7, plugin.id)
               .Run());
  return connection->Changes() > 0;
}

core::Result<bool> SqlitePluginStore::Delete(int64_t id) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare("DELETE FROM plugin WHERE id = ?"));
  DH_CHECK(statement.Bind(1, id).Run());
  return connection->Changes() > 0;
}

core::Result<int64_t> SqlitePluginStore::DeactivateAll() {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare("UPDATE plugin SET status = ?, subscription_id = NULL "
                                             "WHERE status = ?"));
  DH_CHECK(statement.Bind(1, StatusValue(domain::PluginStatus::kInactive))
               .Bind(2, StatusValue(domain::PluginStatus::kActive))
               .Run());
  return connection->Changes();
}

}  // namespace dh::storage::sqlite
