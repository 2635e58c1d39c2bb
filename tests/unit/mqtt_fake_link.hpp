#pragma once
// A Link for broker tests: records each packet it is asked to send, decoded (a bad encoding fails
// the test), and whether it was closed. Single-threaded use only.
#include <gtest/gtest.h>

#include <span>
#include <string>
#include <vector>

#include "mqtt/broker/link.hpp"
#include "mqtt/codec/codec.hpp"
#include "mqtt/codec/fixed_header.hpp"

namespace dh::mqtt::testing {

class FakeLink final : public Link {
 public:
  struct Sent {
    Packet packet;
    bool droppable;
  };

  void Send(std::string bytes, bool droppable) override {
    const std::span<const uint8_t> span(reinterpret_cast<const uint8_t*>(bytes.data()),
                                        bytes.size());
    auto header = ParseFixedHeader(span);
    ASSERT_TRUE(header && *header) << "not a whole packet";
    ASSERT_EQ((*header)->header_size + (*header)->remaining_length, bytes.size());
    auto packet = DecodePacket(**header, span.subspan((*header)->header_size), kLevel311);
    ASSERT_TRUE(packet) << packet.error().message;
    sent.push_back({std::move(*packet), droppable});
  }
  void SendPublish(MessagePtr message, PublishHeader header) override {
    std::string bytes;
    AppendPublish(*message, header, bytes);
    Send(std::move(bytes), header.qos == 0);
  }
  void Close() override { closed = true; }

  // The packets sent since the last call.
  std::vector<Packet> Take() {
    std::vector<Packet> out;
    for (auto& s : sent) out.push_back(std::move(s.packet));
    sent.clear();
    return out;
  }

  std::vector<Sent> sent;
  bool closed = false;
};

}  // namespace dh::mqtt::testing
