// CONNECT (§3.1): authentication through the hooks, then the session, then CONNACK.
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <random>

#include "mqtt/codec/codec.hpp"
#include "mqtt/server/connection.hpp"

namespace dh::mqtt {

namespace asio = boost::asio;

namespace {

// A client id for a client that sent an empty one with clean session [MQTT-3.1.3-6].
std::string AssignedClientId() {
  thread_local std::mt19937_64 random(std::random_device{}());
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string id = "auto-";
  for (int i = 0; i < 16; ++i) id += kDigits[random() % 36];
  return id;
}

}  // namespace

void Connection::SendPacket(const Packet& packet) {
  EncodePacket(packet, queue_);
  if (!writing_) DoWrite();
}

bool Connection::HandleConnect(Connect& connect) {
  if (connect.client_id.empty()) connect.client_id = AssignedClientId();
  if (context_.hooks == nullptr) return FinishConnect(connect, kConnAckAccepted, nullptr);
  // Reading pauses until the hooks answer: packets the client sent behind CONNECT wait in the
  // decoder and are handled, in order, once the session exists.
  connecting_ = true;
  auto pending = std::make_shared<Connect>(std::move(connect));
  context_.hooks->Authenticate(
      *pending, [self = shared_from_this(), pending](uint8_t code, std::shared_ptr<void> state) {
        // Posted even when the hooks answer at once: the read loop that called us must see
        // connecting_ set and stop first.
        asio::post(self->strand(), [self, pending, code, state = std::move(state)]() mutable {
          self->connecting_ = false;
          if (self->ended_) return;
          if (self->FinishConnect(*pending, code, std::move(state))) {
            self->Resume();
          } else {
            self->CloseWhenWritten();
          }
        });
      });
  return true;
}

bool Connection::FinishConnect(const Connect& connect, uint8_t code,
                               std::shared_ptr<void> hook_state) {
  if (code != kConnAckAccepted) {
    SendPacket(ConnAck{false, code});
    return false;
  }
  // The session is in the broker, and the hooks have moved the previous connection's state
  // over, before CONNACK leaves: a client that acts on CONNACK at once (another connection
  // taking its id over, an event it expects) must find both done. Yet CONNACK goes first on
  // the wire, before whatever a resumed session resends: writes are held (writing_ set, so
  // Enqueue only queues) meanwhile, then CONNACK is put in front.
  keep_alive_ = std::chrono::seconds(connect.keep_alive);
  writing_ = true;
  std::vector<std::shared_ptr<void>> ended;
  auto connected =
      context_.broker.Connect(connect, shared_from_this(), std::move(hook_state), ended);
  session_ = std::move(connected.session);
  if (context_.hooks != nullptr) {
    // A resumed session's previous state is the one Connect ended for it.
    if (connected.session_present && !ended.empty()) {
      context_.hooks->Resumed(*session_, ended.front());
    }
    for (const auto& state : ended) context_.hooks->Ended(state);
  }
  const bool present = connected.session_present && decoder_.level() == kLevel311;  // no bit in 3.1
  std::string connack;
  EncodePacket(ConnAck{present, kConnAckAccepted}, connack);
  queue_.insert(0, connack);
  writing_ = false;
  DoWrite();
  last_heard_ = std::chrono::steady_clock::now();
  if (keep_alive_.count() > 0) {
    ScheduleCheck(keep_alive_ * 3 / 2);
  } else {
    ++deadline_generation_;  // no keep-alive: the connect deadline is void too
  }
  spdlog::debug("mqtt client {} connected (clean {}, keep-alive {} s)", session_->client_id(),
                connect.clean_session, connect.keep_alive);
  return true;
}

}  // namespace dh::mqtt
