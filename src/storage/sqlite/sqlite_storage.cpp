#include "storage/sqlite/sqlite_storage.hpp"

#include <spdlog/spdlog.h>

#include <span>

#include "core/embedded_file.hpp"
#include "storage/errors.hpp"
#include "storage/sqlite/config_store.hpp"
#include "storage/sqlite/device_store.hpp"
#include "storage/sqlite/named_entity_store.hpp"
#include "storage/sqlite/plugin_store.hpp"
#include "storage/sqlite/user_link_store.hpp"
#include "storage/sqlite/user_store.hpp"

namespace dh::storage::sqlite {

std::span<const core::EmbeddedFile> Migrations();  // generated from migrations/*.sql

namespace {

class SqliteStorage final : public Storage {
 public:
  explicit SqliteStorage(std::unique_ptr<ConnectionPool> pool)
      : pool_(std::move(pool)),
        users_(*pool_),
        networks_(*pool_, {"network", "user_network", "network_id"}),
        device_types_(*pool_, {"device_type", "user_device_type", "device_type_id"}),
        devices_(*pool_),
        links_(*pool_),
        configuration_(*pool_),
        plugins_(*pool_) {}

  UserStore& users() override { return users_; }
  NetworkStore& networks() override { return networks_; }
  DeviceTypeStore& device_types() override { return device_types_; }
  DeviceStore& devices() override { return devices_; }
  UserLinkStore& links() override { return links_; }
  ConfigStore& configuration() override { return configuration_; }
  PluginStore& plugins() override { return plugins_; }

 private:
  std::unique_ptr<ConnectionPool> pool_;
  SqliteUserStore users_;
  SqliteNamedEntityStore<domain::Network> networks_;
  SqliteNamedEntityStore<domain::DeviceType> device_types_;
  SqliteDeviceStore devices_;
  SqliteUserLinkStore links_;
  SqliteConfigStore configuration_;
  SqlitePluginStore plugins_;
};

// Applies the migrations newer than the database's user_version, each in its own transaction.
core::Status Migrate(Connection& connection) {
  DH_TRY(auto version_query, connection.Prepare("PRAGMA user_version"));
  DH_TRY([[maybe_unused]] const bool has_row, version_query.Step());
  const int64_t current = version_query.Int(0);
  const auto migrations = Migrations();
  if (current > static_cast<int64_t>(migrations.size())) {
    return core::Fail(core::Errc::kUnavailable, "database schema version " +
                                                    std::to_string(current) +
                                                    " is newer than this server supports (" +
                                                    std::to_string(migrations.size()) + ")");
  }
  for (size_t i = static_cast<size_t>(current); i < migrations.size(); ++i) {
    spdlog::info("applying migration {}", migrations[i].name);
    DH_TRY(auto transaction, Transaction::Begin(connection));
    auto applied = connection.Exec(std::string(migrations[i].content));
    if (!applied) {
      return core::Fail(core::Errc::kUnavailable,
                        "migration " + std::string(migrations[i].name) + " failed");
    }
    DH_CHECK(connection.Exec("PRAGMA user_version = " + std::to_string(i + 1)));
    DH_CHECK(transaction.Commit());
  }
  return {};
}

}  // namespace

core::Result<std::unique_ptr<Storage>> OpenSqliteStorage(const SqliteOptions& options) {
  auto opened = [&]() -> core::Result<std::unique_ptr<Storage>> {
    DH_TRY(auto pool, ConnectionPool::Open(options.path, options.pool_size, options.busy_timeout));
    {
      DH_TRY(auto connection, pool->Acquire());
      DH_CHECK(Migrate(*connection));
    }
    return std::unique_ptr<Storage>(new SqliteStorage(std::move(pool)));
  }();
  if (!opened && opened.error().message == kBusyMessage) {
    return core::Fail(core::Errc::kUnavailable,
                      options.path +
                          " is locked by another process (is another devicehive using this data "
                          "directory?)");
  }
  return opened;
}

}  // namespace dh::storage::sqlite
