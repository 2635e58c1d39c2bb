// MQTT over WebSocket at /mqtt on the HTTP port: the MQTT byte stream in binary messages, which
// may hold several packets or a part of one; the same broker as TCP clients, wills included.
#include <string>
#include <string_view>

#include "mqtt/codec/codec.hpp"
#include "mqtt_test.hpp"
#include "support/ws_client.hpp"

namespace dh::test {
namespace {

using mqtt::PacketType;
using namespace std::chrono_literals;

constexpr uint8_t kFinBinary = 0x82;
constexpr uint8_t kFinText = 0x81;
constexpr int kCloseOpcode = 0x8;

std::string Encode(const mqtt::Packet& packet) {
  std::string bytes;
  mqtt::EncodePacket(packet, bytes);
  return bytes;
}

// An MQTT client on a raw WebSocket connection to /mqtt.
class WsMqttClient {
 public:
  explicit WsMqttClient(uint16_t http_port)
      : ws_(http_port, Options()), decoder_(mqtt::Decoder::ForClient(mqtt::kLevel311, 1 << 20)) {}

  // Sends `bytes` as one binary message.
  void SendMessage(std::string_view bytes) { ws_.SendRaw(ClientFrame(kFinBinary, bytes)); }
  void Send(const mqtt::Packet& packet) { SendMessage(Encode(packet)); }

  // The next MQTT packet, from however many messages it takes; nullopt on timeout or close.
  std::optional<mqtt::Packet> Read(std::chrono::milliseconds timeout = 10s) {
    while (true) {
      auto packet = decoder_.Next();
      if (!packet) return std::nullopt;
      if (*packet) return std::move(**packet);
      const auto frame = ws_.ReadFrame(timeout);
      if (!frame || frame->opcode() != 0x2) {
        last_opcode_ = frame ? frame->opcode() : -1;
        return std::nullopt;
      }
      decoder_.Feed(
          {reinterpret_cast<const uint8_t*>(frame->payload.data()), frame->payload.size()});
    }
  }

  mqtt::ConnAck Connect(const mqtt::Connect& connect) {
    Send(connect);
    const auto got = Read();
    if (!got || !std::holds_alternative<mqtt::ConnAck>(*got)) {
      throw std::runtime_error("no CONNACK over WebSocket");
    }
    return std::get<mqtt::ConnAck>(*got);
  }

  // The opcode of the frame that ended the last Read without a packet (-1: none arrived).
  int last_opcode() const { return last_opcode_; }
  WsClient& ws() { return ws_; }

 private:
  static WsClientOptions Options() {
    WsClientOptions options;
    options.target = "/mqtt";
    options.headers = {{"Sec-WebSocket-Protocol", "mqtt"}};
    return options;
  }

  WsClient ws_;
  mqtt::Decoder decoder_;
  int last_opcode_ = 0;
};

class MqttWebSocketTest : public MqttTest {
 protected:
  static std::unique_ptr<WsMqttClient> WsConnected(const std::string& suffix,
                                                   std::optional<mqtt::Will> will = {}) {
    auto client = std::make_unique<WsMqttClient>(port());
    auto connect = ConnectFor(IdFor(suffix));
    connect.will = std::move(will);
    EXPECT_EQ(client->Connect(connect).return_code, mqtt::kConnAckAccepted);
    return client;
  }
};

TEST_F(MqttWebSocketTest, TcpPublisherReachesWebSocketSubscriber) {
  auto subscriber = WsConnected("ws-sub");
  subscriber->Send(mqtt::Subscribe{1, {{"ws/in", 1}}});
  EXPECT_TRUE(IsPacket(subscriber->Read(), mqtt::SubAck{1, {1}}));
  Connected("tcp-pub")->Publish("ws/in", "over tcp", 1);
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("ws/in", "over tcp", 1, 1)));
  subscriber->Send(mqtt::Ack{PacketType::kPubAck, 1});
}

TEST_F(MqttWebSocketTest, WebSocketPublisherReachesTcpSubscriber) {
  auto subscriber = Connected("tcp-sub");
  ASSERT_EQ(subscriber->Subscribe("ws/out", 0), std::vector<uint8_t>{0});
  auto publisher = WsConnected("ws-pub");
  publisher->Send(mqtt::Publish{"ws/out", "over websocket", 1, false, false, 7});
  EXPECT_TRUE(IsPacket(publisher->Read(), AckOf(PacketType::kPubAck, 7)));
  EXPECT_TRUE(IsPacket(subscriber->Read(), PublishOf("ws/out", "over websocket")));
}

TEST_F(MqttWebSocketTest, PacketsMaySpanMessagesAndShareThem) {
  auto client = std::make_unique<WsMqttClient>(port());
  const std::string connect = Encode(ConnectFor(IdFor("split")));
  client->SendMessage(connect.substr(0, 3));  // CONNECT in two messages
  client->SendMessage(connect.substr(3));
  EXPECT_TRUE(IsPacket(client->Read(), mqtt::ConnAck{false, mqtt::kConnAckAccepted}));
  // SUBSCRIBE, PUBLISH to it and PINGREQ in one message, the last one cut across two.
  const std::string batch = Encode(mqtt::Subscribe{1, {{"ws/batch", 0}}}) +
                            Encode(mqtt::Publish{"ws/batch", "mine", 0, false, false, 0}) +
                            Encode(mqtt::PingReq{});
  client->SendMessage(batch.substr(0, batch.size() - 1));
  client->SendMessage(batch.substr(batch.size() - 1));
  EXPECT_TRUE(IsPacket(client->Read(), mqtt::SubAck{1, {0}}));
  EXPECT_TRUE(IsPacket(client->Read(), PublishOf("ws/batch", "mine")));
  EXPECT_TRUE(IsPacket(client->Read(), mqtt::PingResp{}));
}

TEST_F(MqttWebSocketTest, DroppedWebSocketPublishesTheWill) {
  auto watcher = Connected("watcher");
  ASSERT_EQ(watcher->Subscribe("ws/will", 0), std::vector<uint8_t>{0});
  auto client = WsConnected("dying", mqtt::Will{"ws/will", "gone", 0, false});
  client->ws().Abort();
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("ws/will", "gone")));
}

TEST_F(MqttWebSocketTest, DisconnectClosesTheWebSocketWithoutTheWill) {
  auto watcher = Connected("watcher");
  ASSERT_EQ(watcher->Subscribe("ws/polite", 1), std::vector<uint8_t>{1});
  auto client = WsConnected("polite", mqtt::Will{"ws/polite", "gone", 0, false});
  client->Send(mqtt::Disconnect{});
  EXPECT_FALSE(client->Read(5s));
  EXPECT_EQ(client->last_opcode(), kCloseOpcode);
  Connected("marker")->Publish("ws/polite", "marker", 1);
  EXPECT_TRUE(IsPacket(watcher->Read(), PublishOf("ws/polite", "marker", 1, 1)));
}

TEST_F(MqttWebSocketTest, MalformedPacketClosesOnlyThatConnection) {
  auto client = WsConnected("bad");
  client->SendMessage(std::string("\x30\xff\xff\xff\xff\x01", 6));  // remaining length too long
  EXPECT_FALSE(client->Read(5s));
  EXPECT_EQ(client->last_opcode(), kCloseOpcode);
  EXPECT_TRUE(StillRoutes());
}

TEST_F(MqttWebSocketTest, PacketBeforeConnectClosesTheConnection) {
  WsMqttClient client(port());
  client.Send(mqtt::PingReq{});
  EXPECT_FALSE(client.Read(5s));
  EXPECT_EQ(client.last_opcode(), kCloseOpcode);
}

TEST_F(MqttWebSocketTest, TextMessageClosesTheConnection) {
  // Packets travel in binary messages only [MQTT-6.0.0-1].
  auto client = WsConnected("text");
  client->ws().SendRaw(ClientFrame(kFinText, Encode(mqtt::PingReq{})));
  EXPECT_FALSE(client->Read(5s));
  EXPECT_EQ(client->last_opcode(), kCloseOpcode);
}

TEST_F(MqttWebSocketTest, FragmentedBinaryMessageIsOneMessage) {
  WsMqttClient client(port());
  const std::string connect = Encode(ConnectFor(IdFor("fragments")));
  client.ws().SendRaw(ClientFrame(0x02, connect.substr(0, 5)) +
                      ClientFrame(0x80, connect.substr(5)));
  EXPECT_TRUE(IsPacket(client.Read(), mqtt::ConnAck{false, mqtt::kConnAckAccepted}));
}

}  // namespace
}  // namespace dh::test
