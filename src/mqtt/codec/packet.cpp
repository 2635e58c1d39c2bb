#include "mqtt/codec/packet.hpp"

namespace dh::mqtt {

std::string_view PacketTypeName(PacketType type) {
  switch (type) {
    case PacketType::kConnect:
      return "CONNECT";
    case PacketType::kConnAck:
      return "CONNACK";
    case PacketType::kPublish:
      return "PUBLISH";
    case PacketType::kPubAck:
      return "PUBACK";
    case PacketType::kPubRec:
      return "PUBREC";
    case PacketType::kPubRel:
      return "PUBREL";
    case PacketType::kPubComp:
      return "PUBCOMP";
    case PacketType::kSubscribe:
      return "SUBSCRIBE";
    case PacketType::kSubAck:
      return "SUBACK";
    case PacketType::kUnsubscribe:
      return "UNSUBSCRIBE";
    case PacketType::kUnsubAck:
      return "UNSUBACK";
    case PacketType::kPingReq:
      return "PINGREQ";
    case PacketType::kPingResp:
      return "PINGRESP";
    case PacketType::kDisconnect:
      return "DISCONNECT";
  }
  return "reserved";
}

PacketType TypeOf(const Packet& packet) {
  struct Visitor {
    PacketType operator()(const Connect&) const { return PacketType::kConnect; }
    PacketType operator()(const ConnAck&) const { return PacketType::kConnAck; }
    PacketType operator()(const Publish&) const { return PacketType::kPublish; }
    PacketType operator()(const Ack& ack) const { return ack.type; }
    PacketType operator()(const Subscribe&) const { return PacketType::kSubscribe; }
    PacketType operator()(const SubAck&) const { return PacketType::kSubAck; }
    PacketType operator()(const Unsubscribe&) const { return PacketType::kUnsubscribe; }
    PacketType operator()(const PingReq&) const { return PacketType::kPingReq; }
    PacketType operator()(const PingResp&) const { return PacketType::kPingResp; }
    PacketType operator()(const Disconnect&) const { return PacketType::kDisconnect; }
  };
  return std::visit(Visitor{}, packet);
}

}  // namespace dh::mqtt
