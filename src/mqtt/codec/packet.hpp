#pragma once
// The MQTT control packets (OASIS MQTT 3.1.1 §3, and IBM MQTT 3.1) as plain values. The codec
// decodes bytes into these and encodes them back; each packet type has its own file with its
// decode and encode functions (connect.hpp, publish.hpp, ...). Strings hold raw bytes: UTF-8 for
// topics, client ids and user names (validated on decode), arbitrary bytes for payloads and
// passwords.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace dh::mqtt {

// Protocol levels (the CONNECT "Protocol Level" byte) and their protocol names.
inline constexpr uint8_t kLevel31 = 3;   // MQTT 3.1, protocol name "MQIsdp"
inline constexpr uint8_t kLevel311 = 4;  // MQTT 3.1.1, protocol name "MQTT"

enum class PacketType : uint8_t {
  kConnect = 1,
  kConnAck = 2,
  kPublish = 3,
  kPubAck = 4,
  kPubRec = 5,
  kPubRel = 6,
  kPubComp = 7,
  kSubscribe = 8,
  kSubAck = 9,
  kUnsubscribe = 10,
  kUnsubAck = 11,
  kPingReq = 12,
  kPingResp = 13,
  kDisconnect = 14,
};

// "CONNECT", "PUBACK", ...: the names the standard uses, for error texts and logs.
std::string_view PacketTypeName(PacketType type);

struct Will {
  std::string topic{};
  std::string payload{};  // binary
  uint8_t qos = 0;
  bool retain = false;
  bool operator==(const Will&) const = default;
};

struct Connect {
  std::string protocol_name = "MQTT";
  uint8_t level = kLevel311;
  bool clean_session = true;
  uint16_t keep_alive = 0;  // seconds; 0 turns the keep-alive off
  std::string client_id{};
  std::optional<Will> will{};
  std::optional<std::string> username{};
  std::optional<std::string> password{};  // binary
  bool operator==(const Connect&) const = default;
};

// CONNACK return codes (§3.2.2.3).
inline constexpr uint8_t kConnAckAccepted = 0x00;
inline constexpr uint8_t kConnAckUnacceptableProtocolVersion = 0x01;
inline constexpr uint8_t kConnAckIdentifierRejected = 0x02;
inline constexpr uint8_t kConnAckServerUnavailable = 0x03;
inline constexpr uint8_t kConnAckBadUsernameOrPassword = 0x04;
inline constexpr uint8_t kConnAckNotAuthorized = 0x05;

struct ConnAck {
  bool session_present = false;  // always false on 3.1, where the bit does not exist
  uint8_t return_code = kConnAckAccepted;
  bool operator==(const ConnAck&) const = default;
};

struct Publish {
  std::string topic{};
  std::string payload{};  // binary
  uint8_t qos = 0;
  bool retain = false;
  bool dup = false;
  uint16_t packet_id = 0;  // 0 for QoS 0, non-zero otherwise
  bool operator==(const Publish&) const = default;
};

// PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: a packet identifier and nothing else.
struct Ack {
  PacketType type = PacketType::kPubAck;
  uint16_t packet_id = 0;
  bool operator==(const Ack&) const = default;
};

struct Subscribe {
  uint16_t packet_id = 0;
  std::vector<std::pair<std::string, uint8_t>> filters{};  // topic filter, requested QoS
  bool operator==(const Subscribe&) const = default;
};

// SUBACK return codes: the granted QoS (0, 1, 2) or, on 3.1.1 only, failure.
inline constexpr uint8_t kSubAckFailure = 0x80;

struct SubAck {
  uint16_t packet_id = 0;
  std::vector<uint8_t> codes{};  // one per filter of the SUBSCRIBE, in order
  bool operator==(const SubAck&) const = default;
};

struct Unsubscribe {
  uint16_t packet_id = 0;
  std::vector<std::string> filters{};
  bool operator==(const Unsubscribe&) const = default;
};

struct PingReq {
  bool operator==(const PingReq&) const = default;
};
struct PingResp {
  bool operator==(const PingResp&) const = default;
};
struct Disconnect {
  bool operator==(const Disconnect&) const = default;
};

using Packet = std::variant<Connect, ConnAck, Publish, Ack, Subscribe, SubAck, Unsubscribe, PingReq,
                            PingResp, Disconnect>;

// The type of a packet (for Ack, its `type`).
PacketType TypeOf(const Packet& packet);

}  // namespace dh::mqtt
