#pragma once
// A SQLite connection with a cache of prepared statements. Not thread-safe: a connection is
// used by one thread at a time (ConnectionPool hands them out).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace dh::storage::sqlite {

class Connection;

// A prepared statement borrowed from its connection's cache; reset and unbound on destruction.
// Bind indexes start at 1, column indexes at 0.
class Statement {
 public:
  Statement(sqlite3_stmt* stmt, Connection& connection) : stmt_(stmt), connection_(&connection) {}
  Statement(Statement&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)), connection_(other.connection_) {}
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::optional<std::string>& value);
  Statement& Bind(int index, const std::optional<int64_t>& value);
  Statement& BindNull(int index);

  // Advances to the next row: true when there is one, false when the statement is done.
  core::Result<bool> Step();
  // Steps until done (for statements that return no rows).
  core::Status Run();

  int64_t Int(int column) const;
  bool Bool(int column) const { return Int(column) != 0; }
  std::string Text(int column) const;
  std::optional<std::string> OptText(int column) const;
  std::optional<int64_t> OptInt(int column) const;

 private:
  sqlite3_stmt* stmt_;
  Connection* connection_;
};

class Connection {
 public:
  // Opens (creating if needed) the database file with WAL, foreign keys, case-sensitive LIKE,
  // and `busy_timeout_ms` of waiting for a lock before a write gives up with kUnavailable.
  static core::Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                        int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql` (prepared on first use). One statement text is in
  // use at most once at a time: finish with a Statement before preparing the same text again.
  core::Result<Statement> Prepare(std::string_view sql);
  // Runs one or more statements without results (pragmas, migrations, BEGIN/COMMIT).
  core::Status Exec(const std::string& sql);

  int64_t LastInsertId() const;
  int64_t Changes() const;
  // Maps a SQLite result code to an error: busy/locked -> kUnavailable, constraint ->
  // kConflict, anything else -> kInternal (and logs SQLite's message).
  core::Error ErrorFrom(int rc) const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back on destruction unless committed.
class Transaction {
 public:
  static core::Result<Transaction> Begin(Connection& connection);
  Transaction(Transaction&& other) noexcept
      : connection_(std::exchange(other.connection_, nullptr)) {}
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  core::Status Commit();

 private:
  explicit Transaction(Connection& connection) : connection_(&connection) {}
  Connection* connection_;
};

}  // namespace dh::storage::sqlite
