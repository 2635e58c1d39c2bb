#include "support/mqtt_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "mqtt/codec/codec.hpp"
#include "mqtt/codec/fixed_header.hpp"

namespace dh::test {
namespace {

using Clock = std::chrono::steady_clock;

// Big enough for any packet a test provokes; the server enforces its own limit.
constexpr size_t kMaxPacket = size_t{64} << 20;

std::string Quoted(std::string_view text) {
  constexpr size_t kShown = 40;
  std::string out = "'" + std::string(text.substr(0, kShown));
  if (text.size() > kShown) out += "...(" + std::to_string(text.size()) + " bytes)";
  return out + "'";
}

}  // namespace

std::string Describe(const mqtt::Packet& packet) {
  std::ostringstream out;
  out << mqtt::PacketTypeName(mqtt::TypeOf(packet));
  if (const auto* connack = std::get_if<mqtt::ConnAck>(&packet)) {
    out << "(sp " << connack->session_present << ", rc " << int{connack->return_code} << ")";
  } else if (const auto* publish = std::get_if<mqtt::Publish>(&packet)) {
    out << "(" << publish->topic << ", " << Quoted(publish->payload) << ", q" << int{publish->qos}
        << (publish->dup ? ", dup" : "") << (publish->retain ? ", retain" : "") << ", id "
        << publish->packet_id << ")";
  } else if (const auto* ack = std::get_if<mqtt::Ack>(&packet)) {
    out << "(id " << ack->packet_id << ")";
  } else if (const auto* suback = std::get_if<mqtt::SubAck>(&packet)) {
    out << "(id " << suback->packet_id << ", " << suback->codes.size() << " codes:";
    for (size_t i = 0; i < suback->codes.size() && i < 8; ++i) {
      out << " " << int{suback->codes[i]};
    }
    out << (suback->codes.size() > 8 ? " ...)" : ")");
  }
  return out.str();
}

mqtt::Connect ConnectFor(std::string client_id, bool clean_session) {
  mqtt::Connect connect;
  connect.client_id = std::move(client_id);
  connect.clean_session = clean_session;
  return connect;
}

MqttClient::MqttClient(uint16_t port, uint8_t level)
    : decoder_(mqtt::Decoder::ForClient(level, kMaxPacket)) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const std::string error = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port) + ": " + error);
  }
}

MqttClient::~MqttClient() { Drop(); }

void MqttClient::Drop() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

mqtt::ConnAck MqttClient::Connect(const mqtt::Connect& connect, std::chrono::milliseconds timeout) {
  Send(connect);
  return std::get<mqtt::ConnAck>(Expect(mqtt::PacketType::kConnAck, timeout));
}

void MqttClient::Send(const mqtt::Packet& packet) {
  std::string bytes;
  mqtt::EncodePacket(packet, bytes);
  if (!SendRaw(bytes)) throw std::runtime_error("cannot send " + Describe(packet));
}

bool MqttClient::SendRaw(std::string_view bytes) {
  while (!bytes.empty()) {
    if (fd_ < 0) return false;
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool MqttClient::Fill(Clock::time_point deadline) {
  if (fd_ < 0 || closed_) return false;
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd waiting{fd_, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    char chunk[16 * 1024];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {  // end of stream, or a reset
      closed_ = true;
      return false;
    }
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }
}

std::optional<mqtt::Packet> MqttClient::Read(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(buffer_.data()),
                                         buffer_.size());
    auto header = mqtt::ParseFixedHeader(bytes);
    if (!header) return std::nullopt;  // not MQTT
    if (*header) {
      const size_t total = size_t{(*header)->header_size} + (*header)->remaining_length;
      if (buffer_.size() >= total) {
        last_raw_ = buffer_.substr(0, total);
        buffer_.erase(0, total);
        decoder_.Feed(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(last_raw_.data()),
                                               last_raw_.size()));
        auto packet = decoder_.Next();
        if (!packet || !*packet) return std::nullopt;
        return std::move(**packet);
      }
    }
    if (!Fill(deadline)) return std::nullopt;
  }
}

bool MqttClient::ReadsEndOfStream(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (buffer_.empty()) {
    if (!Fill(deadline)) return closed_ && buffer_.empty();
  }
  return false;
}

mqtt::Packet MqttClient::Expect(mqtt::PacketType type, std::chrono::milliseconds timeout) {
  auto packet = Read(timeout);
  if (!packet) {
    throw std::runtime_error("expected " + std::string(mqtt::PacketTypeName(type)) +
                             (closed_ ? ", the server closed the connection" : ", got nothing"));
  }
  if (mqtt::TypeOf(*packet) != type) {
    throw std::runtime_error("expected " + std::string(mqtt::PacketTypeName(type)) + ", got " +
                             Describe(*packet));
  }
  return std::move(*packet);
}

uint16_t MqttClient::NextId() {
  next_id_ = static_cast<uint16_t>(next_id_ + 1);
  if (next_id_ == 0) next_id_ = 1;
  return next_id_;
}

std::vector<uint8_t> MqttClient::Subscribe(const std::string& filter, uint8_t qos) {
  return Subscribe(std::vector<std::pair<std::string, uint8_t>>{{filter, qos}});
}

std::vector<uint8_t> MqttClient::Subscribe(
    const std::vector<std::pair<std::string, uint8_t>>& filters) {
  const uint16_t id = NextId();
  Send(mqtt::Subscribe{id, filters});
  auto suback = std::get<mqtt::SubAck>(Expect(mqtt::PacketType::kSubAck, kDefaultTimeout));
  if (suback.packet_id != id) throw std::runtime_error("SUBACK for another packet id");
  return suback.codes;
}

void MqttClient::Unsubscribe(const std::string& filter) {
  const uint16_t id = NextId();
  Send(mqtt::Unsubscribe{id, {filter}});
  const auto ack = std::get<mqtt::Ack>(Expect(mqtt::PacketType::kUnsubAck, kDefaultTimeout));
  if (ack.packet_id != id) throw std::runtime_error("UNSUBACK for another packet id");
}

void MqttClient::Publish(const std::string& topic, const std::string& payload, uint8_t qos,
                         bool retain) {
  const uint16_t id = qos > 0 ? NextId() : 0;
  Send(mqtt::Publish{topic, payload, qos, retain, false, id});
  if (qos == 1) {
    Expect(mqtt::PacketType::kPubAck, kDefaultTimeout);
  } else if (qos == 2) {
    Expect(mqtt::PacketType::kPubRec, kDefaultTimeout);
    Send(mqtt::Ack{mqtt::PacketType::kPubRel, id});
    Expect(mqtt::PacketType::kPubComp, kDefaultTimeout);
  }
}

void MqttClient::Disconnect() {
  Send(mqtt::Disconnect{});
  if (!ReadsEndOfStream()) throw std::runtime_error("the server did not close after DISCONNECT");
}

}  // namespace dh::test
