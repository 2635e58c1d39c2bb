#pragma once
// A device of the throughput and plugin modes: it inserts notifications whose parameters carry
// their send time ({"t": steady-clock ns}). Open loop, the pacer tells it when; closed loop
// (rate 0), it keeps `window` inserts in flight, or DeliveryPacer sends one at a time.
// Subclasses speak a transport (WebSocket client API, or MQTT to DeviceHive topics); this class
// keeps the statistics and the progress counters. Worker thread only.
#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>

#include "ws_load/load_context.hpp"

namespace dh::bench {

class DeviceClient {
 public:
  virtual ~DeviceClient() = default;
  DeviceClient(const DeviceClient&) = delete;
  DeviceClient& operator=(const DeviceClient&) = delete;

  // Connects and authenticates; the progress counters say when it is ready or has failed.
  virtual void Open(std::optional<boost::asio::ip::address> source) = 0;
  // Ends the connection; closes from now on are counted as expected once ctx.stopping is set.
  virtual void Close() = 0;

  // Open loop: one insert that was due at `due_ns`.
  void SendScheduled(int64_t due_ns, int64_t now_ns);
  // Closed loop: fills the window; each acknowledgement then sends the next insert until the
  // measurement window ends.
  void StartClosedLoop(unsigned window);
  // Closed loop paced from outside (DeliveryPacer): one insert now. False if it was dropped.
  bool SendNow(int64_t now_ns);

 protected:
  // `pushes_per_insert`: how many pushes each successful insert causes (the receivers that
  // follow this device), for the drain to know when every push has arrived.
  DeviceClient(LoadContext& ctx, unsigned pushes_per_insert)
      : ctx_(ctx), pushes_per_insert_(pushes_per_insert) {}

  // Queues one insert stamped `t_ns`; false when it could not be queued.
  virtual bool Queue(int64_t t_ns) = 0;

  // Subclasses report their set-up, their inserts' outcomes and their end through these.
  void Ready();
  void SetUpFailed();
  // An insert was answered; `sent_ns` is its stamp when the answer tells it.
  void Answered(bool success, std::optional<int64_t> sent_ns, int64_t now_ns);
  void Ended();
  bool ready() const { return phase_ == Phase::kReady; }
  LoadContext& ctx() { return ctx_; }

 private:
  bool Insert(int64_t t_ns);

  enum class Phase { kSettingUp, kReady, kEnded };
  LoadContext& ctx_;
  unsigned pushes_per_insert_;
  Phase phase_ = Phase::kSettingUp;
  bool closed_loop_ = false;
};

}  // namespace dh::bench
