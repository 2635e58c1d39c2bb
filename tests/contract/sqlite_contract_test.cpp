// The SQLite backend: the storage contract on a fresh database file per test, and what only a
// file-backed store has (re-opening, schema versions).
#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "contract/storage_contract.hpp"
#include "contract/temp_sqlite_storage.hpp"
#include "storage/sqlite/sqlite_storage.hpp"
#include "support/temp_dir.hpp"

namespace dh::test {
namespace {

std::unique_ptr<storage::Storage> FreshSqliteStorage() {
  return std::make_unique<TempSqliteStorage>();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StorageContract,
                         ::testing::Values(StorageFactory(&FreshSqliteStorage)));

TEST(SqliteStorage, ReopeningAnExistingFileKeepsDataAndSeedsOnce) {
  TempDir dir;
  int64_t network_id = 0;
  {
    auto storage = OpenSqliteAt(DatabasePath(dir)).value();
    network_id = storage->networks().Create({0, "persistent", std::nullopt}).value().id;
    ASSERT_TRUE(storage->configuration().Put("jwt.secret", "kept"));
  }
  for (int reopen = 0; reopen < 2; ++reopen) {
    auto reopened = OpenSqliteAt(DatabasePath(dir));
    ASSERT_TRUE(reopened) << reopened.error().message;
    auto& storage = **reopened;
    const auto network = storage.networks().Get(network_id, {}).value();
    ASSERT_TRUE(network);
    EXPECT_EQ(network->name, "persistent");
    EXPECT_EQ(storage.configuration().Get("jwt.secret").value()->value, "kept");
    EXPECT_EQ(storage.users().Count({}).value(), 1);
    EXPECT_EQ(storage.networks().Count({}, {}).value(), 2);
    EXPECT_EQ(storage.device_types().Count({}, {}).value(), 8);
    EXPECT_EQ(storage.devices().Count({}, {}).value(), 1);
  }
}

TEST(SqliteStorage, DatabaseNewerThanTheServerIsRefused) {
  TempDir dir;
  { ASSERT_TRUE(OpenSqliteAt(DatabasePath(dir))); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(DatabasePath(dir).c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "PRAGMA user_version = 9999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto reopened = OpenSqliteAt(DatabasePath(dir));
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code, core::Errc::kUnavailable);
}

TEST(SqliteStorage, UnopenablePathIsUnavailable) {
  TempDir dir;
  auto opened = OpenSqliteAt((dir.path() / "missing-dir" / "devicehive.db").string());
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, core::Errc::kUnavailable);
}

}  // namespace
}  // namespace dh::test
