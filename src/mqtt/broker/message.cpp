#include "mqtt/broker/message.hpp"

#include "mqtt/codec/fixed_header.hpp"

namespace dh::mqtt {
namespace {

void AppendU16(uint16_t value, std::string& out) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

}  // namespace

void AppendPublish(const Message& message, const PublishHeader& header, std::string& out) {
  const bool has_id = header.qos > 0;
  const size_t body = 2 + message.topic.size() + (has_id ? 2 : 0) + message.payload.size();
  out.reserve(out.size() + body + 5);
  const auto flags = static_cast<uint8_t>((header.dup ? 0x08 : 0) | (header.qos << 1) |
                                          (header.retain ? 0x01 : 0));
  AppendFixedHeader(PacketType::kPublish, flags, body, out);
  AppendU16(static_cast<uint16_t>(message.topic.size()), out);
  out += message.topic;
  if (has_id) AppendU16(header.packet_id, out);
  out += message.payload;
}

}  // namespace dh::mqtt
