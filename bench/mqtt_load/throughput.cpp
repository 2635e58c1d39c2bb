#include "mqtt_load/throughput.hpp"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <memory>
#include <vector>

#include "common/pacer.hpp"
#include "common/process_stats.hpp"
#include "common/run_support.hpp"
#include "mqtt_load/load_context.hpp"
#include "mqtt_load/publisher.hpp"
#include "mqtt_load/subscriber.hpp"

namespace dh::bench::mqtt_load {

namespace {

namespace asio = boost::asio;

constexpr auto kTick = std::chrono::milliseconds(100);

// The pairs one worker drives. The context comes first: its io_context outlives the clients;
// subscribers (which point at their publishers) are destroyed before the publishers.
struct Shard {
  Shard(const asio::ip::tcp::endpoint& broker, const LoadPlan& plan)
      : ctx(broker, plan), ticker(ctx.worker.io()) {}
  LoadContext ctx;
  std::vector<size_t> pair_index;
  std::vector<std::unique_ptr<Publisher>> publishers;
  std::vector<std::unique_ptr<Subscriber>> subscribers;
  std::unique_ptr<Pacer> pacer;
  asio::steady_timer ticker;
  int64_t ping_period_ns = 0;
  int64_t next_ping_ns = 0;
};

using Shards = std::vector<std::unique_ptr<Shard>>;

uint64_t Sum(const Shards& shards, std::atomic<uint64_t> Progress::*counter) {
  uint64_t total = 0;
  for (const auto& shard : shards) total += (shard->ctx.progress.*counter).load();
  return total;
}

// Every kTick: reopens stalled closed-loop windows and, every half keep-alive, pings.
void Tick(Shard* s) {
  s->ticker.expires_after(kTick);
  s->ticker.async_wait([s](boost::system::error_code ec) {
    if (ec || s->ctx.stopping) return;
    const int64_t now = NowNs();
    for (auto& p : s->publishers) p->CheckStall(now);
    if (now >= s->next_ping_ns) {
      s->next_ping_ns = now + s->ping_period_ns;
      for (auto& p : s->publishers) p->Ping();
      for (auto& c : s->subscribers) c->Ping();
    }
    Tick(s);
  });
}

void OpenAll(Shards& shards, unsigned sources) {
  for (auto& shard : shards) {
    Shard* s = shard.get();
    s->ctx.worker.Start();
    s->ctx.worker.Post([s, sources] {
      s->next_ping_ns = NowNs() + s->ping_period_ns;
      for (size_t k = 0; k < s->pair_index.size(); ++k) {
        const size_t i = s->pair_index[k];
        s->subscribers[k]->Open(SourceAddress(sources, 2 * i));
        s->publishers[k]->Open(SourceAddress(sources, 2 * i + 1));
      }
      Tick(s);
    });
  }
}

// Closes every connection (expected closes from now on) and stops the workers.
void Shutdown(Shards& shards) {
  for (auto& shard : shards) {
    shard->ctx.worker.Post([s = shard.get()] {
      s->ctx.stopping = true;
      if (s->pacer) s->pacer->Stop();
      s->ticker.cancel();
      for (auto& p : s->publishers) p->Close();
      for (auto& c : s->subscribers) c->Close();
    });
  }
  WaitFor([&] { return Sum(shards, &Progress::closed) >= Sum(shards, &Progress::ready); }, 2.0);
  for (auto& shard : shards) shard->ctx.worker.Join();
}

void StartLoad(Shards& shards, const Options& o, const LoadPlan& plan) {
  if (o.rate > 0) {
    for (size_t w = 0; w < shards.size(); ++w) {
      Shard* s = shards[w].get();
      const double share = static_cast<double>(s->publishers.size()) / o.pairs;
      // Workers start a fraction of an interval apart, so their sends interleave evenly.
      const auto start =
          plan.start_ns + static_cast<int64_t>(static_cast<double>(w) / o.rate * 1e9);
      s->ctx.worker.Post([s, rate = o.rate * share, start, end = plan.measure_end_ns] {
        s->pacer = std::make_unique<Pacer>(
            s->ctx.worker.io(), s->publishers.size(),
            [s](size_t i, int64_t due, int64_t now) { s->publishers[i]->SendScheduled(due, now); },
            rate, start, end);
        s->pacer->Start();
      });
    }
    return;
  }
  SleepUntilNs(plan.start_ns);
  for (auto& shard : shards) {
    shard->ctx.worker.Post([s = shard.get(), window = o.window] {
      for (auto& p : s->publishers) p->StartClosedLoop(window);
    });
  }
}

}  // namespace

core::Result<ThroughputReport> RunThroughput(const Options& o) {
  RaiseFileLimit();
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(o.host, ec);
  if (ec || !address.is_loopback()) {
    return core::Fail(core::Errc::kBadRequest, "not a loopback address: " + o.host);
  }
  const asio::ip::tcp::endpoint broker(address, o.port);
  LoadPlan plan;
  Shards shards;
  for (unsigned w = 0; w < o.threads; ++w) {
    shards.push_back(std::make_unique<Shard>(broker, plan));
    shards.back()->ping_period_ns = int64_t{o.keep_alive_s} * 500'000'000;
  }
  for (unsigned i = 0; i < o.pairs; ++i) {
    auto& s = *shards[i % o.threads];
    s.pair_index.push_back(i);
    s.publishers.push_back(std::make_unique<Publisher>(s.ctx, o, i));
    s.subscribers.push_back(std::make_unique<Subscriber>(s.ctx, o, i, *s.publishers.back()));
  }

  const size_t connections = size_t{2} * o.pairs;
  OpenAll(shards, SourceAddressCount(o.source_addresses, connections));
  WaitFor(
      [&] { return Sum(shards, &Progress::ready) + Sum(shards, &Progress::failed) >= connections; },
      o.connect_timeout_s);
  if (const auto ready = Sum(shards, &Progress::ready); ready < connections) {
    Shutdown(shards);
    return core::Fail(core::Errc::kUnavailable,
                      std::to_string(connections - ready) + " of " + std::to_string(connections) +
                          " connections could not be set up (CONNECT/SUBSCRIBE)");
  }

  plan.start_ns = NowNs() + 20'000'000;
  plan.measure_begin_ns = plan.start_ns + static_cast<int64_t>(o.warmup_s * 1e9);
  plan.measure_end_ns = plan.measure_begin_ns + static_cast<int64_t>(o.duration_s * 1e9);
  StartLoad(shards, o, plan);

  const pid_t server = o.server_pid;
  SleepUntilNs(plan.measure_begin_ns);
  const double tool_cpu0 = SelfCpuSeconds();
  const auto server_cpu0 = server > 0 ? ProcessCpuSeconds(server) : std::nullopt;
  SleepUntilNs(plan.measure_end_ns);
  ThroughputReport r;
  r.tool_cpu_s = SelfCpuSeconds() - tool_cpu0;
  if (const auto server_cpu1 = server > 0 ? ProcessCpuSeconds(server) : std::nullopt;
      server_cpu0 && server_cpu1) {
    r.server_cpu_s = *server_cpu1 - *server_cpu0;
  }
  if (server > 0) r.server_rss_kib = RssKib(server);

  WaitFor(
      [&] {
        const uint64_t sent = Sum(shards, &Progress::sent);
        return Sum(shards, &Progress::delivered) >= sent &&
               (o.qos == 0 || Sum(shards, &Progress::acked) >= sent);
      },
      o.drain_s);
  const uint64_t sent = Sum(shards, &Progress::sent);
  const uint64_t delivered = Sum(shards, &Progress::delivered);
  const uint64_t acked = Sum(shards, &Progress::acked);
  Shutdown(shards);

  LoadStats stats;
  for (const auto& shard : shards) stats.Merge(shard->ctx.stats);
  r.pairs = o.pairs;
  r.qos = o.qos;
  r.threads = o.threads;
  r.window = o.window;
  r.payload_size = o.payload_size;
  r.rate_target = o.rate;
  r.warmup_s = o.warmup_s;
  r.duration_s = o.duration_s;
  r.offered_per_s = static_cast<double>(stats.offered) / o.duration_s;
  r.delivered_per_s = static_cast<double>(stats.delivered) / o.duration_s;
  r.latency = Summarize(stats.latency_ns);
  r.send_lag = Summarize(stats.send_lag_ns);
  r.dropped = stats.dropped;
  r.lost = stats.lost;
  r.duplicates = stats.duplicates;
  r.bad_packets = stats.bad_packets;
  r.connections_lost = stats.connections_lost;
  r.stalls = stats.stalls;
  r.undelivered = sent - std::min(sent, delivered);
  r.unacked = o.qos == 0 ? 0 : sent - std::min(sent, acked);
  // The tool must not be what limits a run: say so when it ran late or used its cores up.
  if (r.send_lag.p99_ms > 1.0 || r.tool_cpu_s > 0.8 * o.threads * o.duration_s) {
    std::fprintf(stderr,
                 "dh_mqtt_load: warning: the tool may have limited this run (send lag p99 %.3f "
                 "ms, %.0f%% CPU over %u thread(s))\n",
                 r.send_lag.p99_ms, 100.0 * r.tool_cpu_s / o.duration_s, o.threads);
  }
  return r;
}

}  // namespace dh::bench::mqtt_load
