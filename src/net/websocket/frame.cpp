#include "net/websocket/frame.hpp"

namespace dh::net::websocket {

ParseResult ParseHeader(std::span<const uint8_t> data, FrameHeader& header) {
  if (data.size() < 2) return ParseResult::kNeedMore;
  const uint8_t b0 = data[0];
  const uint8_t b1 = data[1];
  if ((b0 & 0x70) != 0) return ParseResult::kProtocolError;
  const uint8_t opcode = b0 & 0x0F;
  switch (opcode) {
    case 0x0:
    case 0x1:
    case 0x2:
    case 0x8:
    case 0x9:
    case 0xA:
      break;
    default:
      return ParseResult::kProtocolError;
  }
  header.fin = (b0 & 0x80) != 0;
  header.opcode = static_cast<Opcode>(opcode);
  header.masked = (b1 & 0x80) != 0;
  uint64_t size = b1 & 0x7F;
  size_t pos = 2;
  if (size == 126) {
    if (data.size() < 4) return ParseResult::kNeedMore;
    size = (uint64_t{data[2]} << 8) | data[3];
    if (size < 126) return ParseResult::kProtocolError;  // not the minimal encoding (§5.2)
    pos = 4;
  } else if (size == 127) {
    if (data.size() < 10) return ParseResult::kNeedMore;
    size = 0;
    for (size_t i = 2; i < 10; ++i) size = (size << 8) | data[i];
    if ((size >> 63) != 0 || size <= 0xFFFF) return ParseResult::kProtocolError;
    pos = 10;
  }
  if (IsControl(header.opcode) && (!header.fin || size > 125)) return ParseResult::kProtocolError;
  if (header.masked) {
    if (data.size() < pos + 4) return ParseResult::kNeedMore;
    for (size_t i = 0; i < 4; ++i) header.mask[i] = data[pos + i];
    pos += 4;
  }
  header.payload_size = size;
  header.header_size = pos;
  return ParseResult::kOk;
}

size_t WriteHeader(Opcode opcode, bool fin, uint64_t size, std::array<uint8_t, 10>& out) {
  out[0] = static_cast<uint8_t>((fin ? 0x80 : 0x00) | static_cast<uint8_t>(opcode));
  if (size < 126) {
    out[1] = static_cast<uint8_t>(size);
    return 2;
  }
  if (size <= 0xFFFF) {
    out[1] = 126;
    out[2] = static_cast<uint8_t>(size >> 8);
    out[3] = static_cast<uint8_t>(size);
    return 4;
  }
  out[1] = 127;
  for (size_t i = 0; i < 8; ++i) out[2 + i] = static_cast<uint8_t>(size >> (56 - 8 * i));
  return 10;
}

void Unmask(std::span<uint8_t> payload, const std::array<uint8_t, 4>& mask, size_t offset) {
  for (size_t i = 0; i < payload.size(); ++i) payload[i] ^= mask[(offset + i) & 3];
}

std::string ClosePayload(uint16_t code, std::string_view reason) {
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  payload.append(reason.substr(0, 123));
  return payload;
}

uint16_t CloseCode(std::span<const uint8_t> payload) {
  if (payload.size() < 2) return 1005;
  return static_cast<uint16_t>((payload[0] << 8) | payload[1]);
}

bool IsSendableCloseCode(uint16_t code) {
  // 1004 is reserved; 1005, 1006 and 1015 never go on the wire; 3000-4999: IANA and private use.
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

}  // namespace dh::net::websocket
