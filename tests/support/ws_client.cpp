#include "support/ws_client.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cerrno>
#include <functional>
#include <memory>
#include <stdexcept>

namespace dh::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

enum class ReadOutcome { kMessage, kTimeout, kEnded };

std::optional<boost::json::object> ParseObject(std::string_view text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

// Takes the first complete frame off the front of `bytes`; nullopt while it is incomplete.
std::optional<WsFrame> TakeFrame(std::string& bytes) {
  const auto at = [&bytes](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  if (bytes.size() < 2) return std::nullopt;
  WsFrame frame;
  frame.first_byte = at(0);
  frame.masked = (at(1) & 0x80) != 0;
  uint64_t size = at(1) & 0x7F;
  size_t pos = 2;
  if (size >= 126) {
    const size_t width = size == 126 ? 2 : 8;
    if (bytes.size() < pos + width) return std::nullopt;
    size = 0;
    for (size_t i = 0; i < width; ++i) size = (size << 8) | at(pos + i);
    pos += width;
  }
  std::array<uint8_t, 4> mask{};
  if (frame.masked) {
    if (bytes.size() < pos + 4) return std::nullopt;
    for (size_t i = 0; i < 4; ++i) mask[i] = at(pos + i);
    pos += 4;
  }
  if (bytes.size() - pos < size) return std::nullopt;
  frame.payload = bytes.substr(pos, static_cast<size_t>(size));
  for (size_t i = 0; i < frame.payload.size(); ++i) {
    frame.payload[i] = static_cast<char>(frame.payload[i] ^ mask[i % 4]);
  }
  bytes.erase(0, pos + static_cast<size_t>(size));
  return frame;
}

}  // namespace

std::string ClientFrame(uint8_t first_byte, std::string_view payload, bool masked) {
  static constexpr std::array<uint8_t, 4> kMask = {0xA5, 0x3C, 0x0F, 0x96};
  const uint8_t mask_bit = masked ? 0x80 : 0x00;
  std::string frame(1, static_cast<char>(first_byte));
  const uint64_t size = payload.size();
  size_t width = 0;
  if (size < 126) {
    frame.push_back(static_cast<char>(mask_bit | size));
  } else {
    width = size <= 0xFFFF ? 2 : 8;
    frame.push_back(static_cast<char>(mask_bit | (width == 2 ? 126 : 127)));
  }
  for (size_t i = width; i > 0; --i) frame.push_back(static_cast<char>(size >> (8 * (i - 1))));
  if (masked) frame.append(kMask.begin(), kMask.end());
  for (size_t i = 0; i < payload.size(); ++i) {
    frame.push_back(masked ? static_cast<char>(payload[i] ^ kMask[i % 4]) : payload[i]);
  }
  return frame;
}

struct WsClient::Impl {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
  bool reading = false;  // an async_read is pending (it may outlive the read that started it)
  bool read_done = false;
  beast::error_code read_ec;
  bool ended = false;  // the connection is over; end_ec says how
  beast::error_code end_ec;
  int pings = 0;
  bool raw = false;    // raw methods used: Beast is not used again
  std::string raw_in;  // bytes read raw and not yet taken as frames
  // Completion flags live here, not on a caller's stack: a timed-out operation may complete
  // during a later call.
  bool write_done = false;
  beast::error_code write_ec;
  bool close_done = false;

  // Runs handlers until `done` holds or the deadline passes (false then).
  bool RunUntil(const std::function<bool()>& done, Clock::time_point deadline) {
    while (!done()) {
      const auto now = Clock::now();
      if (now >= deadline) return false;
      if (io.stopped()) io.restart();
      if (io.run_one_for(deadline - now) == 0 && io.stopped() && !done()) return false;
    }
    return true;
  }

  void Connect(uint16_t port, const WsClientOptions& options, websocket::response_type& response,
               beast::error_code& ec) {
    auto& stream = beast::get_lowest_layer(ws);
    stream.socket().open(tcp::v4());
    if (options.receive_buffer_bytes) {
      stream.socket().set_option(
          asio::socket_base::receive_buffer_size(*options.receive_buffer_bytes));
    }
    stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    // Beast sends a masked client frame in write-buffer-sized pieces; with Nagle's algorithm
    // the later pieces would wait for the server's delayed ACK (~40 ms per large frame).
    stream.socket().set_option(tcp::no_delay(true));
    ws.set_option(websocket::stream_base::decorator(
        [headers = options.headers, omit = options.omit_headers](websocket::request_type& request) {
          for (const auto& [name, value] : headers) request.set(name, value);
          for (const auto& name : omit) request.erase(name);
        }));
    ws.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::ping) ++pings;
    });
    bool done = false;
    ws.async_handshake(response, "127.0.0.1:" + std::to_string(port), options.target,
                       [&](beast::error_code handshake_ec) {
                         ec = handshake_ec;
                         done = true;
                       });
    if (!RunUntil([&] { return done; }, Clock::now() + kDefaultTimeout)) {
      throw std::runtime_error("websocket handshake timed out");
    }
  }

  ReadOutcome Read(Clock::time_point deadline, std::string& text) {
    if (ended && !reading) return ReadOutcome::kEnded;
    if (!reading) {
      reading = true;
      read_done = false;
      ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
        read_ec = ec;
        read_done = true;
      });
    }
    if (!RunUntil([this] { return read_done; }, deadline)) return ReadOutcome::kTimeout;
    reading = false;
    if (read_ec) {
      if (!ended) end_ec = read_ec;
      ended = true;
      return ReadOutcome::kEnded;
    }
    text = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    return ReadOutcome::kMessage;
  }

  // Reads what the socket has (raw) into raw_in, waiting until the deadline for something.
  ReadOutcome FillRaw(Clock::time_point deadline) {
    raw = true;
    const int fd = beast::get_lowest_layer(ws).socket().native_handle();
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return ReadOutcome::kTimeout;
      pollfd descriptor{fd, POLLIN, 0};
      if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) continue;
      std::array<char, 4096> chunk;
      const ssize_t n = ::recv(fd, chunk.data(), chunk.size(), 0);
      if (n > 0) {
        raw_in.append(chunk.data(), static_cast<size_t>(n));
        return ReadOutcome::kMessage;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
      ended = true;
      if (!end_ec) {
        end_ec = n == 0 ? beast::error_code(asio::error::eof)
                        : beast::error_code(asio::error::connection_reset);
      }
      return ReadOutcome::kEnded;
    }
  }

  void Write(std::string_view text) {
    if (ended) throw std::runtime_error("websocket write on a closed connection");
    // The frame is copied: a write that times out may still read it later.
    auto frame = std::make_shared<std::string>(text);
    write_done = false;
    ws.text(true);
    ws.async_write(asio::buffer(*frame), [this, frame](beast::error_code ec, std::size_t) {
      write_ec = ec;
      write_done = true;
    });
    if (!RunUntil([this] { return write_done; }, Clock::now() + kDefaultTimeout)) {
      ended = true;
      end_ec = beast::error::timeout;
      throw std::runtime_error("websocket write timed out");
    }
    if (write_ec) {
      ended = true;
      end_ec = write_ec;
      throw std::runtime_error("websocket write failed: " + write_ec.message());
    }
  }
};

WsClient::WsClient(uint16_t port, WsClientOptions options) : impl_(std::make_unique<Impl>()) {
  websocket::response_type response;
  beast::error_code ec;
  impl_->Connect(port, options, response, ec);
  if (ec) {
    throw std::runtime_error("websocket handshake failed: " + ec.message() + " (HTTP " +
                             std::to_string(response.result_int()) + " " + response.body() + ")");
  }
}

WsClient WsClient::WithToken(uint16_t port, const std::string& token) {
  WsClientOptions options;
  options.headers.emplace_back("Authorization", "Bearer " + token);
  return WsClient(port, std::move(options));
}

HandshakeRefusal WsClient::TryHandshake(uint16_t port, WsClientOptions options) {
  Impl impl;
  websocket::response_type response;
  beast::error_code ec;
  impl.Connect(port, options, response, ec);
  HandshakeRefusal refusal;
  refusal.upgraded = !ec;
  refusal.status = static_cast<int>(response.result_int());
  refusal.body = response.body();
  return refusal;
}

WsClient::~WsClient() {
  if (!impl_) return;
  if (!impl_->ended && !impl_->raw) Close(std::chrono::milliseconds(1000));
  beast::error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
}

WsClient::WsClient(WsClient&&) noexcept = default;
WsClient& WsClient::operator=(WsClient&&) noexcept = default;

void WsClient::SendText(std::string_view text) { impl_->Write(text); }

void WsClient::Send(const boost::json::object& message) {
  impl_->Write(boost::json::serialize(message));
}

std::optional<std::string> WsClient::ReadText(std::chrono::milliseconds timeout) {
  std::string text;
  if (impl_->Read(Clock::now() + timeout, text) != ReadOutcome::kMessage) return std::nullopt;
  return text;
}

std::optional<boost::json::object> WsClient::ReadObject(std::chrono::milliseconds timeout) {
  auto text = ReadText(timeout);
  if (!text) return std::nullopt;
  return ParseObject(*text);
}

boost::json::object WsClient::Request(boost::json::object request,
                                      std::chrono::milliseconds timeout) {
  if (!request.contains("requestId")) request["requestId"] = next_request_id_++;
  const std::string request_id = boost::json::serialize(request.at("requestId"));
  const std::string sent = boost::json::serialize(request);
  impl_->Write(sent);
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    std::string text;
    const auto outcome = impl_->Read(deadline, text);
    if (outcome == ReadOutcome::kTimeout) {
      throw std::runtime_error("no websocket response within " + std::to_string(timeout.count()) +
                               " ms to " + sent);
    }
    if (outcome == ReadOutcome::kEnded) {
      throw std::runtime_error("websocket closed (" + impl_->end_ec.message() +
                               ") while waiting for the response to " + sent);
    }
    auto message = ParseObject(text);
    if (!message) continue;
    const auto* id = message->if_contains("requestId");
    if (id == nullptr) {
      pushes_.push_back(std::move(*message));
    } else if (boost::json::serialize(*id) == request_id) {
      return std::move(*message);
    }
  }
}

std::optional<boost::json::object> WsClient::NextPush(std::chrono::milliseconds timeout) {
  if (!pushes_.empty()) {
    auto push = std::move(pushes_.front());
    pushes_.pop_front();
    return push;
  }
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    std::string text;
    if (impl_->Read(deadline, text) != ReadOutcome::kMessage) return std::nullopt;
    auto message = ParseObject(text);
    if (message && !message->contains("requestId")) return message;
  }
}

WsClosed WsClient::ExpectClosed(std::chrono::milliseconds timeout) {
  WsClosed result;
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    std::string text;
    const auto outcome = impl_->Read(deadline, text);
    if (outcome == ReadOutcome::kTimeout) return result;
    if (outcome == ReadOutcome::kMessage) {
      ++result.messages_skipped;
      continue;
    }
    result.closed = true;
    if (impl_->end_ec == websocket::error::closed) {
      result.code = static_cast<int>(impl_->ws.reason().code);
      result.reason =
          std::string(impl_->ws.reason().reason.data(), impl_->ws.reason().reason.size());
    } else {
      result.code = 1006;
      result.reason = impl_->end_ec.message();
    }
    return result;
  }
}

bool WsClient::WaitForHangUp(std::chrono::milliseconds timeout) {
  const int fd = beast::get_lowest_layer(impl_->ws).socket().native_handle();
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    // Only POLLRDHUP is asked for, so pending data (a ping) does not wake the wait.
    pollfd descriptor{fd, POLLRDHUP, 0};
    const int ready = ::poll(&descriptor, 1, static_cast<int>(left.count()));
    if (ready > 0 && (descriptor.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0) return true;
  }
}

void WsClient::Close(std::chrono::milliseconds timeout) {
  if (impl_->ended) return;
  Impl& impl = *impl_;
  impl.close_done = false;
  impl.ws.async_close(websocket::close_code::normal,
                      [&impl](beast::error_code) { impl.close_done = true; });
  impl.RunUntil([&impl] { return impl.close_done && (!impl.reading || impl.read_done); },
                Clock::now() + timeout);
  impl_->ended = true;
  if (!impl_->end_ec) impl_->end_ec = websocket::error::closed;
}

void WsClient::Abort() {
  beast::error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
  impl_->ended = true;
  if (!impl_->end_ec) impl_->end_ec = asio::error::connection_aborted;
}

void WsClient::SendRaw(std::string_view bytes, size_t bytes_per_write) {
  impl_->raw = true;
  auto& socket = beast::get_lowest_layer(impl_->ws).socket();
  const size_t step = std::max<size_t>(bytes_per_write, 1);
  for (size_t pos = 0; pos < bytes.size(); pos += step) {
    asio::write(socket, asio::buffer(bytes.substr(pos, step)));
  }
}

std::optional<WsFrame> WsClient::ReadFrame(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (auto frame = TakeFrame(impl_->raw_in)) return frame;
    if (impl_->FillRaw(deadline) != ReadOutcome::kMessage) return std::nullopt;
  }
}

bool WsClient::ReadsEndOfStream(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (impl_->raw_in.empty()) {
    const auto outcome = impl_->FillRaw(deadline);
    if (outcome != ReadOutcome::kMessage) return outcome == ReadOutcome::kEnded;
  }
  return false;
}

bool WsClient::is_open() const { return !impl_->ended && impl_->ws.is_open(); }

int WsClient::pings_received() const { return impl_->pings; }

}  // namespace dh::test
