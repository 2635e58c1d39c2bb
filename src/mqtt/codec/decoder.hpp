#pragma once
// A streaming MQTT decoder for one connection: bytes go in as they arrive, whole packets come
// out. Framing rules are enforced on the fixed header before any body is buffered: a packet
// over the maximum size is rejected from its header alone. The decoder also enforces the
// connection-level rules the codec can see: the packet's direction, the first packet (CONNECT
// on the server side [MQTT-3.1.0-1], CONNACK on the client side [MQTT-3.2.0-1]) and no second
// one [MQTT-3.1.0-2]. On the server side, the CONNECT's protocol level then governs the rest.
//
// Copies: Feed copies the bytes in (Prepare/Commit lets the socket read straight into the
// buffer instead); decoding copies topics, filters and a PUBLISH payload once into the packet.
// Not thread-safe; one decoder per connection.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

class Decoder {
 public:
  // Decodes what clients send, as a server does; the first packet must be CONNECT.
  static Decoder ForServer(size_t max_packet_size);
  // Decodes what servers send, as a client that sent CONNECT at `level` does; the first packet
  // must be CONNACK.
  static Decoder ForClient(uint8_t level, size_t max_packet_size);

  // Appends `bytes` to the buffer.
  void Feed(std::span<const uint8_t> bytes);
  // Room for `size` more bytes at the end of the buffer, valid until the next call; Commit(n)
  // then adds the first n <= size of them.
  std::span<uint8_t> Prepare(size_t size);
  void Commit(size_t size);
  // Frees the buffer when nothing is buffered (an idle connection keeps no read buffer).
  void Shrink();

  // The next whole packet; nullopt when more bytes are needed. An error is a protocol violation
  // (kBadRequest; for CONNECT see ConnectRefusal in connect.hpp) or a packet over the maximum
  // size (kPayloadTooLarge): close the connection. Once an error is returned, every later call
  // returns it again.
  core::Result<std::optional<Packet>> Next();

  // The session's protocol level: the client's, or the CONNECT's once decoded (0 before).
  uint8_t level() const { return level_; }
  // Bytes buffered and not yet returned as packets.
  size_t buffered() const { return end_ - begin_; }

 private:
  enum class Side { kServer, kClient };
  Decoder(Side side, uint8_t level, size_t max_packet_size)
      : side_(side), level_(level), max_packet_size_(max_packet_size) {}

  core::Status CheckType(PacketType type) const;
  core::Error Fail(core::Error error);

  Side side_;
  uint8_t level_;
  size_t max_packet_size_;
  bool handshake_done_ = false;         // CONNECT (server side) or CONNACK (client side) decoded
  std::unique_ptr<core::Error> error_;  // sticky; a pointer keeps idle decoders small
  std::vector<uint8_t> buffer_;         // unconsumed bytes are [begin_, end_)
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace dh::mqtt
