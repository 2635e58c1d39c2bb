#include "storage/sqlite/config_store.hpp"

namespace dh::storage::sqlite {

core::Result<std::optional<domain::Configuration>> SqliteConfigStore::Get(const std::string& name) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement,
         connection->Prepare(
             "SELECT id, name, value, entity_version FROM configuration WHERE name = ?"));
  DH_TRY(const bool has_row, statement.Bind(1, name).Step());
  if (!has_row) return std::optional<domain::Configuration>();
  return std::optional<domain::Configuration>(domain::Configuration{
      statement.Int(0), statement.Text(1), statement.Text(2), statement.Int(3)});
}

core::Result<domain::Configuration> SqliteConfigStore::Put(const std::string& name,
                                                           const std::string& value) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement,
         connection->Prepare(
             "INSERT INTO configuration (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
             "SET value = excluded.value, entity_version = entity_version + 1 "
             "RETURNING id, name, value, entity_version"));
  DH_TRY(const bool has_row, statement.Bind(1, name).Bind(2, value).Step());
  if (!has_row) return core::Fail(core::Errc::kInternal, "configuration upsert returned no row");
  domain::Configuration stored{statement.Int(0), statement.Text(1), statement.Text(2),
                               statement.Int(3)};
  DH_CHECK(statement.Run());
  return stored;
}

core::Result<bool> SqliteConfigStore::Delete(const std::string& name) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare("DELETE FROM configuration WHERE name = ?"));
  DH_CHECK(statement.Bind(1, name).Run());
  return connection->Changes() > 0;
}

}  // namespace dh::storage::sqlite
