#pragma once
#include <memory>
#include <string>

namespace dh::proxy {

// A proxy connection as the topic hub sees it.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Takes one delivery frame (see Delivery()). Must not block; called from any thread, with no
  // hub lock held, so it may call back into the hub (e.g. unsubscribe a slow consumer).
  virtual void Deliver(const std::shared_ptr<const std::string>& frame) = 0;
};

}  // namespace dh::proxy
