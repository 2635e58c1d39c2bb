#pragma once
// Base fixture of the MQTT integration tests: the server binary (one per test suite) and raw
// clients on its MQTT port. Topics outside dh/ are plain MQTT, so clients need no credentials.
#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "server_test.hpp"
#include "support/mqtt_client.hpp"

namespace dh::test {

class MqttTest : public ServerTest {
 protected:
  // A failed test shows what the server logged last (its MQTT lines are at debug level).
  void TearDown() override {
    if (!HasFailure() || !server_) return;
    const std::string log = server_->Log();
    size_t start = log.size();
    for (int lines = 0; lines <= 40 && start > 0; ++lines) {
      const size_t newline = log.rfind('\n', start - 1);
      start = newline == std::string::npos ? 0 : newline;
    }
    std::cerr << "--- the server's last log lines ---\n" << log.substr(start) << "\n";
  }

  static uint16_t mqtt_port() { return server_->mqtt_port(); }

  // A client id unique to the running test: "<Test>-<suffix>".
  static std::string IdFor(const std::string& suffix) {
    return std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
           suffix;
  }

  // A client connected with `connect`, which the server accepted.
  static std::unique_ptr<MqttClient> Connected(const mqtt::Connect& connect) {
    auto client = std::make_unique<MqttClient>(mqtt_port());
    const auto connack = client->Connect(connect);
    EXPECT_EQ(connack.return_code, mqtt::kConnAckAccepted) << connect.client_id;
    return client;
  }
  // A client connected as IdFor(suffix) with clean session.
  static std::unique_ptr<MqttClient> Connected(const std::string& suffix) {
    return Connected(ConnectFor(IdFor(suffix)));
  }

  // The broker still serves well-behaved clients: a fresh subscriber gets a QoS 1 message from a
  // fresh publisher (run after each misbehaving client).
  static ::testing::AssertionResult StillRoutes() {
    try {
      auto subscriber = Connected("healthy-sub");
      auto publisher = Connected("healthy-pub");
      const std::string topic = "health/" + IdFor("topic");
      if (subscriber->Subscribe(topic, 1) != std::vector<uint8_t>{1}) {
        return ::testing::AssertionFailure() << "SUBACK did not grant QoS 1";
      }
      publisher->Publish(topic, "alive", 1);
      const auto got = subscriber->Read();
      const auto* publish = got ? std::get_if<mqtt::Publish>(&*got) : nullptr;
      if (publish == nullptr || publish->topic != topic || publish->payload != "alive") {
        return ::testing::AssertionFailure()
               << "expected the health message, got " << (got ? Describe(*got) : "nothing");
      }
      subscriber->Send(mqtt::Ack{mqtt::PacketType::kPubAck, publish->packet_id});
      subscriber->Disconnect();
      publisher->Disconnect();
      return ::testing::AssertionSuccess();
    } catch (const std::exception& e) {
      return ::testing::AssertionFailure() << e.what();
    }
  }
};

// Success when `got` is exactly `want`.
inline ::testing::AssertionResult IsPacket(const std::optional<mqtt::Packet>& got,
                                           const mqtt::Packet& want) {
  if (!got)
    return ::testing::AssertionFailure() << "expected " << Describe(want) << ", got nothing";
  if (*got != want) {
    return ::testing::AssertionFailure()
           << "expected " << Describe(want) << ", got " << Describe(*got);
  }
  return ::testing::AssertionSuccess();
}

// The PUBLISH a subscriber expects (the fields in the order of the struct, DUP clear).
inline mqtt::Packet PublishOf(std::string topic, std::string payload, uint8_t qos = 0,
                              uint16_t packet_id = 0, bool retain = false, bool dup = false) {
  return mqtt::Publish{std::move(topic), std::move(payload), qos, retain, dup, packet_id};
}

inline mqtt::Packet AckOf(mqtt::PacketType type, uint16_t packet_id) {
  return mqtt::Ack{type, packet_id};
}

}  // namespace dh::test
