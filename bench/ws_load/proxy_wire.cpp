#include "ws_load/proxy_wire.hpp"

#include "core/json_writer.hpp"
#include "ws_load/wire.hpp"

namespace dh::bench {

std::string PluginAuthenticateMessage(std::string_view token) {
  std::string m;
  core::JsonWriter w(m);
  w.BeginObject();
  w.FieldString("id", "auth");
  w.FieldString("t", "plugin");
  w.FieldString("a", "authenticate");
  w.Key("p");
  w.BeginObject();
  w.FieldString("token", token);
  w.EndObject();
  w.EndObject();
  return m;
}

std::string TopicSubscribeMessage(std::string_view topic, std::string_view group) {
  std::string m;
  core::JsonWriter w(m);
  w.BeginObject();
  w.FieldString("id", "sub");
  w.FieldString("t", "topic");
  w.FieldString("a", "subscribe");
  w.Key("p");
  w.BeginObject();
  if (!group.empty()) w.FieldString("sg", group);
  w.Key("t");
  w.BeginArray();
  w.String(topic);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return m;
}

bool IsDelivery(std::string_view message) { return message.starts_with(R"({"t":"notif",)"); }

std::string_view ReplyActionOf(std::string_view message) {
  constexpr std::string_view kKey = R"("a":")";
  const auto at = message.find(kKey);
  if (at == std::string_view::npos) return {};
  const auto begin = at + kKey.size();
  const auto end = message.find('"', begin);
  if (end == std::string_view::npos) return {};
  return message.substr(begin, end - begin);
}

bool IsProxySuccess(std::string_view message) {
  // Replies are written id, t, a, s, p: the first "s" key is the status.
  const auto status = IntAfter(message, R"("s":)");
  return status && *status == 0;
}

std::optional<int64_t> DeliverySendTime(std::string_view delivery) {
  // One search whose first character is rare in the text ('p', not the frequent '\'), for the
  // parameters object InsertMessage wrote: {"t":<ns>}, escaped.
  return IntAfter(delivery, R"(parameters\":{\"t\":)");
}

}  // namespace dh::bench
