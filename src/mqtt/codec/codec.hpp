#pragma once
// Decoding and encoding any packet, by dispatching on its type to the per-packet files. The
// Decoder (decoder.hpp) frames a byte stream and calls DecodePacket; tests and tools encode with
// EncodePacket.
#include <cstdint>
#include <span>
#include <string>

#include "core/error.hpp"
#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

// Decodes the `body` (exactly header.remaining_length bytes) of a packet with `header`, on a
// session at protocol `level` (ignored for CONNECT, which carries its own). Direction is not
// checked here: a CONNACK decodes whoever sent it.
core::Result<Packet> DecodePacket(const FixedHeader& header, std::span<const uint8_t> body,
                                  uint8_t level);

// Appends the whole packet (fixed header included) to `out`.
void EncodePacket(const Packet& packet, std::string& out);

}  // namespace dh::mqtt
