// SUBSCRIBE and UNSUBSCRIBE (§3.8, §3.10). Retained messages matching a new filter follow the
// SUBACK [MQTT-3.3.1-6].
#include "mqtt/server/connection.hpp"

namespace dh::mqtt {

bool Connection::HandleSubscribe(const Subscribe& subscribe) {
  SubAck suback;
  suback.packet_id = subscribe.packet_id;
  std::vector<std::pair<std::vector<MessagePtr>, uint8_t>> retained_for;
  for (const auto& [filter, qos] : subscribe.filters) {
    uint8_t granted = qos;
    bool handled = false;
    if (context_.hooks != nullptr) {
      granted = context_.hooks->Subscribe(*session_, filter, qos, handled);
    }
    if (!handled && granted != kSubAckFailure) {
      std::vector<MessagePtr> retained;
      granted = context_.broker.Subscribe(*session_, filter, granted, retained);
      if (!retained.empty()) retained_for.emplace_back(std::move(retained), granted);
    }
    // 3.1 has no failure code: a refused filter closes the connection there.
    if (granted == kSubAckFailure && decoder_.level() != kLevel311) return false;
    suback.codes.push_back(granted);
  }
  SendPacket(suback);
  for (const auto& [retained, qos] : retained_for) Broker::SendRetained(*session_, retained, qos);
  return true;
}

bool Connection::HandleUnsubscribe(const Unsubscribe& unsubscribe) {
  for (const auto& filter : unsubscribe.filters) {
    if (context_.hooks != nullptr) context_.hooks->Unsubscribe(*session_, filter);
    context_.broker.Unsubscribe(*session_, filter);
  }
  SendPacket(Ack{PacketType::kUnsubAck, unsubscribe.packet_id});
  return true;
}

}  // namespace dh::mqtt
