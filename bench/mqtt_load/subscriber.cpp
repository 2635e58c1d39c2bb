#include "mqtt_load/subscriber.hpp"

#include <algorithm>

#include "mqtt/codec/codec.hpp"
#include "mqtt_load/packets.hpp"
#include "mqtt_load/publisher.hpp"

namespace dh::bench::mqtt_load {

namespace {

constexpr size_t kReadBuffer = size_t{64} * 1024;

}  // namespace

Subscriber::Subscriber(LoadContext& ctx, const Options& o, unsigned index, Publisher& publisher)
    : ctx_(ctx),
      publisher_(publisher),
      connection_(ctx.worker.io(), ctx.broker, *this, kReadBuffer, o.max_queue_bytes),
      connect_packet_(
          ConnectPacket(o.client_prefix + "sub-" + std::to_string(index), o.keep_alive_s)),
      subscribe_packet_(
          SubscribePacket("bench/" + std::to_string(index), static_cast<uint8_t>(o.qos))),
      ping_packet_(PingReqPacket()),
      topic_size_(("bench/" + std::to_string(index)).size()),
      qos_(static_cast<uint8_t>(o.qos)) {}

void Subscriber::Open(std::optional<boost::asio::ip::address> source) {
  connection_.Open(std::move(source), connect_packet_);
}

void Subscriber::OnConnected() {
  phase_ = Phase::kSubscribing;
  connection_.Send(subscribe_packet_);
}

void Subscriber::Ping() {
  if (phase_ == Phase::kReady) connection_.Send(ping_packet_);
}

void Subscriber::OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body,
                          int64_t now_ns) {
  switch (header.type) {
    case mqtt::PacketType::kPublish:
      if (phase_ == Phase::kReady) return OnPublish(header.flags, body, now_ns);
      break;
    case mqtt::PacketType::kSubAck:
      if (phase_ == Phase::kSubscribing) return OnSubAck(header, body);
      break;
    case mqtt::PacketType::kPingResp:
      return;
    default:
      break;
  }
  ++ctx_.stats.bad_packets;
}

void Subscriber::OnSubAck(const mqtt::FixedHeader& header, std::span<const uint8_t> body) {
  auto packet = mqtt::DecodePacket(header, body, mqtt::kLevel311);
  const auto* suback = packet ? std::get_if<mqtt::SubAck>(&*packet) : nullptr;
  if (suback == nullptr || suback->codes.size() != 1 || suback->codes[0] != qos_) {
    ++ctx_.stats.bad_packets;
    phase_ = Phase::kEnded;
    Progress::Bump(ctx_.progress.failed);
    connection_.Close();
    return;
  }
  phase_ = Phase::kReady;
  Progress::Bump(ctx_.progress.ready);
}

void Subscriber::OnPublish(uint8_t flags, std::span<const uint8_t> body, int64_t now_ns) {
  const auto publish = ReadPublish(flags, body);
  if (!publish || publish->topic_size != topic_size_ || publish->qos != qos_) {
    ++ctx_.stats.bad_packets;
    return;
  }
  if (publish->qos > 0) {
    // Queued; the read's acknowledgements go out together once it is handled.
    const auto ack = PubAckPacket(publish->packet_id);
    if (!connection_.Send(std::string_view(ack.data(), ack.size()))) ++ctx_.stats.dropped;
  }
  if (publish->seq < expected_seq_) {
    ++ctx_.stats.duplicates;
    return;
  }
  ctx_.stats.lost += publish->seq - expected_seq_;
  expected_seq_ = publish->seq + 1;
  Progress::Bump(ctx_.progress.delivered);
  if (ctx_.plan.InWindow(publish->send_ns)) {
    ++ctx_.stats.delivered;
    ctx_.stats.latency_ns.Record(
        static_cast<uint64_t>(std::max<int64_t>(0, now_ns - publish->send_ns)));
  }
  publisher_.OnDelivered(publish->seq);
}

void Subscriber::OnClosed() {
  const Phase was = phase_;
  phase_ = Phase::kEnded;
  if (was == Phase::kConnecting || was == Phase::kSubscribing) {
    return Progress::Bump(ctx_.progress.failed);
  }
  if (was == Phase::kEnded) return;
  if (!ctx_.stopping) ++ctx_.stats.connections_lost;
  Progress::Bump(ctx_.progress.closed);
}

}  // namespace dh::bench::mqtt_load
