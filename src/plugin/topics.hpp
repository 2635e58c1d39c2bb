#pragma once
// Where a plugin's events go: its topic on the plugin proxy (implemented by src/proxy). The
// plugin service creates a topic at registration, removes it at deletion, and while the plugin
// is ACTIVE subscribes sinks that publish each matching event into the topic.
#include <cstdint>
#include <memory>
#include <string>

#include "bus/event.hpp"

namespace dh::plugin {

class Topics {
 public:
  virtual ~Topics() = default;
  virtual void Create(const std::string& topic) = 0;
  // Drops the topic and its subscribers' memberships.
  virtual void Remove(const std::string& topic) = 0;
  // A sink publishing every event it gets into `topic`, as the bus Response envelope of spec
  // §3.5 with `correlation_id` as its cId.
  virtual std::shared_ptr<bus::EventSink> SinkFor(const std::string& topic,
                                                  std::string correlation_id) = 0;
};

}  // namespace dh::plugin
