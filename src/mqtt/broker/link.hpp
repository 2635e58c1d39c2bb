#pragma once
// A client connection as the broker sees it (implemented by mqtt/server). Thread-safe.
#include <string>

#include "mqtt/broker/message.hpp"

namespace dh::mqtt {

class Link {
 public:
  virtual ~Link() = default;
  // Queues encoded packet bytes; never blocks. A link too slow to drain its queue drops QoS 0
  // publishes (`droppable`) first and is closed when even the rest overflows.
  virtual void Send(std::string packet, bool droppable) = 0;
  // Queues the PUBLISH of `message` with `header` (AppendPublish), encoded by the link into its
  // own buffer; droppable as Send's when `header.qos` is 0.
  virtual void SendPublish(MessagePtr message, PublishHeader header) = 0;
  // Closes the connection (takeover, protocol error, server shutdown).
  virtual void Close() = 0;
};

}  // namespace dh::mqtt
