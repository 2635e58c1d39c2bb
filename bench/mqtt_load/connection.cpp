#include "mqtt_load/connection.hpp"

#include <netinet/in.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <utility>

#include "common/load_plan.hpp"
#include "mqtt/codec/codec.hpp"

namespace dh::bench::mqtt_load {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr size_t kMaxPacket = size_t{1} << 20;

// Lets bind() leave the port to connect(), so many connections can share a source address as
// long as their 4-tuples differ.
using BindAddressNoPort = asio::detail::socket_option::boolean<IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT>;

}  // namespace

MqttConnection::MqttConnection(asio::io_context& io, const asio::ip::tcp::endpoint& broker,
                               Listener& listener, size_t read_buffer, size_t max_queue_bytes)
    : socket_(io),
      broker_(broker),
      listener_(listener),
      max_queue_bytes_(max_queue_bytes),
      in_(read_buffer) {}

void MqttConnection::Open(std::optional<asio::ip::address> source, std::string connect_packet) {
  out_ = std::move(connect_packet);
  error_code ec;
  socket_.open(broker_.protocol(), ec);
  if (!ec && source) {
    socket_.set_option(BindAddressNoPort(true), ec);
    if (!ec) socket_.bind(asio::ip::tcp::endpoint(*source, 0), ec);
  }
  if (ec) {
    asio::post(socket_.get_executor(), [this] { End(); });
    return;
  }
  socket_.async_connect(broker_, [this](error_code e) { OnConnect(e); });
}

void MqttConnection::OnConnect(error_code ec) {
  if (ec) return End();
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  Flush();  // the CONNECT
  Read();
}

bool MqttConnection::Send(std::string_view bytes) {
  if (!connected_ || ended_ || out_.size() + writing_.size() + bytes.size() > max_queue_bytes_) {
    return false;
  }
  out_.append(bytes);
  ScheduleFlush();
  return true;
}

void MqttConnection::ScheduleFlush() {
  if (flush_posted_ || write_busy_) return;
  flush_posted_ = true;
  asio::post(socket_.get_executor(), [this] {
    flush_posted_ = false;
    Flush();
  });
}

void MqttConnection::Flush() {
  if (write_busy_ || out_.empty() || ended_) return;
  write_busy_ = true;
  writing_.swap(out_);
  asio::async_write(socket_, asio::buffer(writing_), [this](error_code ec, size_t) {
    write_busy_ = false;
    writing_.clear();
    if (ec) return Close();
    Flush();
  });
}

void MqttConnection::Read() {
  if (in_end_ == in_.size()) {
    // Make room: drop what was parsed, or grow for a packet larger than the buffer.
    if (in_begin_ > 0) {
      std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
      in_end_ -= in_begin_;
      in_begin_ = 0;
    } else {
      in_.resize(std::min(in_.size() * 2, kMaxPacket + 8));
    }
  }
  socket_.async_read_some(asio::buffer(in_.data() + in_end_, in_.size() - in_end_),
                          [this](error_code ec, size_t bytes) { OnRead(ec, bytes); });
}

void MqttConnection::OnRead(error_code ec, size_t bytes) {
  if (ec) return End();
  in_end_ += bytes;
  if (!Dispatch(NowNs()) || ended_) {
    socket_.close(ec);
    return End();
  }
  if (in_begin_ == in_end_) in_begin_ = in_end_ = 0;
  Read();
}

bool MqttConnection::Dispatch(int64_t now_ns) {
  while (in_begin_ < in_end_ && !ended_) {
    const std::span<const uint8_t> rest(in_.data() + in_begin_, in_end_ - in_begin_);
    auto header = mqtt::ParseFixedHeader(rest);
    if (!header) return false;
    if (!*header) return true;  // the header is not complete yet
    const size_t size = (*header)->header_size + size_t{(*header)->remaining_length};
    if (size > kMaxPacket) return false;
    if (size > rest.size()) return true;  // Read() makes room for the rest
    const auto body = rest.subspan((*header)->header_size, (*header)->remaining_length);
    in_begin_ += size;
    if (!connected_) {
      if (!HandleConnAck(**header, body)) return false;
    } else {
      listener_.OnPacket(**header, body, now_ns);
    }
  }
  return true;
}

bool MqttConnection::HandleConnAck(const mqtt::FixedHeader& header, std::span<const uint8_t> body) {
  if (header.type != mqtt::PacketType::kConnAck) return false;
  auto packet = mqtt::DecodePacket(header, body, mqtt::kLevel311);
  if (!packet) return false;
  const auto* connack = std::get_if<mqtt::ConnAck>(&*packet);
  if (connack == nullptr || connack->return_code != mqtt::kConnAckAccepted) return false;
  connected_ = true;
  listener_.OnConnected();
  return true;
}

void MqttConnection::Close() {
  error_code ec;
  socket_.close(ec);
}

void MqttConnection::End() {
  if (ended_) return;
  ended_ = true;
  connected_ = false;
  error_code ec;
  socket_.close(ec);
  listener_.OnClosed();
}

}  // namespace dh::bench::mqtt_load
