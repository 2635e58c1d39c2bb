#pragma once
// A raw MQTT client for integration tests: a blocking loopback socket where every read has a
// deadline (a silent server fails a test instead of hanging it). Packets are encoded with the
// codec's EncodePacket and decoded with Decoder::ForClient, so a test speaks in Packet values and
// can still see the exact bytes of each packet it read (last_raw) or send any bytes (SendRaw).
// It never answers anything by itself: acknowledgements are the test's to send, or to withhold.
// Not thread-safe: one thread drives a client.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mqtt/codec/decoder.hpp"
#include "mqtt/codec/packet.hpp"

namespace dh::test {

// "PUBLISH(topic, 'payload', q1, dup, retain, id 3)", "CONNACK(sp 1, rc 0)", ...: packets as
// assertion messages show them.
std::string Describe(const mqtt::Packet& packet);

// A CONNECT for `client_id` at protocol 3.1.1 (clean session, no keep-alive).
mqtt::Connect ConnectFor(std::string client_id, bool clean_session = true);

class MqttClient {
 public:
  static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};

  // Opens the TCP connection only (no CONNECT); throws when it cannot. `level` is the protocol
  // level the decoder reads the server's packets at.
  explicit MqttClient(uint16_t port, uint8_t level = mqtt::kLevel311);
  ~MqttClient();
  MqttClient(const MqttClient&) = delete;
  MqttClient& operator=(const MqttClient&) = delete;

  // Connects as a plain client: sends `connect` and returns the CONNACK; throws when the next
  // packet is anything else or nothing arrives.
  mqtt::ConnAck Connect(const mqtt::Connect& connect,
                        std::chrono::milliseconds timeout = kDefaultTimeout);

  // Encodes and writes `packet`; throws when the connection is gone.
  void Send(const mqtt::Packet& packet);
  // Writes `bytes` as they are; false when the write failed (the server already closed).
  bool SendRaw(std::string_view bytes);

  // The next packet from the server; nullopt on timeout, end of stream or a packet the decoder
  // refused (see closed()).
  std::optional<mqtt::Packet> Read(std::chrono::milliseconds timeout = kDefaultTimeout);
  // The bytes of the packet Read returned last.
  const std::string& last_raw() const { return last_raw_; }
  // True when the server ends the connection within `timeout` and sends nothing before that.
  bool ReadsEndOfStream(std::chrono::milliseconds timeout = kDefaultTimeout);
  // Whether the server ended the connection (seen by a read).
  bool closed() const { return closed_; }
  // Closes the socket without DISCONNECT (the server sees an abnormal end).
  void Drop();

  // Shorthands for a connected client. Each sends, then reads the expected answer and throws
  // when another packet (or none) arrives; Subscribe returns the SUBACK's return codes.
  std::vector<uint8_t> Subscribe(const std::string& filter, uint8_t qos);
  std::vector<uint8_t> Subscribe(const std::vector<std::pair<std::string, uint8_t>>& filters);
  void Unsubscribe(const std::string& filter);
  // Publishes and completes the QoS flow (PUBACK, or PUBREC-PUBREL-PUBCOMP).
  void Publish(const std::string& topic, const std::string& payload, uint8_t qos = 0,
               bool retain = false);
  // Sends DISCONNECT and waits for the server to close the connection.
  void Disconnect();

 private:
  // Reads more bytes into buffer_ until `deadline`; false on timeout or end of stream.
  bool Fill(std::chrono::steady_clock::time_point deadline);
  mqtt::Packet Expect(mqtt::PacketType type, std::chrono::milliseconds timeout);
  uint16_t NextId();

  int fd_ = -1;
  mqtt::Decoder decoder_;
  std::string buffer_;  // bytes read and not yet decoded
  std::string last_raw_;
  bool closed_ = false;
  uint16_t next_id_ = 0;
};

}  // namespace dh::test
