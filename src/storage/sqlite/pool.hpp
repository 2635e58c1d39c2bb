#pragma once
// A fixed set of connections to one database file, handed out one thread at a time. WAL lets
// readers run in parallel with the single writer.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/sqlite/connection.hpp"

namespace dh::storage::sqlite {

class ConnectionPool;

// A borrowed connection, returned to the pool on destruction.
class PooledConnection {
 public:
  PooledConnection(ConnectionPool& pool, std::unique_ptr<Connection> connection)
      : pool_(&pool), connection_(std::move(connection)) {}
  PooledConnection(PooledConnection&&) noexcept = default;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();
  Connection* operator->() const { return connection_.get(); }
  Connection& operator*() const { return *connection_; }

 private:
  ConnectionPool* pool_;
  std::unique_ptr<Connection> connection_;
};

class ConnectionPool {
 public:
  // Opens `size` connections to `path`; fails if any cannot be opened.
  static core::Result<std::unique_ptr<ConnectionPool>> Open(const std::string& path, size_t size,
                                                            std::chrono::milliseconds busy_timeout);

  // Waits for a free connection up to the busy timeout; kUnavailable after that.
  core::Result<PooledConnection> Acquire();

 private:
  friend class PooledConnection;
  explicit ConnectionPool(std::chrono::milliseconds busy_timeout) : busy_timeout_(busy_timeout) {}
  void Release(std::unique_ptr<Connection> connection);

  std::chrono::milliseconds busy_timeout_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> free_;
};

}  // namespace dh::storage::sqlite
