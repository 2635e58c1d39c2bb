// Dispatch of a decoded packet, and the small ones: the acknowledgements of our QoS 1/2
// publishes, PUBREL of the client's QoS 2, PINGREQ and DISCONNECT. The Decoder already refused
// packets a server must not receive and anything before CONNECT or a second CONNECT.
#include <boost/asio/dispatch.hpp>

#include "mqtt/server/connection.hpp"

namespace dh::mqtt {

bool Connection::Handle(Packet& packet) {
  if (auto* connect = std::get_if<Connect>(&packet)) return HandleConnect(*connect);
  if (auto* publish = std::get_if<Publish>(&packet)) return HandlePublish(*publish);
  if (const auto* ack = std::get_if<Ack>(&packet)) return HandleAck(*ack);
  if (const auto* subscribe = std::get_if<Subscribe>(&packet)) return HandleSubscribe(*subscribe);
  if (const auto* unsubscribe = std::get_if<Unsubscribe>(&packet)) {
    return HandleUnsubscribe(*unsubscribe);
  }
  if (std::holds_alternative<PingReq>(packet)) {
    SendPacket(PingResp{});
    return true;
  }
  if (std::holds_alternative<Disconnect>(packet)) {
    graceful_ = true;  // the will is discarded [MQTT-3.14.4-3]
    return false;
  }
  return false;  // a server-to-client packet: the Decoder does not let these through
}

bool Connection::HandleAck(const Ack& ack) {
  switch (ack.type) {
    case PacketType::kPubAck:
      session_->OnPubAck(ack.packet_id);
      return true;
    case PacketType::kPubRec:
      session_->OnPubRec(ack.packet_id);
      return true;
    case PacketType::kPubComp:
      session_->OnPubComp(ack.packet_id);
      return true;
    case PacketType::kPubRel:
      session_->ReleaseQos2(ack.packet_id);
      SendPacket(Ack{PacketType::kPubComp, ack.packet_id});
      return true;
    default:
      return false;
  }
}

}  // namespace dh::mqtt
