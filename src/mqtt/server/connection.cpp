#include "mqtt/server/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <utility>

#include "mqtt/codec/connect.hpp"

namespace dh::mqtt {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {
constexpr size_t kMinReadChunk = 256;
constexpr size_t kMaxReadChunk = 16 * 1024;
}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, const ServerContext& context)
    : socket_(std::move(socket)),
      context_(context),
      timer_(socket_.get_executor()),
      decoder_(Decoder::ForServer(context.options.max_packet_size)),
      read_chunk_(kMinReadChunk) {}

Connection::~Connection() = default;

void Connection::Start() {
  asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
    self->last_heard_ = Clock::now();
    self->ArmTimer(self->context_.options.connect_timeout);
    self->DoRead();
  });
}

void Connection::Send(std::string packet, bool droppable) {
  asio::dispatch(socket_.get_executor(), [self = shared_from_this(), packet = std::move(packet),
                                          droppable]() mutable {
    if (self->ended_ || self->close_after_write_) return;
    const size_t limit = self->context_.options.max_queued_bytes;
    if (droppable && self->queued_bytes_ >= limit) {
      ++self->dropped_;  // a slow subscriber loses QoS 0 messages, as in mosquitto
      return;
    }
    if (self->queued_bytes_ >= 2 * limit) {
      spdlog::warn("mqtt client {} too slow: {} bytes waiting; disconnecting it",
                   self->session_ ? self->session_->client_id() : "?", self->queued_bytes_);
      return self->Close();
    }
    self->Enqueue(std::move(packet));
  });
}

void Connection::Close() {
  // Posted, never inline: Close may be called with broker or session locks held.
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->End(false); });
}

void Connection::Enqueue(std::string packet) {
  queued_bytes_ += packet.size();
  queue_.push_back(std::move(packet));
  if (!writing_) DoWrite();
}

void Connection::DoWrite() {
  if (queue_.empty() || ended_) return;
  std::swap(queue_, inflight_);
  buffers_.clear();
  for (const auto& packet : inflight_) buffers_.emplace_back(packet.data(), packet.size());
  writing_ = true;
  asio::async_write(socket_, buffers_,
                    [self = shared_from_this()](boost::system::error_code ec, size_t) {
                      self->writing_ = false;
                      for (const auto& packet : self->inflight_) {
                        self->queued_bytes_ -= packet.size();
                      }
                      self->inflight_.clear();
                      if (ec) return self->End(false);
                      if (self->close_after_write_ && self->queue_.empty()) {
                        return self->End(false);
                      }
                      self->DoWrite();
                    });
}

void Connection::DoRead() {
  auto buffer = decoder_.Prepare(read_chunk_);
  socket_.async_read_some(
      asio::buffer(buffer.data(), buffer.size()),
      [self = shared_from_this()](boost::system::error_code ec, size_t n) { self->OnRead(ec, n); });
}

void Connection::OnRead(boost::system::error_code ec, size_t bytes) {
  if (ended_) return;
  if (ec) return End(false);
  decoder_.Commit(bytes);
  last_heard_ = Clock::now();
  // Grow the reads while they come back full; fall back (and free the big buffer) once traffic
  // thins out, so thousands of idle clients hold almost nothing.
  bool shrink = false;
  if (bytes == read_chunk_ && read_chunk_ < kMaxReadChunk) {
    read_chunk_ *= 2;
  } else if (bytes < read_chunk_ / 4 && read_chunk_ > kMinReadChunk) {
    read_chunk_ /= 2;
    shrink = read_chunk_ == kMinReadChunk;
  }
  while (!close_after_write_ && !ended_) {
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
      return End(false);
    }
    if (!*packet) break;
    if (!Handle(**packet)) {
      close_after_write_ = true;
      if (!writing_ && queue_.empty()) return End(false);
      break;
    }
  }
  if (ended_ || close_after_write_) return;
  if (shrink) decoder_.Shrink();
  DoRead();
}

void Connection::ArmTimer(std::chrono::milliseconds after) {
  timer_.expires_after(after);
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (ec || self->ended_) return;
    const auto now = Clock::now();
    if (!self->session_) {
      spdlog::debug("mqtt: no CONNECT within {} s", self->context_.options.connect_timeout.count());
      return self->End(false);
    }
    if (self->keep_alive_.count() == 0) return;
    // 1.5 times the keep-alive without any packet [MQTT-3.1.2-24].
    const auto deadline = self->last_heard_ + self->keep_alive_ * 3 / 2;
    if (now >= deadline) {
      spdlog::debug("mqtt client {} silent past its keep-alive", self->session_->client_id());
      return self->End(false);
    }
    self->ArmTimer(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
  });
}

void Connection::End(bool graceful) {
  if (ended_) return;
  ended_ = true;
  timer_.cancel();
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
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace dh::mqtt
