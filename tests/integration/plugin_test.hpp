#pragma once
// Shared by the plugin tests (plugin_*_test.cpp, spec §3.8, §3.10 and proxy-plugin-mqtt §1, §3):
// registering plugins through REST, reading their status, inserting events through REST, and
// ProxyClient, a connection to the plugin proxy at /plugin/proxy speaking the ws-proxy message
// protocol (replies correlated by "id", deliveries carry none).
#include <boost/json.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

#include "ws_test.hpp"

namespace dh::test {

inline constexpr const char* kPluginPath = "/plugin/rest/plugin";
inline constexpr const char* kNoAccessToPlugin = "No access to plugin";
inline constexpr const char* kPluginNotFound = "Plugin is not found";

// Polls `condition` every 20 ms until it holds (true) or `deadline` passes (false).
inline bool PollUntil(const std::function<bool()>& condition,
                      std::chrono::milliseconds deadline = std::chrono::milliseconds(10'000)) {
  const auto give_up = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// A connection to the plugin proxy. Not thread-safe, like WsClient.
class ProxyClient {
 public:
  static constexpr std::chrono::milliseconds kTimeout = WsClient::kDefaultTimeout;

  explicit ProxyClient(uint16_t port) : ws_(port, Options()) {}

  // Sends `message` with a fresh string id unless it has one; returns the id's JSON text.
  std::string Send(boost::json::object message) {
    if (!message.contains("id")) message["id"] = "m" + std::to_string(next_id_++);
    ws_.Send(message);
    return boost::json::serialize(message.at("id"));
  }
  void SendText(std::string_view text) { ws_.SendText(text); }

  // The reply whose id has the JSON text `id`. Deliveries read meanwhile are kept for
  // NextDelivery, other replies for NextReply. Throws when none arrives in time.
  boost::json::object ReplyTo(const std::string& id, std::chrono::milliseconds timeout = kTimeout) {
    for (auto it = replies_.begin(); it != replies_.end(); ++it) {
      if (boost::json::serialize(it->at("id")) == id) {
        auto reply = std::move(*it);
        replies_.erase(it);
        return reply;
      }
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto message = ReadUntil(deadline);
      if (!message) throw std::runtime_error("no proxy reply to id " + id);
      const auto* found = message->if_contains("id");
      if (found != nullptr && boost::json::serialize(*found) == id) return std::move(*message);
      Keep(std::move(*message));
    }
  }
  // Sends and waits for the reply.
  boost::json::object Request(boost::json::object message) { return ReplyTo(Send(message)); }

  // The oldest kept delivery ({"t":"notif",...} without an id), else the next one read.
  std::optional<boost::json::object> NextDelivery(std::chrono::milliseconds timeout = kTimeout) {
    return Next(deliveries_, timeout);
  }
  // The oldest kept message that is not a delivery, else the next one read.
  std::optional<boost::json::object> NextReply(std::chrono::milliseconds timeout = kTimeout) {
    return Next(replies_, timeout);
  }
  size_t kept_deliveries() const { return deliveries_.size(); }

  // plugin/authenticate; the reply.
  boost::json::object Authenticate(const std::string& token) {
    return Request({{"t", "plugin"}, {"a", "authenticate"}, {"p", {{"token", token}}}});
  }
  // topic/subscribe to `topic`, in `group` unless it is empty; the reply.
  boost::json::object Subscribe(const std::string& topic, const std::string& group = "") {
    boost::json::object payload{{"t", boost::json::array{topic.c_str()}}};
    if (!group.empty()) payload["sg"] = group;
    return Request({{"t", "topic"}, {"a", "subscribe"}, {"p", std::move(payload)}});
  }
  // A health round trip: every delivery the server queued for this connection before handling
  // it has been read (and kept) when this returns.
  void Sync() {
    const auto reply = Request({{"t", "health"}});
    EXPECT_EQ(reply.at("s"), 0) << boost::json::serialize(reply);
  }

  void Close() { ws_.Close(); }
  WsClient& ws() { return ws_; }

 private:
  std::optional<boost::json::object> ReadUntil(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      auto text = ws_.ReadText(left);
      if (!text) return std::nullopt;
      boost::system::error_code ec;
      auto value = boost::json::parse(*text, ec);
      EXPECT_FALSE(ec) << "not JSON: " << *text;
      EXPECT_TRUE(value.is_object()) << "not an object: " << *text;
      if (!ec && value.is_object()) return std::move(value.as_object());
    }
  }
  void Keep(boost::json::object message) {
    const bool delivery = !message.contains("id") && message.contains("st");
    (delivery ? deliveries_ : replies_).push_back(std::move(message));
  }
  std::optional<boost::json::object> Next(std::deque<boost::json::object>& kept,
                                          std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (kept.empty()) {
      auto message = ReadUntil(deadline);
      if (!message) return std::nullopt;
      Keep(std::move(*message));
    }
    auto message = std::move(kept.front());
    kept.pop_front();
    return message;
  }

  static WsClientOptions Options() {
    WsClientOptions options;
    options.target = "/plugin/proxy";
    return options;
  }

  WsClient ws_;
  std::deque<boost::json::object> deliveries_;
  std::deque<boost::json::object> replies_;
  int64_t next_id_ = 1;
};

// The string "m" of a reply's or delivery's payload ("" when absent).
inline std::string PayloadMessage(const boost::json::object& message) {
  const auto* payload = message.if_contains("p");
  if (payload == nullptr || !payload->is_object()) return {};
  return StringOf(payload->as_object(), "m");
}

// The bus Response envelope a delivery carries in p.m, parsed (null when it is not JSON).
inline boost::json::value EnvelopeOf(const boost::json::object& delivery) {
  boost::system::error_code ec;
  auto value = boost::json::parse(PayloadMessage(delivery), ec);
  EXPECT_FALSE(ec) << "p.m is not JSON: " << boost::json::serialize(delivery);
  return ec ? boost::json::value() : value;
}

class PluginTest : public WsTest {
 protected:
  struct Registered {
    std::string access_token;
    std::string refresh_token;
    std::string topic;
    std::string proxy_endpoint;
  };

  // POST /plugin/rest/plugin[?query] with {"name": name} (and `extra` fields) as `token`.
  static HttpResult RegisterRequest(const std::string& token, const std::string& name,
                                    const std::string& query = "", boost::json::object extra = {},
                                    const std::string& path = kPluginPath) {
    extra["name"] = name;
    return As(token).Post(query.empty() ? path : path + "?" + query, boost::json::serialize(extra));
  }
  // Registers a plugin, expecting 201; empty fields after a failed expectation.
  static Registered Register(const std::string& name, const std::string& query = "",
                             const std::string& token = admin_token_) {
    const auto result = RegisterRequest(token, name, query);
    EXPECT_EQ(result.status, 201) << name << ": " << result.body;
    if (result.status != 201) return {};
    const auto body = result.json().as_object();
    return {StringOf(body, "accessToken"), StringOf(body, "refreshToken"),
            StringOf(body, "topicName"), StringOf(body, "proxyEndpoint")};
  }

  // The plugin listed under `topic` (as the admin); nullopt when there is none.
  static std::optional<boost::json::object> FindPlugin(const std::string& topic) {
    const auto result = Admin().Get(std::string(kPluginPath) + "?topicName=" + topic);
    EXPECT_EQ(result.status, 200) << result.body;
    if (result.status != 200) return std::nullopt;
    const auto list = result.json().as_array();
    if (list.empty()) return std::nullopt;
    EXPECT_EQ(list.size(), 1u) << result.body;
    return list.front().as_object();
  }
  // "ACTIVE", "INACTIVE", "CREATED", or "" when the plugin is gone.
  static std::string StatusOf(const std::string& topic) {
    const auto plugin = FindPlugin(topic);
    return plugin ? StringOf(*plugin, "status") : std::string();
  }
  // Whether the plugin reaches `status` within the polling deadline.
  static bool ReachesStatus(const std::string& topic, const std::string& status) {
    return PollUntil([&] { return StatusOf(topic) == status; });
  }

  // A proxy connection authenticated as the plugin and subscribed to its topic (in `group`).
  static ProxyClient ConnectPlugin(const Registered& plugin, const std::string& group = "") {
    ProxyClient proxy(port());
    const auto authenticated = proxy.Authenticate(plugin.access_token);
    EXPECT_EQ(authenticated.at("s"), 0) << boost::json::serialize(authenticated);
    const auto subscribed = proxy.Subscribe(plugin.topic, group);
    EXPECT_EQ(subscribed.at("s"), 0) << boost::json::serialize(subscribed);
    return proxy;
  }

  // Inserts a notification through REST as the admin; its id.
  static int64_t InsertNotification(const std::string& device, const std::string& name) {
    const auto result =
        Admin().Post("/api/rest/device/" + device + "/notification",
                     boost::json::serialize(boost::json::object{{"notification", name}}));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  // Inserts a command through REST as the admin; its id.
  static int64_t InsertCommand(const std::string& device, const std::string& name) {
    const auto result =
        Admin().Post("/api/rest/device/" + device + "/command",
                     boost::json::serialize(boost::json::object{{"command", name}}));
    EXPECT_EQ(result.status, 201) << result.body;
    return result.status == 201 ? result.json().at("id").as_int64() : -1;
  }
  static void UpdateCommand(const std::string& device, int64_t command,
                            const boost::json::object& change) {
    const auto result =
        Admin().Put("/api/rest/device/" + device + "/command/" + std::to_string(command),
                    boost::json::serialize(change));
    EXPECT_EQ(result.status, 204) << result.body;
  }

  // The next delivery's envelope body ("b"); an empty object when none arrives.
  static boost::json::object NextEventBody(ProxyClient& proxy, const std::string& topic) {
    const auto delivery = proxy.NextDelivery();
    EXPECT_TRUE(delivery) << "no event delivered";
    if (!delivery) return {};
    EXPECT_EQ(StringOf(*delivery, "st"), topic);
    const auto envelope = EnvelopeOf(*delivery);
    if (!envelope.is_object() || !envelope.as_object().contains("b")) return {};
    return envelope.at("b").as_object();
  }
  // The notification id of an event body (-1 for another kind of event).
  static int64_t NotificationIdOf(const boost::json::object& body) {
    const auto* notification = body.if_contains("notification");
    return notification != nullptr ? notification->at("id").as_int64() : -1;
  }
};

}  // namespace dh::test
