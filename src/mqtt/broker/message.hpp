#pragma once
// An application message as the broker routes it: published once, shared by every subscriber
// it reaches and by the retained store.
#include <cstdint>
#include <memory>
#include <string>

namespace dh::mqtt {

struct Message {
  std::string topic;
  std::string payload;
  uint8_t qos = 0;
  bool retain = false;
};
using MessagePtr = std::shared_ptr<const Message>;

}  // namespace dh::mqtt
