// PUBLISH from a client (§3.3) and its QoS flows: QoS 1 answered with PUBACK, QoS 2 with PUBREC
// (delivered once, on first receipt; PUBREL then releases the id).
#include <boost/asio/dispatch.hpp>

#include "mqtt/server/connection.hpp"

namespace dh::mqtt {

void Connection::Acknowledge(const Publish& publish) {
  if (publish.qos == 1) SendPacket(Ack{PacketType::kPubAck, publish.packet_id});
  if (publish.qos == 2) SendPacket(Ack{PacketType::kPubRec, publish.packet_id});
}

bool Connection::HandlePublish(Publish& publish) {
  if (publish.qos == 2 && !session_->ReceiveQos2(publish.packet_id)) {
    Acknowledge(publish);  // a retransmission: already delivered [MQTT-4.3.3-2]
    return true;
  }
  if (context_.hooks != nullptr) {
    auto self = shared_from_this();
    const bool taken = context_.hooks->Publish(
        *session_, publish, [self, qos = publish.qos, id = publish.packet_id](bool ok) {
          boost::asio::dispatch(self->strand(), [self, qos, id, ok] {
            if (self->ended_) return;
            if (!ok) return self->End(false);
            Publish acked;
            acked.qos = qos;
            acked.packet_id = id;
            self->Acknowledge(acked);
          });
        });
    if (taken) return true;
  }
  auto message = std::make_shared<Message>();
  message->topic = std::move(publish.topic);
  message->payload = std::move(publish.payload);
  message->qos = publish.qos;
  message->retain = publish.retain;
  context_.broker.Route(message);
  Acknowledge(publish);
  return true;
}

}  // namespace dh::mqtt
