#pragma once
// The live connections of an MQTT server, for Stop(): an intrusive list through the connections
// themselves, so registering one allocates nothing. Thread-safe. Shared by the server and its
// connections, which may outlive it at shutdown.
#include <memory>
#include <mutex>
#include <vector>

namespace dh::mqtt {

class Connection;

class Registry {
 public:
  void Add(Connection& connection);
  // Called by the connection's destructor.
  void Remove(Connection& connection);
  // The connections still alive.
  std::vector<std::shared_ptr<Connection>> Live();

 private:
  std::mutex mutex_;
  Connection* head_ = nullptr;
};

}  // namespace dh::mqtt
