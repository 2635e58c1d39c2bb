#include "mqtt/codec/ping.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {

core::Result<PingReq> DecodePingReq(uint8_t flags, std::span<const uint8_t> body, uint8_t level) {
  DH_CHECK(wire::CheckEmpty(PacketType::kPingReq, flags, body, level));
  return PingReq{};
}

core::Result<PingResp> DecodePingResp(uint8_t flags, std::span<const uint8_t> body, uint8_t level) {
  DH_CHECK(wire::CheckEmpty(PacketType::kPingResp, flags, body, level));
  return PingResp{};
}

void EncodePingReq(const PingReq& /*ping*/, std::string& out) {
  AppendFixedHeader(PacketType::kPingReq, 0, 0, out);
}

void EncodePingResp(const PingResp& /*pong*/, std::string& out) {
  AppendFixedHeader(PacketType::kPingResp, 0, 0, out);
}

}  // namespace dh::mqtt
