#include "mqtt/codec/codec.hpp"

#include "mqtt/codec/ack.hpp"
#include "mqtt/codec/connack.hpp"
#include "mqtt/codec/connect.hpp"
#include "mqtt/codec/disconnect.hpp"
#include "mqtt/codec/ping.hpp"
#include "mqtt/codec/publish.hpp"
#include "mqtt/codec/suback.hpp"
#include "mqtt/codec/subscribe.hpp"
#include "mqtt/codec/unsubscribe.hpp"

namespace dh::mqtt {
namespace {

template <class T>
core::Result<Packet> AsPacket(core::Result<T> decoded) {
  if (!decoded) return std::move(decoded).error();
  return Packet(std::in_place_type<T>, std::move(*decoded));
}

}  // namespace

core::Result<Packet> DecodePacket(const FixedHeader& header, std::span<const uint8_t> body,
                                  uint8_t level) {
  const uint8_t flags = header.flags;
  switch (header.type) {
    case PacketType::kConnect:
      return AsPacket(DecodeConnect(flags, body));
    case PacketType::kConnAck:
      return AsPacket(DecodeConnAck(flags, body, level));
    case PacketType::kPublish:
      return AsPacket(DecodePublish(flags, body, level));
    case PacketType::kPubAck:
    case PacketType::kPubRec:
    case PacketType::kPubRel:
    case PacketType::kPubComp:
    case PacketType::kUnsubAck:
      return AsPacket(DecodeAck(header.type, flags, body, level));
    case PacketType::kSubscribe:
      return AsPacket(DecodeSubscribe(flags, body, level));
    case PacketType::kSubAck:
      return AsPacket(DecodeSubAck(flags, body, level));
    case PacketType::kUnsubscribe:
      return AsPacket(DecodeUnsubscribe(flags, body, level));
    case PacketType::kPingReq:
      return AsPacket(DecodePingReq(flags, body, level));
    case PacketType::kPingResp:
      return AsPacket(DecodePingResp(flags, body, level));
    case PacketType::kDisconnect:
      return AsPacket(DecodeDisconnect(flags, body, level));
  }
  return core::Fail(core::Errc::kBadRequest, "reserved packet type");
}

void EncodePacket(const Packet& packet, std::string& out) {
  struct Visitor {
    std::string& out;
    void operator()(const Connect& p) const { EncodeConnect(p, out); }
    void operator()(const ConnAck& p) const { EncodeConnAck(p, out); }
    void operator()(const Publish& p) const { EncodePublish(p, out); }
    void operator()(const Ack& p) const { EncodeAck(p, out); }
    void operator()(const Subscribe& p) const { EncodeSubscribe(p, out); }
    void operator()(const SubAck& p) const { EncodeSubAck(p, out); }
    void operator()(const Unsubscribe& p) const { EncodeUnsubscribe(p, out); }
    void operator()(const PingReq& p) const { EncodePingReq(p, out); }
    void operator()(const PingResp& p) const { EncodePingResp(p, out); }
    void operator()(const Disconnect& p) const { EncodeDisconnect(p, out); }
  };
  std::visit(Visitor{out}, packet);
}

}  // namespace dh::mqtt
