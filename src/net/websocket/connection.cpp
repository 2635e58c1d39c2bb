#include "net/websocket/connection.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/write.hpp>
#include <cstring>

#include "core/utf8.hpp"

namespace dh::net::websocket {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kInitialBuffer = 512;
constexpr size_t kShrinkAbove = 16 * 1024;
constexpr auto kCloseDeadline = std::chrono::seconds(5);

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, Options options)
    : socket_(std::move(socket)), options_(options), timer_(socket_.get_executor()) {}

Connection::~Connection() = default;

void Connection::Start(std::string accept, std::shared_ptr<Peer> peer) {
  asio::dispatch(socket_.get_executor(), [self = shared_from_this(), accept = std::move(accept),
                                          peer = std::move(peer)]() mutable {
    self->peer_ = std::move(peer);
    self->last_heard_ = self->last_ping_ = Clock::now();
    self->Enqueue(std::nullopt, accept);
    self->ScheduleTick();
    self->DoRead();
  });
}

void Connection::SendData(Opcode opcode, std::string payload) {
  asio::dispatch(socket_.get_executor(), [self = shared_from_this(), opcode,
                                          payload = std::move(payload)]() mutable {
    if (self->closing_ || self->ended_) return;
    const size_t messages = self->queue_messages_ + self->inflight_messages_;
    const size_t bytes = self->queue_.size() + self->inflight_.size();
    if (messages >= self->options_.max_queued_messages ||
        bytes + payload.size() > self->options_.max_queued_bytes) {
      spdlog::warn("websocket client too slow: {} messages ({} bytes) waiting; disconnecting it",
                   messages, bytes);
      return self->CloseWith(1008, "outbound queue overflow");
    }
    self->Enqueue(opcode, payload);
  });
}

void Connection::Close(uint16_t code, std::string_view reason) {
  asio::dispatch(socket_.get_executor(),
                 [self = shared_from_this(), code, reason = std::string(reason)] {
                   self->CloseWith(code, reason);
                 });
}

void Connection::Enqueue(std::optional<Opcode> opcode, std::string_view payload) {
  if (opcode) {
    std::array<uint8_t, 10> header;
    const size_t header_size = WriteHeader(*opcode, true, payload.size(), header);
    queue_.append(reinterpret_cast<const char*>(header.data()), header_size);
  }
  queue_ += payload;
  ++queue_messages_;
  queued_messages_.store(queue_messages_ + inflight_messages_, std::memory_order_relaxed);
  if (!writing_) DoWrite();
}

void Connection::Control(Opcode opcode, std::string payload) {
  if (ended_ || (closing_ && opcode != Opcode::kClose)) return;
  Enqueue(opcode, payload);
}

void Connection::DoWrite() {
  if (queue_.empty() || ended_) return;
  std::swap(queue_, inflight_);
  inflight_messages_ = std::exchange(queue_messages_, 0);
  writing_ = true;
  asio::async_write(
      socket_, asio::buffer(inflight_),
      [self = shared_from_this()](boost::system::error_code ec, size_t) { self->OnWrite(ec); });
}

void Connection::OnWrite(boost::system::error_code ec) {
  writing_ = false;
  inflight_.clear();
  inflight_messages_ = 0;
  // Nothing more to write: give the buffers back (idle connections are many).
  if (queue_.empty()) {
    std::string().swap(inflight_);
    std::string().swap(queue_);
  }
  queued_messages_.store(queue_messages_, std::memory_order_relaxed);
  if (ec) return End();
  if (shut_after_write_ && queue_.empty()) {
    boost::system::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    return;
  }
  DoWrite();
}

void Connection::DoRead() {
  if (in_.size() < kInitialBuffer) in_.resize(kInitialBuffer);
  if (in_.size() - in_size_ < kInitialBuffer / 2) in_.resize(in_.size() * 2);
  socket_.async_read_some(
      asio::buffer(in_.data() + in_size_, in_.size() - in_size_),
      [self = shared_from_this()](boost::system::error_code ec, size_t n) { self->OnRead(ec, n); });
}

void Connection::OnRead(boost::system::error_code ec, size_t bytes) {
  if (ec) return End();
  in_size_ += bytes;
  last_heard_ = Clock::now();
  if (!ProcessFrames()) return;
  if (in_size_ == 0 && in_.size() > kShrinkAbove) {
    in_.resize(kInitialBuffer);
    in_.shrink_to_fit();
  }
  DoRead();
}

bool Connection::ProcessFrames() {
  if (closing_) {  // our close is on its way: ignore whatever else arrives
    in_size_ = 0;
    return true;
  }
  size_t pos = 0;
  size_t needed = 0;  // bytes the incomplete frame at `pos` needs in all
  while (pos < in_size_) {
    FrameHeader header;
    const auto parsed = ParseHeader({in_.data() + pos, in_size_ - pos}, header);
    if (parsed == ParseResult::kNeedMore) break;
    if (parsed == ParseResult::kProtocolError || !header.masked) {
      CloseWith(1002, "protocol error");
      in_size_ = 0;
      return true;
    }
    // Control frames (125 bytes at most) may come between fragments and are no part of them.
    if (!IsControl(header.opcode) &&
        (header.payload_size > options_.max_message_bytes ||
         (fragmented_ && message_.size() + header.payload_size > options_.max_message_bytes))) {
      CloseWith(1009, "message too big");
      in_size_ = 0;
      return true;
    }
    const size_t total = header.header_size + static_cast<size_t>(header.payload_size);
    if (in_size_ - pos < total) {
      needed = total;
      break;
    }
    std::span<uint8_t> payload(in_.data() + pos + header.header_size,
                               static_cast<size_t>(header.payload_size));
    Unmask(payload, header.mask);
    pos += total;
    if (!HandleFrame(header, payload)) return false;
    if (closing_) {
      in_size_ = 0;
      return true;
    }
  }
  if (pos > 0) {
    std::memmove(in_.data(), in_.data() + pos, in_size_ - pos);
    in_size_ -= pos;
  }
  if (needed > in_.size()) in_.resize(needed);
  return true;
}

bool Connection::HandleFrame(const FrameHeader& header, std::span<uint8_t> payload) {
  const std::string_view text(reinterpret_cast<const char*>(payload.data()), payload.size());
  switch (header.opcode) {
    case Opcode::kText:
    case Opcode::kBinary:
      if (fragmented_) {
        CloseWith(1002, "protocol error");
      } else if (header.fin) {
        Deliver(header.opcode == Opcode::kBinary, text);
      } else {
        message_.assign(text);
        fragmented_ = true;
        fragmented_binary_ = header.opcode == Opcode::kBinary;
      }
      break;
    case Opcode::kContinuation:
      if (!fragmented_) {
        CloseWith(1002, "protocol error");
        break;
      }
      message_.append(text);
      if (header.fin) {
        fragmented_ = false;
        Deliver(fragmented_binary_, message_);
        message_.clear();
        if (message_.capacity() > kShrinkAbove) message_.shrink_to_fit();
      }
      break;
    case Opcode::kPing:
      Control(Opcode::kPong, std::string(text));
      break;
    case Opcode::kPong:
      break;
    case Opcode::kClose: {
      // A close body is empty or a sendable 2-byte code and a UTF-8 reason (RFC 6455 §5.5.1).
      const uint16_t code = CloseCode(payload);
      if (payload.size() == 1 || (payload.size() >= 2 && !IsSendableCloseCode(code))) {
        CloseWith(1002, "protocol error");
      } else if (payload.size() > 2 && core::FindUtf8Offence(text.substr(2))) {
        CloseWith(1007, "invalid UTF-8");
      } else {  // the peer starts the closing handshake: echo its code, end after our frame
        BeginClose(code == 1005 ? std::string() : ClosePayload(code, {}));
      }
      break;
    }
  }
  return !ended_;
}

void Connection::Deliver(bool binary, std::string_view payload) {
  if (binary) {
    peer_->OnBinary(payload);
  } else if (core::FindUtf8Offence(payload)) {
    CloseWith(1007, "invalid UTF-8");  // a text message must be UTF-8 (RFC 6455 §8.1)
  } else {
    peer_->OnMessage(payload);
  }
}

void Connection::CloseWith(uint16_t code, std::string_view reason) {
  if (closing_ || ended_) return;
  BeginClose(ClosePayload(code, reason));
}

void Connection::BeginClose(std::string close_payload) {
  closing_ = true;
  queue_.clear();
  queue_messages_ = 0;
  queued_messages_.store(inflight_messages_, std::memory_order_relaxed);
  Control(Opcode::kClose, std::move(close_payload));
  shut_after_write_ = true;
  // Replaces the liveness tick: the peer has kCloseDeadline to finish the handshake.
  timer_.expires_after(kCloseDeadline);
  timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->End();
  });
}

void Connection::ScheduleTick() {
  using std::chrono::milliseconds;
  const auto idle = std::chrono::duration_cast<milliseconds>(options_.idle_timeout);
  const auto half_idle = idle / 2;
  // Fine enough that the idle deadline is kept to within a quarter of it.
  const auto period =
      std::clamp<milliseconds>(idle / 4, milliseconds(250),
                               std::max<milliseconds>(options_.ping_interval, milliseconds(250)));
  timer_.expires_after(period);
  timer_.async_wait([self = shared_from_this(), half_idle](boost::system::error_code ec) {
    if (ec || self->ended_) return;
    const auto now = Clock::now();
    const auto silent = now - self->last_heard_;
    const auto since_ping = now - self->last_ping_;
    if (self->closing_) return;  // BeginClose owns the timer now
    if (silent >= self->options_.idle_timeout) {
      spdlog::debug("websocket peer silent for {} s: dropping it",
                    self->options_.idle_timeout.count());
      return self->End();
    } else if (since_ping >= self->options_.ping_interval ||
               (silent >= half_idle && since_ping >= half_idle / 2)) {
      self->Control(Opcode::kPing, {});
      self->last_ping_ = now;
    }
    self->ScheduleTick();
  });
}

void Connection::End() {
  if (ended_) return;
  ended_ = true;
  closing_ = true;
  timer_.cancel();
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  queue_.clear();
  if (auto peer = std::move(peer_)) peer->OnClosed();
}

}  // namespace dh::net::websocket
