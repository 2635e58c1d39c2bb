#pragma once
// The receiving side of a device load run: a connection that sets itself up (authenticates,
// subscribes), reports ready, then records for every event pushed to it the time from the
// insert that caused it to its arrival. Subclasses speak their protocol (client API or plugin
// proxy); this class keeps the set-up phase and the progress counters. Worker thread only.
#include <memory>
#include <optional>
#include <string>

#include "ws_load/connection.hpp"
#include "ws_load/load_context.hpp"

namespace dh::bench {

class ReceiverClient : public WsConnection::Listener {
 public:
  void Open(std::optional<boost::asio::ip::address> source);
  void Close();

  void OnClosed(boost::system::error_code ec) final;

 protected:
  enum class Phase { kConnecting, kAuthenticating, kSubscribing, kReady, kEnded };

  // `path`: the upgrade target (WsConnection::kClientApiPath or kPluginProxyPath).
  ReceiverClient(LoadContext& ctx, std::string_view path);

  // Set-up steps: OnOpen is the subclass's cue to authenticate.
  void Authenticating();
  void Subscribing();
  void SetUpDone();
  void SetUpFailed();
  // One pushed event that the insert at `sent_ns` caused (nullopt: unreadable, counted as bad).
  void RecordPush(std::optional<int64_t> sent_ns, int64_t now_ns);

  Phase phase() const { return phase_; }
  LoadContext& ctx() { return ctx_; }
  WsConnection& connection() { return *connection_; }

 private:
  LoadContext& ctx_;
  std::string path_;
  std::shared_ptr<WsConnection> connection_;
  Phase phase_ = Phase::kConnecting;
};

}  // namespace dh::bench
