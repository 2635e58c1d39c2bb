#include "ws_load/idle.hpp"

#include <memory>
#include <utility>
#include <vector>

#include "common/process_stats.hpp"
#include "ws_load/load_context.hpp"
#include "ws_load/run_support.hpp"
#include "ws_load/wire.hpp"

namespace dh::bench {

namespace {

class IdleShard;

// One connection that authenticates and then only reads (answering the server's pings).
class IdleClient final : public WsConnection::Listener {
 public:
  explicit IdleClient(IdleShard& shard) : shard_(shard) {}
  void Open(std::optional<boost::asio::ip::address> source);
  void Close() {
    if (connection_) connection_->Close();
  }
  void OnOpen() override;
  void OnMessage(std::string_view text) override;
  void OnClosed(boost::system::error_code ec) override;

 private:
  enum class Phase { kConnecting, kAuthenticating, kOpen, kEnded };
  void SetUpDone(bool ok);

  IdleShard& shard_;
  std::shared_ptr<WsConnection> connection_;
  Phase phase_ = Phase::kConnecting;
};

// The idle connections of one worker, set up at most `limit` at a time.
class IdleShard {
 public:
  IdleShard(const Target& target, const std::string& token, const LoadPlan& plan)
      : ctx(target, token, plan) {}

  LoadContext ctx;  // first: its io_context outlives the clients
  std::vector<std::unique_ptr<IdleClient>> clients;
  std::vector<size_t> global_index;
  unsigned limit = 1;
  unsigned sources = 0;

  // Starts set-ups until `limit` are in progress. Worker thread.
  void Pump() {
    while (in_progress_ < limit && next_ < clients.size()) {
      ++in_progress_;
      const size_t k = next_++;
      clients[k]->Open(SourceAddress(sources, global_index[k]));
    }
  }
  // A set-up finished, either way.
  void SetUpDone() {
    --in_progress_;
    if (!ctx.stopping) Pump();
  }

 private:
  unsigned in_progress_ = 0;
  size_t next_ = 0;
};

void IdleClient::Open(std::optional<boost::asio::ip::address> source) {
  connection_ = std::make_shared<WsConnection>(shard_.ctx.worker.io(), shard_.ctx.target, *this);
  connection_->Open(std::move(source));
}

void IdleClient::OnOpen() {
  phase_ = Phase::kAuthenticating;
  connection_->Send(AuthenticateMessage(shard_.ctx.token));
}

void IdleClient::OnMessage(std::string_view text) {
  if (phase_ != Phase::kAuthenticating || ActionOf(text) != "authenticate") {
    ++shard_.ctx.stats.bad_messages;
    return;
  }
  SetUpDone(IsSuccess(text));
  if (phase_ != Phase::kOpen) connection_->Close();
}

void IdleClient::SetUpDone(bool ok) {
  phase_ = ok ? Phase::kOpen : Phase::kEnded;
  Progress::Bump(ok ? shard_.ctx.progress.ready : shard_.ctx.progress.failed);
  shard_.SetUpDone();
}

void IdleClient::OnClosed(boost::system::error_code) {
  const Phase was = phase_;
  if (was == Phase::kConnecting || was == Phase::kAuthenticating) return SetUpDone(false);
  phase_ = Phase::kEnded;
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
  r.fd_limit = RaiseFileLimit();
  r.source_addresses = SourceAddressCount(o.source_addresses, o.connections);
  DH_TRY(const Target target, MakeTarget(o));
  DH_TRY(const std::string token, ObtainToken(o, target));
  if (o.server_pid > 0) r.server_rss_kib_before = RssKib(o.server_pid);

  const LoadPlan plan;
  std::vector<std::unique_ptr<IdleShard>> shards;
  for (unsigned w = 0; w < o.threads; ++w) {
    auto shard = std::make_unique<IdleShard>(target, token, plan);
    shard->limit = std::max(1u, o.connect_concurrency / o.threads);
    shard->sources = r.source_addresses;
    shards.push_back(std::move(shard));
  }
  for (size_t i = 0; i < o.connections; ++i) {
    auto& shard = *shards[i % o.threads];
    shard.clients.push_back(std::make_unique<IdleClient>(shard));
    shard.global_index.push_back(i);
  }

  const double cpu0 = SelfCpuSeconds();
  const int64_t started = NowNs();
  for (auto& shard : shards) {
    shard->ctx.worker.Start();
    shard->ctx.worker.Post([s = shard.get()] { s->Pump(); });
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

  for (auto& shard : shards) {
    shard->ctx.worker.Post([s = shard.get()] {
      s->ctx.stopping = true;
      for (auto& c : s->clients) c->Close();
    });
  }
  WaitFor([&] { return Sum(shards, &Progress::closed) >= Sum(shards, &Progress::ready); }, 5.0);
  for (auto& shard : shards) shard->ctx.worker.Join();
  r.tool_cpu_s = SelfCpuSeconds() - cpu0;
  return r;
}

}  // namespace dh::bench
