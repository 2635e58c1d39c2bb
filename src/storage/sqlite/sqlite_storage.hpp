#pragma once
// The embedded SQLite backend of storage::Storage: one database file, WAL mode, a connection
// pool, schema migrations (migrations/*.sql, compiled in) applied when it opens. The file is held
// exclusively by this process (SQLite's unix-excl VFS): a second server on the same data
// directory is refused at start.
#include <chrono>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "storage/storage.hpp"

namespace dh::storage::sqlite {

struct SqliteOptions {
  std::string path;                              // database file; created when missing
  size_t pool_size = 8;                          // connections (concurrent queries)
  std::chrono::milliseconds busy_timeout{5000};  // wait for a lock before kUnavailable
};

// Opens the database and migrates it to the newest schema. Fails (kUnavailable) when the file
// cannot be opened or a migration fails; a database newer than this binary is refused.
core::Result<std::unique_ptr<Storage>> OpenSqliteStorage(const SqliteOptions& options);

}  // namespace dh::storage::sqlite
