// The streaming Decoder: packets split at every byte boundary, several per feed, the maximum
// size enforced from the fixed header alone, direction and first-packet rules, sticky errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mqtt/codec/codec.hpp"
#include "mqtt/codec/connect.hpp"
#include "mqtt/codec/decoder.hpp"
#include "mqtt_bytes.hpp"

namespace dh::mqtt {
namespace {

using testing::Bytes;
using testing::FailsWith;

constexpr size_t kMax = 1024;

Bytes Encoded(const std::vector<Packet>& packets) {
  std::string out;
  for (const Packet& packet : packets) EncodePacket(packet, out);
  return testing::AsBytes(out);
}

// Every packet Next returns until it needs more bytes; fails the test on an error.
std::vector<Packet> Drain(Decoder& decoder) {
  std::vector<Packet> packets;
  while (true) {
    auto next = decoder.Next();
    if (!next) {
      ADD_FAILURE() << next.error().message;
      return packets;
    }
    if (!*next) return packets;
    packets.push_back(std::move(**next));
  }
}

const std::vector<Packet> kClientStream = {
    Connect{.keep_alive = 30, .client_id = "dev-1", .username = "u", .password = "p"},
    Publish{.topic = "a/b", .payload = "hello", .qos = 1, .packet_id = 1},
    Subscribe{.packet_id = 2, .filters = {{"a/#", 1}, {"+/x", 0}}},
    Ack{.type = PacketType::kPubRec, .packet_id = 5},
    Ack{.type = PacketType::kPubRel, .packet_id = 5},
    Unsubscribe{.packet_id = 3, .filters = {"a/#"}},
    PingReq{},
    Publish{.topic = "t", .payload = std::string(300, 'x')},
    Disconnect{},
};

TEST(MqttDecoder, DecodesSeveralPacketsFromOneFeed) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Encoded(kClientStream));
  EXPECT_EQ(Drain(decoder), kClientStream);
  EXPECT_EQ(decoder.buffered(), 0u);
  EXPECT_EQ(decoder.level(), kLevel311);
}

TEST(MqttDecoder, DecodesTheStreamSplitAtEveryByteBoundary) {
  const Bytes stream = Encoded(kClientStream);
  for (size_t split = 0; split <= stream.size(); ++split) {
    auto decoder = Decoder::ForServer(kMax);
    decoder.Feed(std::span(stream).first(split));
    std::vector<Packet> packets = Drain(decoder);
    decoder.Feed(std::span(stream).subspan(split));
    for (Packet& packet : Drain(decoder)) packets.push_back(std::move(packet));
    ASSERT_EQ(packets, kClientStream) << "split at " << split;
  }
}

TEST(MqttDecoder, DecodesTheStreamFedOneByteAtATime) {
  const Bytes stream = Encoded(kClientStream);
  auto decoder = Decoder::ForServer(kMax);
  std::vector<Packet> packets;
  for (uint8_t byte : stream) {
    decoder.Feed(std::span(&byte, 1));
    for (Packet& packet : Drain(decoder)) packets.push_back(std::move(packet));
  }
  EXPECT_EQ(packets, kClientStream);
}

TEST(MqttDecoder, PrepareAndCommitReadStraightIntoTheBuffer) {
  const Bytes stream = Encoded(kClientStream);
  auto decoder = Decoder::ForServer(kMax);
  std::vector<Packet> packets;
  for (size_t offset = 0; offset < stream.size(); offset += 7) {
    const size_t size = std::min<size_t>(7, stream.size() - offset);
    std::span<uint8_t> room = decoder.Prepare(16);
    std::copy_n(stream.begin() + static_cast<std::ptrdiff_t>(offset), size, room.begin());
    decoder.Commit(size);
    for (Packet& packet : Drain(decoder)) packets.push_back(std::move(packet));
  }
  EXPECT_EQ(packets, kClientStream);
}

TEST(MqttDecoder, OversizedPacketIsRejectedFromItsHeaderAlone) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Encoded({Connect{.client_id = "c"}}));
  ASSERT_EQ(Drain(decoder).size(), 1u);
  decoder.Feed(Bytes{0x30, 0xFF, 0xFF, 0x7F});  // PUBLISH of 2 MB, no body yet
  auto next = decoder.Next();
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().code, core::Errc::kPayloadTooLarge);
  EXPECT_EQ(next.error().message, "PUBLISH of 2097155 bytes exceeds the maximum packet size 1024");
}

TEST(MqttDecoder, PacketOfExactlyTheMaximumSizeIsAccepted) {
  const Bytes connect = Encoded({Connect{.client_id = "c"}});
  const Bytes publish = Encoded({Publish{.topic = "t", .payload = std::string(95, 'p')}});
  ASSERT_EQ(publish.size(), 100u);
  auto exact = Decoder::ForServer(100);
  exact.Feed(connect);
  exact.Feed(publish);
  EXPECT_EQ(Drain(exact).size(), 2u);
  auto smaller = Decoder::ForServer(99);
  smaller.Feed(connect);
  smaller.Feed(publish);
  ASSERT_TRUE(*smaller.Next());
  EXPECT_TRUE(FailsWith(smaller.Next(), "PUBLISH of 100 bytes exceeds"));
}

TEST(MqttDecoder, FiveByteRemainingLengthIsMalformed) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Bytes{0x10, 0x80, 0x80, 0x80, 0x80});
  EXPECT_TRUE(FailsWith(decoder.Next(), "more than 4 bytes"));
}

TEST(MqttDecoder, FirstPacketMustBeConnect) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Encoded({PingReq{}}));
  EXPECT_TRUE(
      FailsWith(decoder.Next(), "first packet must be CONNECT, not PINGREQ [MQTT-3.1.0-1]"));
}

TEST(MqttDecoder, SecondConnectIsAViolation) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Encoded({Connect{.client_id = "c"}, Connect{.client_id = "c"}}));
  ASSERT_TRUE(decoder.Next());
  EXPECT_TRUE(FailsWith(decoder.Next(), "second CONNECT [MQTT-3.1.0-2]"));
}

TEST(MqttDecoder, ServerRejectsPacketsOnlyServersSend) {
  for (const Packet& packet :
       std::vector<Packet>{ConnAck{}, SubAck{.packet_id = 1, .codes = {0}},
                           Ack{.type = PacketType::kUnsubAck, .packet_id = 1}, PingResp{}}) {
    auto decoder = Decoder::ForServer(kMax);
    decoder.Feed(Encoded({Connect{.client_id = "c"}, packet}));
    ASSERT_TRUE(decoder.Next());
    EXPECT_TRUE(FailsWith(decoder.Next(), "is not sent by clients"));
  }
}

TEST(MqttDecoder, ClientDecodesWhatServersSend) {
  const std::vector<Packet> stream = {
      ConnAck{.session_present = true},
      SubAck{.packet_id = 2, .codes = {1, kSubAckFailure}},
      Publish{.topic = "a/b", .payload = "x", .qos = 2, .packet_id = 9},
      Ack{.type = PacketType::kPubAck, .packet_id = 1},
      Ack{.type = PacketType::kUnsubAck, .packet_id = 3},
      PingResp{},
  };
  auto decoder = Decoder::ForClient(kLevel311, kMax);
  decoder.Feed(Encoded(stream));
  EXPECT_EQ(Drain(decoder), stream);
}

TEST(MqttDecoder, ClientRejectsPacketsOnlyClientsSendAndNeedsConnAckFirst) {
  auto decoder = Decoder::ForClient(kLevel311, kMax);
  decoder.Feed(Encoded({Subscribe{.packet_id = 1, .filters = {{"a", 0}}}}));
  EXPECT_TRUE(FailsWith(decoder.Next(), "SUBSCRIBE is not sent by servers"));
  auto early = Decoder::ForClient(kLevel311, kMax);
  early.Feed(Encoded({PingResp{}}));
  EXPECT_TRUE(FailsWith(early.Next(), "first packet must be CONNACK"));
}

TEST(MqttDecoder, ConnectRefusalSurvivesTheDecoder) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Encoded({Connect{.level = 5, .client_id = "c"}}));
  auto next = decoder.Next();
  ASSERT_FALSE(next);
  EXPECT_EQ(ConnectRefusal(next.error()), kConnAckUnacceptableProtocolVersion);
}

TEST(MqttDecoder, TheConnectLevelGovernsTheSession) {
  const Bytes dup_qos0 = {0x38, 0x03, 0x00, 0x01, 't'};  // PUBLISH DUP on QoS 0
  auto v31 = Decoder::ForServer(kMax);
  v31.Feed(Encoded({Connect{.protocol_name = "MQIsdp", .level = kLevel31, .client_id = "c"}}));
  v31.Feed(dup_qos0);
  EXPECT_EQ(Drain(v31).size(), 2u);
  EXPECT_EQ(v31.level(), kLevel31);
  auto v311 = Decoder::ForServer(kMax);
  v311.Feed(Encoded({Connect{.client_id = "c"}}));
  v311.Feed(dup_qos0);
  ASSERT_TRUE(v311.Next());
  EXPECT_TRUE(FailsWith(v311.Next(), "[MQTT-3.3.1-2]"));
}

TEST(MqttDecoder, ErrorsAreSticky) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Bytes{0x00, 0x00});
  EXPECT_TRUE(FailsWith(decoder.Next(), "reserved packet type 0"));
  decoder.Feed(Encoded({Connect{.client_id = "c"}}));
  EXPECT_TRUE(FailsWith(decoder.Next(), "reserved packet type 0"));
}

TEST(MqttDecoder, MalformedBodyIsAnErrorAndConsumesNothingMore) {
  auto decoder = Decoder::ForServer(kMax);
  decoder.Feed(Encoded({Connect{.client_id = "c"}}));
  decoder.Feed(Bytes{0x82, 0x02, 0x00, 0x01});  // SUBSCRIBE without filters
  ASSERT_TRUE(decoder.Next());
  EXPECT_TRUE(FailsWith(decoder.Next(), "[MQTT-3.8.3-3]"));
}

TEST(MqttDecoder, IncompletePacketNeedsMoreAndKeepsItsBytes) {
  auto decoder = Decoder::ForServer(kMax);
  const Bytes connect = Encoded({Connect{.client_id = "c"}});
  decoder.Feed(std::span(connect).first(5));
  auto next = decoder.Next();
  ASSERT_TRUE(next);
  EXPECT_FALSE(*next);
  EXPECT_EQ(decoder.buffered(), 5u);
}

TEST(MqttDecoder, BigPacketThenSmallOnesReusesTheBuffer) {
  auto decoder = Decoder::ForServer(1 << 20);
  const std::vector<Packet> stream = {
      Connect{.client_id = "c"},
      Publish{.topic = "big", .payload = std::string(100'000, 'b')},
      Publish{.topic = "small", .payload = "s"},
  };
  decoder.Feed(Encoded(stream));
  EXPECT_EQ(Drain(decoder), stream);
  decoder.Feed(Encoded({PingReq{}}));
  EXPECT_EQ(Drain(decoder), std::vector<Packet>{PingReq{}});
}

}  // namespace
}  // namespace dh::mqtt
