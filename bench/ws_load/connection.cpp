#include "ws_load/connection.hpp"

#include <netinet/in.h>

#include <boost/asio/write.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace dh::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;

namespace {

constexpr size_t kMaxReadChunk = size_t{64} * 1024;
constexpr size_t kMaxMessage = size_t{16} * 1024 * 1024;

// Lets bind() leave the port to connect(), so many connections can share a source address as
// long as their 4-tuples differ.
using BindAddressNoPort = asio::detail::socket_option::boolean<IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT>;

error_code ProtocolError() { return asio::error::make_error_code(asio::error::invalid_argument); }

}  // namespace

WsConnection::WsConnection(asio::io_context& io, const Target& target, Listener& listener,
                           std::string_view path)
    : socket_(io),
      target_(target),
      listener_(listener),
      path_(path),
      buffer_(kMaxMessage + 16),
      prng_(reinterpret_cast<uintptr_t>(this) * 0x9E3779B97F4A7C15ull) {}

uint32_t WsConnection::NextMask() {
  prng_ ^= prng_ << 13;
  prng_ ^= prng_ >> 7;
  prng_ ^= prng_ << 17;
  return static_cast<uint32_t>(prng_ >> 16);
}

void WsConnection::Open(std::optional<asio::ip::address> source) {
  error_code ec;
  socket_.open(target_.endpoint.protocol(), ec);
  if (!ec && source) {
    socket_.set_option(BindAddressNoPort(true), ec);
    if (!ec) socket_.bind(asio::ip::tcp::endpoint(*source, 0), ec);
  }
  if (ec) {
    asio::post(socket_.get_executor(), [self = shared_from_this(), ec] { self->Finish(ec); });
    return;
  }
  socket_.async_connect(target_.endpoint,
                        [self = shared_from_this()](error_code e) { self->OnConnect(e); });
}

void WsConnection::OnConnect(error_code ec) {
  if (ec) return Finish(ec);
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  auto request = std::make_shared<http::request<http::empty_body>>(http::verb::get, path_, 11);
  request->set(http::field::host, target_.host);
  request->set(http::field::upgrade, "websocket");
  request->set(http::field::connection, "Upgrade");
  request->set(http::field::sec_websocket_key, MakeWebSocketKey(prng_));
  request->set(http::field::sec_websocket_version, "13");
  http::async_write(socket_, *request, [self = shared_from_this(), request](error_code e, size_t) {
    if (e) return self->Finish(e);
    auto parser = std::make_shared<http::response_parser<http::empty_body>>();
    http::async_read_header(
        self->socket_, self->buffer_, *parser, [self, parser](error_code e2, size_t) {
          if (!e2 && parser->get().result() != http::status::switching_protocols) {
            e2 = ProtocolError();
          }
          self->OnUpgraded(e2);
        });
  });
}

void WsConnection::OnUpgraded(error_code ec) {
  if (ec) return Finish(ec);
  open_ = true;
  listener_.OnOpen();
  // Bytes read past the response header are the first frames.
  if (!finished_ && HandleFrames()) DoRead();
}

void WsConnection::DoRead() {
  socket_.async_read_some(
      buffer_.prepare(read_chunk_),
      [self = shared_from_this()](error_code ec, size_t bytes) { self->OnRead(ec, bytes); });
}

void WsConnection::OnRead(error_code ec, size_t bytes) {
  if (ec) return Finish(ec == asio::error::eof && closing_ ? error_code{} : ec);
  buffer_.commit(bytes);
  if (bytes == read_chunk_) read_chunk_ = std::min(read_chunk_ * 2, kMaxReadChunk);
  if (HandleFrames()) DoRead();
}

bool WsConnection::HandleFrames() {
  for (;;) {
    const auto data = buffer_.cdata();
    const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
    const auto parsed = ParseServerFrame(bytes, kMaxMessage);
    if (!parsed.frame) {
      if (parsed.error == FrameError::kIncomplete) return true;
      Finish(ProtocolError());
      return false;
    }
    const Frame& frame = *parsed.frame;
    switch (frame.opcode) {
      case Opcode::kText:
      case Opcode::kBinary:
      case Opcode::kContinuation:
        if (frame.fin && fragments_.empty()) {
          listener_.OnMessage(frame.payload);
        } else {
          fragments_.append(frame.payload);
          if (fragments_.size() > kMaxMessage) {
            Finish(ProtocolError());
            return false;
          }
          if (frame.fin) {
            listener_.OnMessage(fragments_);
            fragments_.clear();
          }
        }
        break;
      case Opcode::kPing:
        if (!closing_) Queue(Opcode::kPong, frame.payload);
        break;
      case Opcode::kClose:
        if (!closing_) {
          closing_ = true;
          Queue(Opcode::kClose, frame.payload.substr(0, std::min<size_t>(2, frame.payload.size())));
        }
        break;
      case Opcode::kPong:
        break;
      default:
        Finish(ProtocolError());
        return false;
    }
    buffer_.consume(frame.size);
    if (finished_) return false;
  }
}

bool WsConnection::Send(std::string_view text) {
  if (!open_ || closing_ || queued() >= target_.max_queue) return false;
  Queue(Opcode::kText, text);
  return true;
}

void WsConnection::Queue(Opcode opcode, std::string_view payload) {
  AppendClientFrame(pending_, opcode, payload, NextMask());
  ++pending_count_;
  if (!write_in_flight_) Flush();
}

void WsConnection::Flush() {
  std::swap(pending_, writing_);
  writing_count_ = pending_count_;
  pending_.clear();
  pending_count_ = 0;
  write_in_flight_ = true;
  asio::async_write(socket_, asio::buffer(writing_),
                    [self = shared_from_this()](error_code ec, size_t) {
                      self->write_in_flight_ = false;
                      self->writing_count_ = 0;
                      if (ec) return self->Finish(ec);
                      if (!self->pending_.empty()) return self->Flush();
                      if (self->closing_) {
                        error_code ignored;
                        self->socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
                      }
                    });
}

void WsConnection::Close() {
  if (closing_ || finished_) return;
  if (!open_) {
    error_code ignored;
    socket_.close(ignored);  // aborts the connect or the upgrade: OnClosed follows
    return;
  }
  closing_ = true;
  const char normal[2] = {0x03, static_cast<char>(0xE8)};  // 1000
  Queue(Opcode::kClose, std::string_view(normal, 2));
}

void WsConnection::Finish(error_code ec) {
  if (finished_) return;
  finished_ = true;
  open_ = false;
  error_code ignored;
  socket_.close(ignored);
  listener_.OnClosed(ec);
}

}  // namespace dh::bench
