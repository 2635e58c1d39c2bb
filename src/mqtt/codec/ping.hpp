#pragma once
// PINGREQ (§3.12, from clients) and PINGRESP (§3.13, from servers): a fixed header alone.
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decode an empty body with flags 0 (3.1.1; 3.1 ignores the flags).
core::Result<PingReq> DecodePingReq(uint8_t flags, std::span<const uint8_t> body, uint8_t level);
core::Result<PingResp> DecodePingResp(uint8_t flags, std::span<const uint8_t> body, uint8_t level);

// Append the whole packet (2 bytes).
void EncodePingReq(const PingReq& ping, std::string& out);
void EncodePingResp(const PingResp& pong, std::string& out);

}  // namespace dh::mqtt
