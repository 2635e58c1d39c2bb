#include "mqtt/server/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <utility>

#include "mqtt/codec/connect.hpp"
#include "mqtt/server/deadlines.hpp"
#include "mqtt/server/registry.hpp"

namespace dh::mqtt {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {
constexpr size_t kMaxReadChunk = 16 * 1024;
}  // namespace

Connection::Connection(const ServerContext& context)
    : decoder_(Decoder::ForServer(context.options.max_packet_size)),
      context_(context),
      read_chunk_(kMinReadChunk) {}

Connection::~Connection() {
  if (registry_) registry_->Remove(*this);
}

void Connection::Register(std::shared_ptr<Registry> registry, std::shared_ptr<void> slot) {
  registry_ = std::move(registry);
  slot_ = std::move(slot);
  registry_->Add(*this);
}

void Connection::Start() {
  asio::dispatch(strand(), [self = shared_from_this()] {
    self->last_heard_ = Clock::now();
    self->ScheduleCheck(self->context_.options.connect_timeout);
    self->DoRead();
  });
}

void Connection::Send(std::string packet, bool droppable) {
  asio::dispatch(strand(), [self = shared_from_this(), packet = std::move(packet), droppable] {
    if (self->Admit(droppable)) self->Enqueue(packet);
  });
}

void Connection::SendPublish(MessagePtr message, PublishHeader header) {
  asio::dispatch(strand(), [self = shared_from_this(), message = std::move(message), header] {
    if (!self->Admit(header.qos == 0)) return;
    AppendPublish(*message, header, self->queue_);
    if (!self->writing_) self->DoWrite();
  });
}

bool Connection::Admit(bool droppable) {
  if (ended_ || close_after_write_) return false;
  const size_t limit = context_.options.max_queued_bytes;
  if (droppable && (queued_bytes() >= limit || WireCongested())) {
    ++dropped_;  // a slow subscriber loses QoS 0 messages, as in mosquitto
    return false;
  }
  if (queued_bytes() >= 2 * limit) {
    spdlog::warn("mqtt client {} too slow: {} bytes waiting; disconnecting it",
                 session_ ? session_->client_id() : "?", queued_bytes());
    Close();
    return false;
  }
  return true;
}

void Connection::Close() {
  // Posted, never inline: Close may be called with broker or session locks held.
  asio::post(strand(), [self = shared_from_this()] { self->End(false); });
}

void Connection::Enqueue(std::string_view packet) {
  queue_ += packet;
  if (!writing_) DoWrite();
}

void Connection::DoWrite() {
  if (queue_.empty() || ended_) return;
  std::swap(queue_, inflight_);
  writing_ = true;
  WireWrite(inflight_);
}

void Connection::OnWritten(boost::system::error_code ec) {
  writing_ = false;
  inflight_.clear();
  // Nothing more to write: give the buffers back (idle clients are many).
  if (queue_.empty()) {
    std::string().swap(inflight_);
    std::string().swap(queue_);
  }
  if (ec) return End(false);
  if (close_after_write_ && queue_.empty()) return End(false);
  DoWrite();
}

void Connection::DoRead() {
  // Traffic is thin: free the read buffer while nothing is buffered (idle clients are many).
  if (read_chunk_ == kMinReadChunk) decoder_.Shrink();
  WireRead(read_chunk_);
}

void Connection::OnRead(boost::system::error_code ec, size_t bytes) {
  if (ended_) return;
  if (ec) return End(false);
  decoder_.Commit(bytes);
  last_heard_ = Clock::now();
  // Grow the reads while they come back full; fall back (and free the big buffer) once traffic
  // thins out, so thousands of idle clients hold almost nothing.
  if (bytes >= read_chunk_ && read_chunk_ < kMaxReadChunk) {
    read_chunk_ *= 2;
  } else if (bytes < read_chunk_ / 4 && read_chunk_ > kMinReadChunk) {
    read_chunk_ /= 2;
  }
  if (ProcessPackets()) DoRead();
}

void Connection::Resume() {
  if (ProcessPackets()) DoRead();
}

bool Connection::ProcessPackets() {
  while (!close_after_write_ && !ended_ && !connecting_) {
    auto packet = decoder_.Next();
    if (!packet) {
      spdlog::debug("mqtt: closing {}: {}", session_ ? session_->client_id() : "a client",
                    packet.error().message);
      // A CONNECT refused for its protocol level or client id is answered first [MQTT-3.2.2-4].
      if (auto code = ConnectRefusal(packet.error()); code && !session_) {
        SendPacket(ConnAck{false, *code});
        close_after_write_ = true;
        break;
      }
      End(false);
      return false;
    }
    if (!*packet) break;
    if (!Handle(**packet)) {
      CloseWhenWritten();
      return false;
    }
  }
  return !ended_ && !close_after_write_ && !connecting_;
}

void Connection::CloseWhenWritten() {
  close_after_write_ = true;
  if (!writing_ && queue_.empty()) End(false);
}

void Connection::ScheduleCheck(std::chrono::milliseconds after) {
  context_.deadlines.Schedule(weak_from_this(), ++deadline_generation_, Clock::now() + after);
}

void Connection::Expire(uint32_t generation) {
  asio::dispatch(strand(), [self = shared_from_this(), generation] {
    if (generation == self->deadline_generation_ && !self->ended_) self->CheckDeadline();
  });
}

void Connection::CheckDeadline() {
  if (!session_) {
    spdlog::debug("mqtt: no CONNECT within {} s", context_.options.connect_timeout.count());
    return End(false);
  }
  if (keep_alive_.count() == 0) return;
  // 1.5 times the keep-alive without any packet [MQTT-3.1.2-24].
  const auto now = Clock::now();
  const auto deadline = last_heard_ + keep_alive_ * 3 / 2;
  if (now >= deadline) {
    spdlog::debug("mqtt client {} silent past its keep-alive", session_->client_id());
    return End(false);
  }
  ScheduleCheck(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) +
                std::chrono::milliseconds(1));
}

void Connection::End(bool graceful) {
  if (ended_) return;
  ended_ = true;
  ++deadline_generation_;
  queue_.clear();
  // The broker hears of the end before the client can see it: a client that reconnects as soon
  // as the socket closes must find its DISCONNECT recorded (no will) and its session detached.
  if (session_) {
    if (dropped_ > 0) {
      spdlog::info("mqtt client {} lost {} QoS 0 messages it was too slow to take",
                   session_->client_id(), dropped_);
    }
    if (auto ended = context_.broker.Disconnect(session_, this, graceful || graceful_);
        ended && context_.hooks && ended->hook_state()) {
      context_.hooks->Ended(std::exchange(ended->hook_state(), nullptr));
    }
  }
  WireClose();
}

}  // namespace dh::mqtt
