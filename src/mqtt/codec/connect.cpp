#include "mqtt/codec/connect.hpp"

#include "mqtt/codec/fixed_header.hpp"
#include "mqtt/codec/topic.hpp"
#include "mqtt/codec/wire.hpp"

namespace dh::mqtt {
namespace {

constexpr uint8_t kReservedFlag = 0x01;
constexpr uint8_t kCleanSessionFlag = 0x02;
constexpr uint8_t kWillFlag = 0x04;
constexpr uint8_t kWillRetainFlag = 0x20;
constexpr uint8_t kPasswordFlag = 0x40;
constexpr uint8_t kUsernameFlag = 0x80;
constexpr size_t kMaxClientId31 = 23;

core::Error Refusal(uint8_t return_code, std::string message) {
  core::Error error = core::Fail(core::Errc::kBadRequest, "CONNECT: " + std::move(message));
  error.body_code = return_code;
  return error;
}

// The variable header's connect flags byte, checked for the rules of §3.1.2.
core::Status CheckConnectFlags(const wire::Reader& reader, uint8_t level, uint8_t flags) {
  if (level == kLevel311 && (flags & kReservedFlag) != 0) {
    return reader.Malformed("reserved connect flag set [MQTT-3.1.2-3]");
  }
  const auto will_qos = static_cast<uint8_t>((flags >> 3) & 0x03);
  if ((flags & kWillFlag) == 0) {
    if (will_qos != 0) return reader.Malformed("will QoS without will flag [MQTT-3.1.2-13]");
    if ((flags & kWillRetainFlag) != 0) {
      return reader.Malformed("will retain without will flag [MQTT-3.1.2-15]");
    }
  } else if (will_qos == 3) {
    return reader.Malformed("will QoS 3 [MQTT-3.1.2-14]");
  }
  if (level == kLevel311 && (flags & kPasswordFlag) != 0 && (flags & kUsernameFlag) == 0) {
    return reader.Malformed("password flag without user name flag [MQTT-3.1.2-22]");
  }
  return {};
}

}  // namespace

core::Result<Connect> DecodeConnect(uint8_t flags, std::span<const uint8_t> body) {
  DH_CHECK(CheckFlags(PacketType::kConnect, flags, kLevel311));
  wire::Reader reader(body, PacketType::kConnect);
  Connect connect;
  DH_TRY(connect.protocol_name, reader.Utf8("protocol name"));
  uint8_t expected_level = 0;
  if (connect.protocol_name == "MQTT") {
    expected_level = kLevel311;
  } else if (connect.protocol_name == "MQIsdp") {
    expected_level = kLevel31;
  } else {
    return reader.Malformed("unknown protocol name, not \"MQTT\" or \"MQIsdp\" [MQTT-3.1.2-1]");
  }
  DH_TRY(connect.level, reader.U8("protocol level"));
  if (connect.level != expected_level) {
    return Refusal(kConnAckUnacceptableProtocolVersion,
                   "unsupported protocol level " + std::to_string(connect.level) + " for \"" +
                       connect.protocol_name + "\" [MQTT-3.1.2-2]");
  }
  DH_TRY(const uint8_t connect_flags, reader.U8("connect flags"));
  DH_CHECK(CheckConnectFlags(reader, connect.level, connect_flags));
  connect.clean_session = (connect_flags & kCleanSessionFlag) != 0;
  DH_TRY(connect.keep_alive, reader.U16("keep alive"));
  DH_TRY(connect.client_id, reader.Utf8("client identifier"));
  if ((connect_flags & kWillFlag) != 0) {
    Will& will = connect.will.emplace();
    DH_TRY(will.topic, reader.Utf8("will topic"));
    if (auto valid = ValidateTopicName(will.topic); !valid) {
      return reader.Malformed("will " + valid.error().message);
    }
    DH_TRY(will.payload, reader.Binary("will message"));
    will.qos = static_cast<uint8_t>((connect_flags >> 3) & 0x03);
    will.retain = (connect_flags & kWillRetainFlag) != 0;
  }
  if ((connect_flags & kUsernameFlag) != 0) {
    DH_TRY(connect.username, reader.Utf8("user name"));
  }
  if ((connect_flags & kPasswordFlag) != 0) {
    DH_TRY(connect.password, reader.Binary("password"));
  }
  DH_CHECK(reader.ExpectEnd("the payload"));
  if (connect.level == kLevel311 && connect.client_id.empty() && !connect.clean_session) {
    return Refusal(kConnAckIdentifierRejected,
                   "empty client identifier without clean session [MQTT-3.1.3-8]");
  }
  if (connect.level == kLevel31 &&
      (connect.client_id.empty() || connect.client_id.size() > kMaxClientId31)) {
    return Refusal(kConnAckIdentifierRejected, "MQTT 3.1 client identifier must be 1-23 bytes");
  }
  return connect;
}

std::optional<uint8_t> ConnectRefusal(const core::Error& error) {
  if (error.body_code == kConnAckUnacceptableProtocolVersion ||
      error.body_code == kConnAckIdentifierRejected) {
    return static_cast<uint8_t>(error.body_code);
  }
  return std::nullopt;
}

void EncodeConnect(const Connect& connect, std::string& out) {
  uint8_t flags = connect.clean_session ? kCleanSessionFlag : 0;
  size_t length = wire::StringSize(connect.protocol_name) + 4 + wire::StringSize(connect.client_id);
  if (connect.will) {
    flags |= static_cast<uint8_t>(kWillFlag | ((connect.will->qos & 0x03) << 3) |
                                  (connect.will->retain ? kWillRetainFlag : 0));
    length += wire::StringSize(connect.will->topic) + wire::StringSize(connect.will->payload);
  }
  if (connect.username) {
    flags |= kUsernameFlag;
    length += wire::StringSize(*connect.username);
  }
  if (connect.password) {
    flags |= kPasswordFlag;
    length += wire::StringSize(*connect.password);
  }
  AppendFixedHeader(PacketType::kConnect, 0, length, out);
  wire::AppendString(connect.protocol_name, out);
  out.push_back(static_cast<char>(connect.level));
  out.push_back(static_cast<char>(flags));
  wire::AppendU16(connect.keep_alive, out);
  wire::AppendString(connect.client_id, out);
  if (connect.will) {
    wire::AppendString(connect.will->topic, out);
    wire::AppendString(connect.will->payload, out);
  }
  if (connect.username) wire::AppendString(*connect.username, out);
  if (connect.password) wire::AppendString(*connect.password, out);
}

}  // namespace dh::mqtt
