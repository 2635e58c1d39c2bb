#include "ws_load/device_load.hpp"

#include <algorithm>
#include <cstdio>

#include "common/pacer.hpp"
#include "common/process_stats.hpp"
#include "ws_load/delivery_pacer.hpp"
#include "ws_load/device_client.hpp"
#include "ws_load/load_context.hpp"
#include "ws_load/mqtt_device.hpp"
#include "ws_load/receiver_client.hpp"
#include "ws_load/rest_setup.hpp"
#include "ws_load/run_support.hpp"
#include "ws_load/ws_device.hpp"

namespace dh::bench {

namespace {

// The clients one worker drives. The context comes first: its io_context outlives the clients.
struct Shard {
  Shard(const Target& target, const std::string& token, const LoadPlan& plan)
      : ctx(target, token, plan) {}
  LoadContext ctx;
  std::vector<std::shared_ptr<DeviceClient>> devices;
  std::vector<std::shared_ptr<ReceiverClient>> receivers;
  std::unique_ptr<Pacer> pacer;
  std::unique_ptr<DeliveryPacer> delivery_pacer;
};

using Shards = std::vector<std::unique_ptr<Shard>>;

uint64_t Sum(const Shards& shards, std::atomic<uint64_t> Progress::*counter) {
  uint64_t total = 0;
  for (const auto& shard : shards) total += (shard->ctx.progress.*counter).load();
  return total;
}

// Closes every connection (expected closes from now on) and stops the workers.
void Shutdown(Shards& shards) {
  for (auto& shard : shards) {
    shard->ctx.worker.Post([s = shard.get()] {
      s->ctx.stopping = true;
      if (s->pacer) s->pacer->Stop();
      if (s->delivery_pacer) s->delivery_pacer->Stop();
      for (auto& d : s->devices) d->Close();
      for (auto& c : s->receivers) c->Close();
    });
  }
  WaitFor([&] { return Sum(shards, &Progress::closed) >= Sum(shards, &Progress::ready); }, 2.0);
  for (auto& shard : shards) shard->ctx.worker.Join();
}

void OpenAll(Shards& shards, unsigned sources, size_t devices) {
  const size_t workers = shards.size();
  for (size_t w = 0; w < workers; ++w) {
    Shard* s = shards[w].get();
    s->ctx.worker.Start();
    s->ctx.worker.Post([s, w, workers, sources, devices] {
      for (size_t k = 0; k < s->devices.size(); ++k) {
        s->devices[k]->Open(SourceAddress(sources, k * workers + w));
      }
      for (size_t k = 0; k < s->receivers.size(); ++k) {
        s->receivers[k]->Open(SourceAddress(sources, devices + k * workers + w));
      }
    });
  }
}

// Notifications inserted but not yet delivered to all their receivers, over every worker:
// inserts awaiting their reply, plus pushes awaiting arrival in inserts' worth.
double InFlight(const Shards& shards, double pushes_per_insert) {
  const uint64_t sent = Sum(shards, &Progress::sent);
  const uint64_t answered = Sum(shards, &Progress::answered);
  const uint64_t expected = Sum(shards, &Progress::expected_pushes);
  const uint64_t delivered = Sum(shards, &Progress::delivered);
  return static_cast<double>(sent - std::min(sent, answered)) +
         static_cast<double>(expected - std::min(expected, delivered)) / pushes_per_insert;
}

// Closed loop paced by deliveries: at most --window notifications in flight per device.
void StartDeliveryPaced(Shards& shards, const Options& o, const LoadPlan& plan,
                        const Receivers& receivers) {
  uint64_t pushes = 0;
  for (const unsigned p : receivers.pushes_per_insert) pushes += p;
  const double pushes_per_insert = std::max(1.0, static_cast<double>(pushes) / o.devices);
  const double cap = static_cast<double>(o.window) * o.devices;
  SleepUntilNs(plan.start_ns);
  for (auto& shard : shards) {
    Shard* s = shard.get();
    const double share = static_cast<double>(s->devices.size()) / o.devices;
    s->ctx.worker.Post([s, &shards, pushes_per_insert, cap, share, end = plan.measure_end_ns] {
      s->delivery_pacer = std::make_unique<DeliveryPacer>(
          s->ctx.worker.io(), s->devices,
          [&shards, pushes_per_insert] { return InFlight(shards, pushes_per_insert); }, cap, share,
          end);
      s->delivery_pacer->Start();
    });
  }
}

void StartLoad(Shards& shards, const Options& o, const LoadPlan& plan, const Receivers& receivers) {
  if (o.rate == 0 && receivers.paced_by_delivery) {
    return StartDeliveryPaced(shards, o, plan, receivers);
  }
  if (o.rate > 0) {
    for (size_t w = 0; w < shards.size(); ++w) {
      Shard* s = shards[w].get();
      const double share = static_cast<double>(s->devices.size()) / o.devices;
      // Workers start a fraction of an interval apart, so their sends interleave evenly.
      const auto start =
          plan.start_ns + static_cast<int64_t>(static_cast<double>(w) / o.rate * 1e9);
      s->ctx.worker.Post([s, rate = o.rate * share, start, end = plan.measure_end_ns] {
        s->pacer = std::make_unique<Pacer>(
            s->ctx.worker.io(), s->devices.size(),
            [s](size_t i, int64_t due, int64_t now) { s->devices[i]->SendScheduled(due, now); },
            rate, start, end);
        s->pacer->Start();
      });
    }
    return;
  }
  SleepUntilNs(plan.start_ns);
  for (auto& shard : shards) {
    shard->ctx.worker.Post([s = shard.get(), window = o.window] {
      for (auto& d : s->devices) d->StartClosedLoop(window);
    });
  }
}

}  // namespace

core::Result<DeviceSetup> PrepareDevices(const Options& o) {
  DeviceSetup setup;
  DH_TRY(setup.target, MakeTarget(o));
  DH_TRY(setup.token, ObtainToken(o, setup.target));
  for (unsigned i = 0; i < o.devices; ++i) {
    setup.device_ids.push_back(o.device_prefix + std::to_string(i));
  }
  if (o.register_devices) {
    DH_CHECK(RegisterDevices(setup.target.endpoint, setup.token, setup.device_ids));
  }
  return setup;
}

core::Result<ThroughputReport> RunDeviceLoad(const Options& o, const DeviceSetup& setup,
                                             const Receivers& receivers) {
  RaiseFileLimit();
  LoadPlan plan;
  Shards shards;
  for (unsigned w = 0; w < o.threads; ++w) {
    shards.push_back(std::make_unique<Shard>(setup.target, setup.token, plan));
  }
  for (unsigned i = 0; i < o.devices; ++i) {
    auto& s = *shards[i % o.threads];
    const unsigned pushes = receivers.pushes_per_insert[i];
    if (o.device_transport == DeviceTransport::kMqtt) {
      s.devices.push_back(std::make_shared<MqttDevice>(s.ctx, setup.device_ids[i], pushes));
    } else {
      s.devices.push_back(std::make_shared<WsDevice>(s.ctx, setup.device_ids[i], pushes));
    }
  }
  for (unsigned j = 0; j < receivers.count; ++j) {
    auto& s = *shards[j % o.threads];
    s.receivers.push_back(receivers.make(s.ctx, j));
  }

  const size_t connections = size_t{o.devices} + receivers.count;
  OpenAll(shards, SourceAddressCount(o.source_addresses, connections), o.devices);
  WaitFor(
      [&] { return Sum(shards, &Progress::ready) + Sum(shards, &Progress::failed) >= connections; },
      o.connect_timeout_s);
  if (const auto ready = Sum(shards, &Progress::ready); ready < connections) {
    Shutdown(shards);
    return core::Fail(core::Errc::kUnavailable,
                      std::to_string(connections - ready) + " of " + std::to_string(connections) +
                          " connections could not be set up (authenticate/subscribe)");
  }

  plan.start_ns = NowNs() + 20'000'000;
  plan.measure_begin_ns = plan.start_ns + static_cast<int64_t>(o.warmup_s * 1e9);
  plan.measure_end_ns = plan.measure_begin_ns + static_cast<int64_t>(o.duration_s * 1e9);
  StartLoad(shards, o, plan, receivers);

  const pid_t server = o.server_pid;
  SleepUntilNs(plan.measure_begin_ns);
  const double tool_cpu0 = SelfCpuSeconds();
  const auto server_cpu0 = server > 0 ? ProcessCpuSeconds(server) : std::nullopt;
  SleepUntilNs(plan.measure_end_ns);
  ThroughputReport r;
  r.cpu.window_s = o.duration_s;
  r.cpu.tool_cpu_s = SelfCpuSeconds() - tool_cpu0;
  if (const auto server_cpu1 = server > 0 ? ProcessCpuSeconds(server) : std::nullopt;
      server_cpu0 && server_cpu1) {
    r.cpu.server_cpu_s = *server_cpu1 - *server_cpu0;
  }
  if (server > 0) r.cpu.server_rss_kib = RssKib(server);

  WaitFor(
      [&] {
        return Sum(shards, &Progress::answered) >= Sum(shards, &Progress::sent) &&
               Sum(shards, &Progress::delivered) >= Sum(shards, &Progress::expected_pushes);
      },
      o.drain_s);
  const uint64_t sent = Sum(shards, &Progress::sent);
  const uint64_t answered = Sum(shards, &Progress::answered);
  const uint64_t expected = Sum(shards, &Progress::expected_pushes);
  const uint64_t delivered = Sum(shards, &Progress::delivered);
  Shutdown(shards);

  LoadStats stats;
  for (const auto& shard : shards) stats.Merge(shard->ctx.stats);
  r.devices = o.devices;
  r.mqtt_devices = o.device_transport == DeviceTransport::kMqtt;
  r.threads = o.threads;
  r.window = o.window;
  r.rate_target = o.rate;
  r.warmup_s = o.warmup_s;
  r.duration_s = o.duration_s;
  r.offered_per_s = static_cast<double>(stats.offered) / o.duration_s;
  r.acked_per_s = static_cast<double>(stats.acked) / o.duration_s;
  r.delivered_per_s = static_cast<double>(stats.delivered) / o.duration_s;
  r.latency = Summarize(stats.delivery_ns);
  r.ack_latency = Summarize(stats.ack_ns);
  r.send_lag = Summarize(stats.send_lag_ns);
  r.insert_errors = stats.insert_errors;
  r.dropped = stats.dropped;
  r.bad_messages = stats.bad_messages;
  r.connections_lost = stats.connections_lost;
  r.unanswered = sent - std::min(sent, answered);
  r.undelivered = expected - std::min(expected, delivered);
  // The tool must not be what limits a run: say so when it ran late or used its cores up.
  if (r.send_lag.p99_ms > 1.0 || r.cpu.tool_cpu_s > 0.8 * o.threads * o.duration_s) {
    std::fprintf(stderr,
                 "dh_ws_load: warning: the tool may have limited this run (send lag p99 %.3f ms, "
                 "%.0f%% CPU over %u thread(s))\n",
                 r.send_lag.p99_ms, 100.0 * r.cpu.tool_cpu_s / o.duration_s, o.threads);
  }
  return r;
}

}  // namespace dh::bench
