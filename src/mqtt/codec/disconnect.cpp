#include "mqtt/codec/disconnect.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {

core::Result<Disconnect> DecodeDisconnect(uint8_t flags, std::span<const uint8_t> body,
                                          uint8_t level) {
  DH_CHECK(wire::CheckEmpty(PacketType::kDisconnect, flags, body, level));
  return Disconnect{};
}

void EncodeDisconnect(const Disconnect& /*disconnect*/, std::string& out) {
  AppendFixedHeader(PacketType::kDisconnect, 0, 0, out);
}

}  // namespace dh::mqtt
