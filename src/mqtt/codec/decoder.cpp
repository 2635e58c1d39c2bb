#include "mqtt/codec/decoder.hpp"

#include <cstring>
#include <string>

#include "mqtt/codec/codec.hpp"
#include "mqtt/codec/fixed_header.hpp"

namespace dh::mqtt {
namespace {

// A buffer that grew past this for a big packet is released once empty, so idle connections
// stay small.
constexpr size_t kKeptCapacity = size_t{64} * 1024;

bool SentByClients(PacketType type) {
  switch (type) {
    case PacketType::kConnAck:
    case PacketType::kSubAck:
    case PacketType::kUnsubAck:
    case PacketType::kPingResp:
      return false;
    default:
      return true;
  }
}

bool SentByServers(PacketType type) {
  switch (type) {
    case PacketType::kConnect:
    case PacketType::kSubscribe:
    case PacketType::kUnsubscribe:
    case PacketType::kPingReq:
    case PacketType::kDisconnect:
      return false;
    default:
      return true;
  }
}

}  // namespace

Decoder Decoder::ForServer(size_t max_packet_size) {
  return Decoder(Side::kServer, 0, max_packet_size);
}

Decoder Decoder::ForClient(uint8_t level, size_t max_packet_size) {
  return Decoder(Side::kClient, level, max_packet_size);
}

std::span<uint8_t> Decoder::Prepare(size_t size) {
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() < end_ + size) buffer_.resize(end_ + size);
  return {buffer_.data() + end_, size};
}

void Decoder::Commit(size_t size) { end_ += size; }

void Decoder::Shrink() {
  if (begin_ != end_) return;
  begin_ = end_ = 0;
  std::vector<uint8_t>().swap(buffer_);
}

void Decoder::Feed(std::span<const uint8_t> bytes) {
  if (bytes.empty()) return;
  std::memcpy(Prepare(bytes.size()).data(), bytes.data(), bytes.size());
  Commit(bytes.size());
}

core::Status Decoder::CheckType(PacketType type) const {
  const bool server = side_ == Side::kServer;
  const PacketType first = server ? PacketType::kConnect : PacketType::kConnAck;
  const std::string name(PacketTypeName(type));
  if (!(server ? SentByClients(type) : SentByServers(type))) {
    return core::Fail(core::Errc::kBadRequest,
                      name + (server ? " is not sent by clients" : " is not sent by servers"));
  }
  if (!handshake_done_ && type != first) {
    return core::Fail(core::Errc::kBadRequest,
                      "first packet must be " + std::string(PacketTypeName(first)) + ", not " +
                          name + (server ? " [MQTT-3.1.0-1]" : " [MQTT-3.2.0-1]"));
  }
  if (handshake_done_ && type == first) {
    return core::Fail(core::Errc::kBadRequest, "second " + name + " [MQTT-3.1.0-2]");
  }
  return {};
}

core::Error Decoder::Fail(core::Error error) {
  error_ = std::make_unique<core::Error>(error);
  return error;
}

core::Result<std::optional<Packet>> Decoder::Next() {
  if (error_) return *error_;
  const std::span<const uint8_t> bytes(buffer_.data() + begin_, end_ - begin_);
  auto header = ParseFixedHeader(bytes);
  if (!header) return Fail(std::move(header).error());
  if (!*header) return std::optional<Packet>();
  const FixedHeader& fixed = **header;
  if (auto allowed = CheckType(fixed.type); !allowed) return Fail(std::move(allowed).error());
  const size_t total = size_t{fixed.header_size} + fixed.remaining_length;
  if (total > max_packet_size_) {
    return Fail(core::Fail(core::Errc::kPayloadTooLarge,
                           std::string(PacketTypeName(fixed.type)) + " of " +
                               std::to_string(total) + " bytes exceeds the maximum packet size " +
                               std::to_string(max_packet_size_)));
  }
  if (bytes.size() < total) return std::optional<Packet>();
  auto packet =
      DecodePacket(fixed, bytes.subspan(fixed.header_size, fixed.remaining_length), level_);
  begin_ += total;
  if (begin_ == end_) {
    begin_ = end_ = 0;
    if (buffer_.size() > kKeptCapacity) buffer_ = std::vector<uint8_t>();
  }
  if (!packet) return Fail(std::move(packet).error());
  if (const auto* connect = std::get_if<Connect>(&*packet)) level_ = connect->level;
  handshake_done_ = true;
  return std::optional<Packet>(std::move(*packet));
}

}  // namespace dh::mqtt
