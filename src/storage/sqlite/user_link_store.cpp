#include "storage/sqlite/user_link_store.hpp"

namespace dh::storage::sqlite {
namespace {

// Runs `sql` with (user_id, other_id); returns the number of changed rows.
core::Result<int64_t> Write(ConnectionPool& pool, const char* sql, int64_t user_id,
                            int64_t other_id) {
  DH_TRY(auto connection, pool.Acquire());
  DH_TRY(auto statement, connection->Prepare(sql));
  auto status = statement.Bind(1, user_id).Bind(2, other_id).Run();
  if (!status) {
    // A missing user or entity surfaces as a foreign-key failure.
    if (status.error().code == core::Errc::kConflict) {
      return core::Fail(core::Errc::kNotFound, "user or linked entity not found");
    }
    return status.error();
  }
  return connection->Changes();
}

template <class Entity>
core::Result<std::vector<Entity>> Linked(ConnectionPool& pool, const char* sql, int64_t user_id) {
  DH_TRY(auto connection, pool.Acquire());
  DH_TRY(auto statement, connection->Prepare(sql));
  statement.Bind(1, user_id);
  std::vector<Entity> rows;
  for (;;) {
    DH_TRY(const bool has_row, statement.Step());
    if (!has_row) return rows;
    rows.push_back(Entity{statement.Int(0), statement.Text(1), statement.OptText(2)});
  }
}

}  // namespace

core::Status SqliteUserLinkStore::LinkNetwork(int64_t user_id, int64_t network_id) {
  DH_TRY([[maybe_unused]] auto changed,
         Write(pool_, "INSERT OR IGNORE INTO user_network (user_id, network_id) VALUES (?, ?)",
               user_id, network_id));
  return {};
}

core::Result<bool> SqliteUserLinkStore::UnlinkNetwork(int64_t user_id, int64_t network_id) {
  DH_TRY(auto changed, Write(pool_, "DELETE FROM user_network WHERE user_id = ? AND network_id = ?",
                             user_id, network_id));
  return changed > 0;
}

core::Result<std::vector<domain::Network>> SqliteUserLinkStore::Networks(int64_t user_id) {
  return Linked<domain::Network>(
      pool_,
      "SELECT n.id, n.name, n.description FROM network n JOIN user_network l "
      "ON l.network_id = n.id WHERE l.user_id = ? ORDER BY n.id",
      user_id);
}

core::Status SqliteUserLinkStore::LinkDeviceType(int64_t user_id, int64_t device_type_id) {
  DH_TRY(
      [[maybe_unused]] auto changed,
      Write(pool_, "INSERT OR IGNORE INTO user_device_type (user_id, device_type_id) VALUES (?, ?)",
            user_id, device_type_id));
  return {};
}

core::Result<bool> SqliteUserLinkStore::UnlinkDeviceType(int64_t user_id, int64_t device_type_id) {
  DH_TRY(auto changed,
         Write(pool_, "DELETE FROM user_device_type WHERE user_id = ? AND device_type_id = ?",
               user_id, device_type_id));
  return changed > 0;
}

core::Status SqliteUserLinkStore::UnlinkAllDeviceTypes(int64_t user_id) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare("DELETE FROM user_device_type WHERE user_id = ?"));
  return statement.Bind(1, user_id).Run();
}

core::Result<std::vector<domain::DeviceType>> SqliteUserLinkStore::DeviceTypes(int64_t user_id) {
  return Linked<domain::DeviceType>(
      pool_,
      "SELECT t.id, t.name, t.description FROM device_type t JOIN user_device_type l "
      "ON l.device_type_id = t.id WHERE l.user_id = ? ORDER BY t.id",
      user_id);
}

}  // namespace dh::storage::sqlite
