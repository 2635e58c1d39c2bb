// Encode then decode, for every packet type and both protocol levels: what the encoders write
// is what the decoders read, and the fixed header's length matches the body.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mqtt/codec/codec.hpp"
#include "mqtt/codec/fixed_header.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

core::Result<Packet> RoundTrip(const Packet& packet, uint8_t level) {
  std::string out;
  EncodePacket(packet, out);
  const auto* data = reinterpret_cast<const uint8_t*>(out.data());
  const std::span<const uint8_t> bytes(data, out.size());
  auto header = ParseFixedHeader(bytes);
  if (!header) return std::move(header).error();
  if (!*header) return core::Fail(core::Errc::kInternal, "incomplete header");
  const FixedHeader& fixed = **header;
  if (fixed.header_size + fixed.remaining_length != out.size()) {
    return core::Fail(core::Errc::kInternal, "remaining length does not match the body");
  }
  if (fixed.type != TypeOf(packet)) return core::Fail(core::Errc::kInternal, "wrong type");
  return DecodePacket(fixed, bytes.subspan(fixed.header_size), level);
}

void ExpectRoundTrips(const std::vector<Packet>& packets, uint8_t level) {
  for (const Packet& packet : packets) {
    auto decoded = RoundTrip(packet, level);
    ASSERT_TRUE(decoded) << PacketTypeName(TypeOf(packet)) << ": " << decoded.error().message;
    EXPECT_EQ(*decoded, packet) << PacketTypeName(TypeOf(packet));
  }
}

TEST(MqttRoundTrip, EveryPacketTypeOn311) {
  ExpectRoundTrips(
      {
          Connect{.client_id = "c"},
          Connect{.clean_session = false,
                  .keep_alive = 65535,
                  .client_id = "client-\xC3\xA9",
                  .will = Will{.topic = "dead/c",
                               .payload = std::string("\0\1", 2),
                               .qos = 2,
                               .retain = true},
                  .username = "user",
                  .password = std::string("\xFF\0", 2)},
          Connect{.client_id = "", .will = Will{.topic = "w"}, .username = ""},
          ConnAck{.session_present = true},
          ConnAck{.return_code = kConnAckBadUsernameOrPassword},
          Publish{.topic = "a/b", .payload = "p"},
          Publish{.topic = "a", .qos = 1, .retain = true, .packet_id = 1},
          Publish{.topic = "$SYS/x",
                  .payload = std::string(70'000, '\0'),
                  .qos = 2,
                  .dup = true,
                  .packet_id = 65535},
          Ack{.type = PacketType::kPubAck, .packet_id = 1},
          Ack{.type = PacketType::kPubRec, .packet_id = 2},
          Ack{.type = PacketType::kPubRel, .packet_id = 3},
          Ack{.type = PacketType::kPubComp, .packet_id = 4},
          Ack{.type = PacketType::kUnsubAck, .packet_id = 5},
          Subscribe{.packet_id = 6, .filters = {{"#", 0}, {"a/+/c", 1}, {"/", 2}}},
          SubAck{.packet_id = 6, .codes = {0, 1, 2, kSubAckFailure}},
          Unsubscribe{.packet_id = 7, .filters = {"#", "a/+/c"}},
          PingReq{},
          PingResp{},
          Disconnect{},
      },
      kLevel311);
}

TEST(MqttRoundTrip, EveryPacketTypeOn31) {
  ExpectRoundTrips(
      {
          Connect{.protocol_name = "MQIsdp", .level = kLevel31, .client_id = "c31"},
          Connect{.protocol_name = "MQIsdp",
                  .level = kLevel31,
                  .clean_session = false,
                  .client_id = std::string(23, 'x'),
                  .password = "only-a-password"},
          ConnAck{.return_code = kConnAckIdentifierRejected},
          Publish{.topic = "a", .payload = "p", .dup = true},
          Ack{.type = PacketType::kPubRel, .packet_id = 3},
          Subscribe{.packet_id = 6, .filters = {{"a/#", 2}}},
          SubAck{.packet_id = 6, .codes = {2}},
          Unsubscribe{.packet_id = 7, .filters = {"a/#"}},
          PingReq{},
          PingResp{},
          Disconnect{},
      },
      kLevel31);
}

TEST(MqttRoundTrip, LargestStringsFit) {
  ExpectRoundTrips({Publish{.topic = std::string(65535, 't'), .payload = "p"},
                    Subscribe{.packet_id = 1, .filters = {{std::string(65535, 'f'), 0}}}},
                   kLevel311);
}

TEST(MqttRoundTrip, StringsOver65535BytesAreABug) {
  std::string out;
  EXPECT_THROW(EncodePacket(Publish{.topic = std::string(65536, 't')}, out), std::length_error);
}

}  // namespace
}  // namespace dh::mqtt
