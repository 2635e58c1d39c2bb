#include "mqtt_load/publisher.hpp"

#include <algorithm>

namespace dh::bench::mqtt_load {

namespace {

// QoS 1 packet identifiers cycle through 1..65535: never have more than this many unacknowledged,
// so an identifier is not reused while in use.
constexpr uint64_t kMaxUnacked = 60'000;
constexpr int64_t kStallNs = 1'000'000'000;

}  // namespace

Publisher::Publisher(LoadContext& ctx, const Options& o, unsigned index)
    : ctx_(ctx),
      connection_(ctx.worker.io(), ctx.broker, *this, 4096, o.max_queue_bytes),
      publish_("bench/" + std::to_string(index), static_cast<uint8_t>(o.qos), o.payload_size),
      connect_packet_(
          ConnectPacket(o.client_prefix + "pub-" + std::to_string(index), o.keep_alive_s)),
      ping_packet_(PingReqPacket()),
      qos_(static_cast<uint8_t>(o.qos)) {}

void Publisher::Open(std::optional<boost::asio::ip::address> source) {
  connection_.Open(std::move(source), connect_packet_);
}

void Publisher::OnConnected() {
  phase_ = Phase::kReady;
  Progress::Bump(ctx_.progress.ready);
}

bool Publisher::Publish(int64_t send_ns) {
  if (qos_ > 0 && next_seq_ - acked_ >= kMaxUnacked) return false;
  const auto packet_id = static_cast<uint16_t>(next_seq_ % 65'535 + 1);
  if (!connection_.Send(publish_.Stamp(send_ns, next_seq_, packet_id))) return false;
  ++next_seq_;
  Progress::Bump(ctx_.progress.sent);
  return true;
}

void Publisher::SendScheduled(int64_t due_ns, int64_t now_ns) {
  const bool measured = ctx_.plan.InWindow(due_ns);
  if (measured) {
    ++ctx_.stats.offered;
    ctx_.stats.send_lag_ns.Record(static_cast<uint64_t>(std::max<int64_t>(0, now_ns - due_ns)));
  }
  if (phase_ != Phase::kReady || !Publish(due_ns)) ++ctx_.stats.dropped;
}

void Publisher::StartClosedLoop(unsigned window) {
  window_ = window;
  Refill();
}

void Publisher::Refill() {
  if (phase_ != Phase::kReady || ctx_.stopping) return;
  const int64_t now = NowNs();
  last_progress_ns_ = now;
  if (now >= ctx_.plan.measure_end_ns) return;
  const bool measured = ctx_.plan.InWindow(now);
  while (next_seq_ - released_ < window_) {
    if (!Publish(now)) break;
    if (measured) ++ctx_.stats.offered;
  }
}

void Publisher::OnDelivered(uint64_t seq) {
  released_ = std::max(released_, seq + 1);
  if (window_ > 0) Refill();
}

void Publisher::CheckStall(int64_t now_ns) {
  if (window_ == 0 || next_seq_ - released_ < window_) return;
  if (now_ns - last_progress_ns_ < kStallNs) return;
  ++ctx_.stats.stalls;
  released_ = next_seq_;
  Refill();
}

void Publisher::Ping() {
  if (phase_ == Phase::kReady) connection_.Send(ping_packet_);
}

void Publisher::OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body, int64_t) {
  if (header.type == mqtt::PacketType::kPubAck && qos_ > 0 && ReadPubAck(body)) {
    ++acked_;
    Progress::Bump(ctx_.progress.acked);
    if (window_ > 0 && next_seq_ - acked_ + 1 == kMaxUnacked) Refill();
    return;
  }
  if (header.type == mqtt::PacketType::kPingResp) return;
  ++ctx_.stats.bad_packets;
}

void Publisher::OnClosed() {
  const Phase was = phase_;
  phase_ = Phase::kEnded;
  if (was == Phase::kConnecting) return Progress::Bump(ctx_.progress.failed);
  if (!ctx_.stopping) ++ctx_.stats.connections_lost;
  Progress::Bump(ctx_.progress.closed);
}

}  // namespace dh::bench::mqtt_load
