#include "mqtt/codec/fixed_header.hpp"

#include <stdexcept>

namespace dh::mqtt {

core::Result<std::optional<RemainingLength>> DecodeRemainingLength(std::span<const uint8_t> bytes) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (i == bytes.size()) return std::optional<RemainingLength>();
    value |= static_cast<uint32_t>(bytes[i] & 0x7F) << (7 * i);
    if ((bytes[i] & 0x80) == 0) {
      return std::optional<RemainingLength>(RemainingLength{value, static_cast<uint8_t>(i + 1)});
    }
  }
  return core::Fail(core::Errc::kBadRequest, "malformed Remaining Length: more than 4 bytes");
}

size_t RemainingLengthSize(uint32_t value) {
  if (value < 128) return 1;
  if (value < 16'384) return 2;
  if (value < 2'097'152) return 3;
  return 4;
}

void AppendRemainingLength(uint32_t value, std::string& out) {
  if (value > kMaxRemainingLength) throw std::length_error("MQTT Remaining Length over 256 MB");
  do {
    auto byte = static_cast<uint8_t>(value & 0x7F);
    value >>= 7;
    if (value != 0) byte |= 0x80;
    out.push_back(static_cast<char>(byte));
  } while (value != 0);
}

void AppendFixedHeader(PacketType type, uint8_t flags, size_t remaining_length, std::string& out) {
  if (remaining_length > kMaxRemainingLength) {
    throw std::length_error("MQTT Remaining Length over 256 MB");
  }
  const auto length = static_cast<uint32_t>(remaining_length);
  out.reserve(out.size() + 1 + RemainingLengthSize(length) + length);
  out.push_back(static_cast<char>((static_cast<uint8_t>(type) << 4) | (flags & 0x0F)));
  AppendRemainingLength(length, out);
}

core::Result<std::optional<FixedHeader>> ParseFixedHeader(std::span<const uint8_t> bytes) {
  if (bytes.empty()) return std::optional<FixedHeader>();
  const uint8_t type = bytes[0] >> 4;
  if (type == 0 || type == 15) {
    return core::Fail(core::Errc::kBadRequest,
                      "reserved packet type " + std::to_string(type) + " [MQTT-2.2.1]");
  }
  DH_TRY(auto length, DecodeRemainingLength(bytes.subspan(1)));
  if (!length) return std::optional<FixedHeader>();
  return std::optional<FixedHeader>(
      FixedHeader{static_cast<PacketType>(type), static_cast<uint8_t>(bytes[0] & 0x0F),
                  length->value, static_cast<uint8_t>(1 + length->size)});
}

core::Status CheckFlags(PacketType type, uint8_t flags, uint8_t level) {
  const bool qos1 = type == PacketType::kPubRel || type == PacketType::kSubscribe ||
                    type == PacketType::kUnsubscribe;
  if (level == kLevel31 && type != PacketType::kConnect) {
    if (!qos1 || (flags & 0x07) == 0x02) return {};
  } else if (flags == (qos1 ? 0x02 : 0x00)) {
    return {};
  }
  return core::Fail(core::Errc::kBadRequest, std::string(PacketTypeName(type)) +
                                                 ": reserved fixed header flags 0x" +
                                                 "0123456789abcdef"[flags & 0x0F] + " must be " +
                                                 (qos1 ? "0x2" : "0x0") + " [MQTT-2.2.2-1]");
}

}  // namespace dh::mqtt
