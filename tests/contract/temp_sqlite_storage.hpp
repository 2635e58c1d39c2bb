#pragma once
// A fresh SQLite storage in a temp dir of its own, for the contract suites of the SQLite backend
// and of what wraps it.
#include <memory>
#include <stdexcept>
#include <string>

#include "storage/sqlite/sqlite_storage.hpp"
#include "support/temp_dir.hpp"

namespace dh::test {

inline std::string DatabasePath(const TempDir& dir) {
  return (dir.path() / "devicehive.db").string();
}

inline core::Result<std::unique_ptr<storage::Storage>> OpenSqliteAt(const std::string& path) {
  storage::sqlite::SqliteOptions options;
  options.path = path;
  return storage::sqlite::OpenSqliteStorage(options);
}

// A SQLite storage together with the temp dir holding its file; the storage closes first.
class TempSqliteStorage final : public storage::Storage {
 public:
  TempSqliteStorage() {
    auto opened = OpenSqliteAt(DatabasePath(*dir_));
    if (!opened) throw std::runtime_error("cannot open SQLite storage: " + opened.error().message);
    storage_ = std::move(*opened);
  }

  storage::UserStore& users() override { return storage_->users(); }
  storage::NetworkStore& networks() override { return storage_->networks(); }
  storage::DeviceTypeStore& device_types() override { return storage_->device_types(); }
  storage::DeviceStore& devices() override { return storage_->devices(); }
  storage::UserLinkStore& links() override { return storage_->links(); }
  storage::ConfigStore& configuration() override { return storage_->configuration(); }
  storage::PluginStore& plugins() override { return storage_->plugins(); }

 private:
  std::unique_ptr<TempDir> dir_ = std::make_unique<TempDir>();
  std::unique_ptr<storage::Storage> storage_;
};

}  // namespace dh::test
