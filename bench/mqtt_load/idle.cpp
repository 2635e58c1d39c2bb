#include "mqtt_load/idle.hpp"

#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <vector>

#include "common/process_stats.hpp"
#include "common/run_support.hpp"
#include "mqtt_load/connection.hpp"
#include "mqtt_load/load_context.hpp"
#include "mqtt_load/packets.hpp"

namespace dh::bench::mqtt_load {

namespace {

namespace asio = boost::asio;

class IdleShard;

// One connection that connects and then only answers to keep-alive.
class IdleClient final : public MqttConnection::Listener {
 public:
  IdleClient(IdleShard& shard, const asio::ip::tcp::endpoint& broker);
  void Open(std::optional<asio::ip::address> source, std::string connect_packet) {
    connection_.Open(std::move(source), std::move(connect_packet));
  }
  void Ping(std::string_view packet) {
    if (phase_ == Phase::kOpen) connection_.Send(packet);
  }
  void Close() { connection_.Close(); }

  void OnConnected() override;
  void OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t> body,
                int64_t now_ns) override;
  void OnClosed() override;

 private:
  enum class Phase { kConnecting, kOpen, kEnded };
  IdleShard& shard_;
  MqttConnection connection_;
  Phase phase_ = Phase::kConnecting;
};

// The idle connections of one worker, set up at most `limit` at a time.
class IdleShard {
 public:
  IdleShard(const asio::ip::tcp::endpoint& broker, const LoadPlan& plan, const Options& o)
      : ctx(broker, plan), options_(o), ping_(PingReqPacket()), ticker_(ctx.worker.io()) {}

  LoadContext ctx;  // first: its io_context outlives the clients
  std::vector<std::unique_ptr<IdleClient>> clients;
  std::vector<size_t> global_index;
  unsigned limit = 1;
  unsigned sources = 0;

  // Starts set-ups until `limit` are in progress, and the keep-alive pings. Worker thread.
  void Pump() {
    while (in_progress_ < limit && next_ < clients.size()) {
      ++in_progress_;
      const size_t k = next_++;
      clients[k]->Open(
          SourceAddress(sources, global_index[k]),
          ConnectPacket(options_.client_prefix + "idle-" + std::to_string(global_index[k]),
                        options_.keep_alive_s));
    }
  }
  // A set-up finished, either way.
  void SetUpDone() {
    --in_progress_;
    if (!ctx.stopping) Pump();
  }
  void StartPings() {
    ticker_.expires_after(std::chrono::milliseconds(int64_t{options_.keep_alive_s} * 500));
    ticker_.async_wait([this](boost::system::error_code ec) {
      if (ec || ctx.stopping) return;
      for (auto& c : clients) c->Ping(ping_);
      StartPings();
    });
  }
  void Stop() {
    ctx.stopping = true;
    ticker_.cancel();
    for (auto& c : clients) c->Close();
  }

 private:
  const Options& options_;
  const std::string ping_;
  asio::steady_timer ticker_;
  unsigned in_progress_ = 0;
  size_t next_ = 0;
};

// A small read buffer: an idle client only ever reads CONNACK and PINGRESP.
IdleClient::IdleClient(IdleShard& shard, const asio::ip::tcp::endpoint& broker)
    : shard_(shard), connection_(shard.ctx.worker.io(), broker, *this, 64, 4096) {}

void IdleClient::OnConnected() {
  phase_ = Phase::kOpen;
  Progress::Bump(shard_.ctx.progress.ready);
  shard_.SetUpDone();
}

void IdleClient::OnPacket(const mqtt::FixedHeader& header, std::span<const uint8_t>, int64_t) {
  if (header.type != mqtt::PacketType::kPingResp) ++shard_.ctx.stats.bad_packets;
}

void IdleClient::OnClosed() {
  const Phase was = phase_;
  phase_ = Phase::kEnded;
  if (was == Phase::kConnecting) {
    Progress::Bump(shard_.ctx.progress.failed);
    return shard_.SetUpDone();
  }
  if (was == Phase::kOpen) {
    if (!shard_.ctx.stopping) ++shard_.ctx.stats.connections_lost;
    Progress::Bump(shard_.ctx.progress.closed);
  }
}

uint64_t Sum(const std::vector<std::unique_ptr<IdleShard>>& shards,
             std::atomic<uint64_t> Progress::*counter) {
  uint64_t total = 0;
  for (const auto& shard : shards) total += (shard->ctx.progress.*counter).load();
  return total;
}

}  // namespace

core::Result<IdleReport> RunIdle(const Options& o) {
  IdleReport r;
  r.requested = o.connections;
  r.threads = o.threads;
  r.keep_alive_s = o.keep_alive_s;
  r.fd_limit = RaiseFileLimit();
  r.source_addresses = SourceAddressCount(o.source_addresses, o.connections);
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(o.host, ec);
  if (ec || !address.is_loopback()) {
    return core::Fail(core::Errc::kBadRequest, "not a loopback address: " + o.host);
  }
  const asio::ip::tcp::endpoint broker(address, o.port);
  if (o.server_pid > 0) r.server_rss_kib_before = RssKib(o.server_pid);

  const LoadPlan plan;
  std::vector<std::unique_ptr<IdleShard>> shards;
  for (unsigned w = 0; w < o.threads; ++w) {
    auto shard = std::make_unique<IdleShard>(broker, plan, o);
    shard->limit = std::max(1u, o.connect_concurrency / o.threads);
    shard->sources = r.source_addresses;
    shards.push_back(std::move(shard));
  }
  for (size_t i = 0; i < o.connections; ++i) {
    auto& shard = *shards[i % o.threads];
    shard.clients.push_back(std::make_unique<IdleClient>(shard, broker));
    shard.global_index.push_back(i);
  }

  const double cpu0 = SelfCpuSeconds();
  const int64_t started = NowNs();
  for (auto& shard : shards) {
    shard->ctx.worker.Start();
    shard->ctx.worker.Post([s = shard.get()] {
      s->Pump();
      s->StartPings();
    });
  }
  WaitFor(
      [&] {
        return Sum(shards, &Progress::ready) + Sum(shards, &Progress::failed) >= o.connections;
      },
      o.connect_timeout_s);
  r.setup_s = static_cast<double>(NowNs() - started) / 1e9;
  WaitFor([] { return false; }, o.hold_s);
  r.opened = Sum(shards, &Progress::ready);
  r.failed = o.connections - r.opened;
  r.open_at_end = r.opened - Sum(shards, &Progress::closed);
  if (o.server_pid > 0) r.server_rss_kib_after = RssKib(o.server_pid);

  for (auto& shard : shards) shard->ctx.worker.Post([s = shard.get()] { s->Stop(); });
  WaitFor([&] { return Sum(shards, &Progress::closed) >= Sum(shards, &Progress::ready); }, 5.0);
  for (auto& shard : shards) shard->ctx.worker.Join();
  r.tool_cpu_s = SelfCpuSeconds() - cpu0;
  return r;
}

}  // namespace dh::bench::mqtt_load
