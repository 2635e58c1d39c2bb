#pragma once
// The bytes the tool sends and the packets it reads on the hot path. CONNECT, SUBSCRIBE, PINGREQ
// and each publisher's PUBLISH are encoded once with the repo's codec (mqtt/codec) at set-up;
// per message the tool only patches the PUBLISH in place (send time, sequence number, packet
// identifier) and appends 4-byte PUBACKs. Received PUBLISH and PUBACK packets are read in place,
// without copying or allocating.
//
// Payload layout: bytes 0-7 the send time (steady-clock ns, little endian), bytes 8-15 the
// pair's sequence number (little endian), then filler up to the payload size.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dh::bench::mqtt_load {

inline constexpr size_t kMinPayload = 16;

// CONNECT at 3.1.1 with a clean session; credentials only when `username` is not empty.
std::string ConnectPacket(const std::string& client_id, uint16_t keep_alive_s,
                          const std::string& username = {}, const std::string& password = {});
// SUBSCRIBE to one filter, packet identifier 1.
std::string SubscribePacket(const std::string& filter, uint8_t qos);
std::string PingReqPacket();

// A PUBLISH to one topic, patched per message.
class PublishTemplate {
 public:
  PublishTemplate(const std::string& topic, uint8_t qos, size_t payload_size);

  // The packet for message `seq`, sent at `send_ns`, with identifier `packet_id` (ignored at
  // QoS 0); valid until the next call.
  std::string_view Stamp(int64_t send_ns, uint64_t seq, uint16_t packet_id);

 private:
  std::string bytes_;
  size_t payload_at_ = 0;
  uint8_t qos_ = 0;
};

// What the subscriber reads from a PUBLISH.
struct PublishView {
  uint8_t qos = 0;
  uint16_t packet_id = 0;  // 0 at QoS 0
  size_t topic_size = 0;
  int64_t send_ns = 0;
  uint64_t seq = 0;
};

// Reads a PUBLISH body with fixed header `flags`; nullopt when it is malformed or its payload
// is shorter than kMinPayload.
std::optional<PublishView> ReadPublish(uint8_t flags, std::span<const uint8_t> body);

// The packet identifier of a PUBACK body; nullopt when malformed.
std::optional<uint16_t> ReadPubAck(std::span<const uint8_t> body);

// A PUBACK for `packet_id`.
std::array<char, 4> PubAckPacket(uint16_t packet_id);

}  // namespace dh::bench::mqtt_load
