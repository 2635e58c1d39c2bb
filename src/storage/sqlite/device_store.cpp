#include "storage/sqlite/device_store.hpp"

#include "storage/sqlite/sql_builder.hpp"

namespace dh::storage::sqlite {
namespace {

constexpr const char* kSelectDevices =
    "SELECT d.device_id, d.name, d.data, d.network_id, d.device_type_id, d.blocked "
    "FROM device d";
constexpr const char* kSelectWithNetwork =
    "SELECT d.device_id, d.name, d.data, d.network_id, d.device_type_id, d.blocked "
    "FROM device d LEFT JOIN network n ON n.id = d.network_id";

void Restrict(SqlBuilder& builder, const DeviceFilter& filter, const DeviceScope& scope) {
  builder.NameMatches(filter.names, "d.name");
  if (filter.network_id) builder.Where("d.network_id = ?").Param(*filter.network_id);
  if (filter.network_name) builder.Where("n.name = ?").Param(*filter.network_name);
  if (filter.device_type_id) builder.Where("d.device_type_id = ?").Param(*filter.device_type_id);
  builder.Visible(scope.networks, "d.network_id", "user_network", "network_id");
  builder.Visible(scope.device_types, "d.device_type_id", "user_device_type", "device_type_id");
}

const char* SortColumn(DeviceSort sort) {
  switch (sort) {
    case DeviceSort::kName:
      return "d.name";
    case DeviceSort::kNetwork:
      return "d.network_id";
    case DeviceSort::kDeviceType:
      return "d.device_type_id";
    case DeviceSort::kStatus:
      return "d.blocked";
    case DeviceSort::kNone:
      break;
  }
  return "";
}

}  // namespace

core::Result<std::vector<domain::Device>> SqliteDeviceStore::Select(const SqlBuilder& builder) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  std::vector<domain::Device> devices;
  for (;;) {
    DH_TRY(const bool has_row, statement.Step());
    if (!has_row) return devices;
    devices.push_back(domain::Device{statement.Text(0), statement.Text(1), statement.OptText(2),
                                     statement.OptInt(3), statement.OptInt(4), statement.Bool(5)});
  }
}

core::Result<std::optional<domain::Device>> SqliteDeviceStore::Get(const std::string& id,
                                                                   const DeviceScope& scope) {
  SqlBuilder builder(kSelectDevices);
  builder.Where("d.device_id = ?").Param(id);
  Restrict(builder, {}, scope);
  DH_TRY(auto devices, Select(builder));
  if (devices.empty()) return std::optional<domain::Device>();
  return std::optional<domain::Device>(std::move(devices.front()));
}

core::Result<std::vector<domain::Device>> SqliteDeviceStore::List(const DeviceQuery& query,
                                                                  const DeviceScope& scope) {
  SqlBuilder builder(query.filter.network_name ? kSelectWithNetwork : kSelectDevices);
  Restrict(builder, query.filter, scope);
  builder.OrderAndPage(SortColumn(query.sort), query.order, "d.sid", query.page);
  return Select(builder);
}

core::Result<int64_t> SqliteDeviceStore::Count(const DeviceFilter& filter,
                                               const DeviceScope& scope) {
  SqlBuilder builder(
      filter.network_name
          ? "SELECT count(*) FROM device d LEFT JOIN network n ON n.id = d.network_id"
          : "SELECT count(*) FROM device d");
  Restrict(builder, filter, scope);
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare(builder.Sql()));
  builder.BindTo(statement);
  DH_TRY(const bool has_row, statement.Step());
  return has_row ? statement.Int(0) : 0;
}

core::Result<bool> SqliteDeviceStore::Save(const domain::Device& device) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto transaction, Transaction::Begin(*connection));
  bool exists = false;
  {
    DH_TRY(auto find, connection->Prepare("SELECT 1 FROM device WHERE device_id = ?"));
    DH_TRY(exists, find.Bind(1, device.id).Step());
  }
  DH_TRY(auto write,
         connection->Prepare(
             exists ? "UPDATE device SET name = ?, data = ?, network_id = ?, device_type_id = ?, "
                      "blocked = ? WHERE device_id = ?"
                    : "INSERT INTO device (name, data, network_id, device_type_id, blocked, "
                      "device_id) VALUES (?, ?, ?, ?, ?, ?)"));
  auto written = write.Bind(1, device.name)
                     .Bind(2, device.data)
                     .Bind(3, device.network_id)
                     .Bind(4, device.device_type_id)
                     .Bind(5, int64_t{device.is_blocked})
                     .Bind(6, device.id)
                     .Run();
  if (!written) {
    // Inside this transaction the id cannot collide, so a constraint failure is a missing
    // network or device type (a foreign key): the contract's kBadRequest.
    if (written.error().code == core::Errc::kConflict) {
      return core::Fail(core::Errc::kBadRequest, "Invalid request parameters");
    }
    return written.error();
  }
  DH_CHECK(transaction.Commit());
  return !exists;
}

core::Result<bool> SqliteDeviceStore::Delete(const std::string& id) {
  DH_TRY(auto connection, pool_.Acquire());
  DH_TRY(auto statement, connection->Prepare("DELETE FROM device WHERE device_id = ?"));
  DH_CHECK(statement.Bind(1, id).Run());
  return connection->Changes() > 0;
}

}  // namespace dh::storage::sqlite
