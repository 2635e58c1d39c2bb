#include "storage/sqlite/connection.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "storage/errors.hpp"

namespace dh::storage::sqlite {

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

core::Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->ErrorFrom(rc);
}

core::Status Statement::Run() {
  for (;;) {
    DH_TRY(const bool row, Step());
    if (!row) return {};
  }
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

std::optional<std::string> Statement::OptText(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Text(column);
}

std::optional<int64_t> Statement::OptInt(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Int(column);
}

core::Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path,
                                                           int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  // "unix-excl": this process holds the file exclusively, so connections coordinate in memory
  // instead of with fcntl() locks on every transaction (and the WAL index lives on the heap).
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, "unix-excl");
  if (rc != SQLITE_OK) {
    std::string message = "cannot open database " + path + ": " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return core::Fail(core::Errc::kUnavailable, std::move(message));
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  DH_CHECK(connection->Exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
      "PRAGMA case_sensitive_like = ON;"));
  return connection;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

core::Result<Statement> Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return ErrorFrom(rc);
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return Statement(it->second, *this);
}

core::Status Connection::Exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return ErrorFrom(rc);
  return {};
}

int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

core::Error Connection::ErrorFrom(int rc) const {
  switch (rc & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return core::Fail(core::Errc::kUnavailable, std::string(kBusyMessage));
    case SQLITE_CONSTRAINT:
      return core::Fail(core::Errc::kConflict, std::string(kConflictMessage));
    default:
      spdlog::error("sqlite error {}: {}", rc, sqlite3_errmsg(db_));
      return core::Fail(core::Errc::kInternal, std::string(kFailedMessage));
  }
}

core::Result<Transaction> Transaction::Begin(Connection& connection) {
  DH_CHECK(connection.Exec("BEGIN IMMEDIATE"));
  return Transaction(connection);
}

Transaction::~Transaction() {
  if (connection_ != nullptr) (void)connection_->Exec("ROLLBACK");
}

core::Status Transaction::Commit() {
  DH_CHECK(connection_->Exec("COMMIT"));  // on failure the destructor rolls back
  connection_ = nullptr;
  return {};
}

}  // namespace dh::storage::sqlite
