#include "storage/sqlite/pool.hpp"

#include "storage/errors.hpp"

namespace dh::storage::sqlite {

PooledConnection::~PooledConnection() {
  if (connection_) pool_->Release(std::move(connection_));
}

core::Result<std::unique_ptr<ConnectionPool>> ConnectionPool::Open(
    const std::string& path, size_t size, std::chrono::milliseconds busy_timeout) {
  std::unique_ptr<ConnectionPool> pool(new ConnectionPool(busy_timeout));
  for (size_t i = 0; i < size; ++i) {
    DH_TRY(auto connection, Connection::Open(path, static_cast<int>(busy_timeout.count())));
    pool->free_.push_back(std::move(connection));
  }
  return pool;
}

core::Result<PooledConnection> ConnectionPool::Acquire() {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, busy_timeout_, [&] { return !free_.empty(); })) {
    return core::Fail(core::Errc::kUnavailable, std::string(kBusyMessage));
  }
  auto connection = std::move(free_.back());
  free_.pop_back();
  return PooledConnection(*this, std::move(connection));
}

void ConnectionPool::Release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace dh::storage::sqlite
