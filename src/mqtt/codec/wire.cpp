#include "mqtt/codec/wire.hpp"

#include <stdexcept>

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/utf8.hpp"

namespace dh::mqtt::wire {

core::Error Reader::Malformed(std::string_view detail) const {
  std::string message(PacketTypeName(type_));
  message += ": ";
  message += detail;
  return core::Fail(core::Errc::kBadRequest, std::move(message));
}

core::Result<uint8_t> Reader::U8(std::string_view what) {
  if (remaining() < 1) return Malformed("truncated " + std::string(what));
  return body_[pos_++];
}

core::Result<uint16_t> Reader::U16(std::string_view what) {
  if (remaining() < 2) return Malformed("truncated " + std::string(what));
  const auto value = static_cast<uint16_t>((body_[pos_] << 8) | body_[pos_ + 1]);
  pos_ += 2;
  return value;
}

core::Result<uint16_t> Reader::PacketId() {
  DH_TRY(const uint16_t id, U16("packet identifier"));
  if (id == 0) return Malformed("packet identifier 0 [MQTT-2.3.1-1]");
  return id;
}

core::Result<std::string> Reader::Binary(std::string_view what) {
  if (remaining() < 2) return Malformed("truncated " + std::string(what) + " length");
  const auto size = static_cast<size_t>((body_[pos_] << 8) | body_[pos_ + 1]);
  pos_ += 2;
  if (remaining() < size) return Malformed("truncated " + std::string(what));
  const auto* data = reinterpret_cast<const char*>(body_.data() + pos_);
  pos_ += size;
  return std::string(data, size);
}

core::Result<std::string> Reader::Utf8(std::string_view what) {
  DH_TRY(std::string text, Binary(what));
  if (auto valid = ValidateUtf8(text); !valid) {
    return Malformed(std::string(what) + ": " + valid.error().message);
  }
  return text;
}

std::string Reader::Rest() {
  const auto* data = reinterpret_cast<const char*>(body_.data() + pos_);
  const size_t size = remaining();
  pos_ = body_.size();
  return std::string(data, size);
}

core::Status Reader::ExpectEnd(std::string_view what) const {
  if (AtEnd()) return {};
  return Malformed(std::to_string(remaining()) + " unexpected bytes after " + std::string(what));
}

void AppendU16(uint16_t value, std::string& out) {
  out.push_back(static_cast<char>(value >> 8));
  out.push_back(static_cast<char>(value & 0xFF));
}

void AppendString(std::string_view text, std::string& out) {
  if (text.size() > 0xFFFF) throw std::length_error("MQTT string over 65535 bytes");
  AppendU16(static_cast<uint16_t>(text.size()), out);
  out.append(text);
}

core::Status CheckEmpty(PacketType type, uint8_t flags, std::span<const uint8_t> body,
                        uint8_t level) {
  DH_CHECK(CheckFlags(type, flags, level));
  return Reader(body, type).ExpectEnd("the fixed header");
}

}  // namespace dh::mqtt::wire
