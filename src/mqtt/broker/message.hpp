#pragma once
// An application message as the broker routes it: published once, shared by every subscriber
// it reaches and by the retained store.
#include <cstdint>
#include <memory>
#include <string>

#include "mqtt/codec/publish.hpp"

namespace dh::mqtt {

struct Message {
  std::string topic;
  std::string payload;
  uint8_t qos = 0;
  bool retain = false;
};
using MessagePtr = std::shared_ptr<const Message>;

// What differs between the copies of one message sent to different subscribers.
struct PublishHeader {
  uint8_t qos = 0;  // the delivery QoS: the lower of the message's and the subscription's
  bool retain = false;
  bool dup = false;
  uint16_t packet_id = 0;  // QoS 1 and 2 only
};

// Appends the PUBLISH packet carrying `message` with `header` to `out`, straight from the
// shared message (no intermediate copy of topic and payload).
inline void AppendPublish(const Message& message, const PublishHeader& header, std::string& out) {
  EncodePublish(PublishRef{message.topic, message.payload, header.qos, header.retain, header.dup,
                           header.packet_id},
                out);
}

}  // namespace dh::mqtt
