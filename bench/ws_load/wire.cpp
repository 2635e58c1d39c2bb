#include "ws_load/wire.hpp"

#include <charconv>

namespace dh::bench {

std::string AuthenticateMessage(std::string_view token) {
  std::string m = R"({"action":"authenticate","requestId":"auth","token":")";
  m += token;
  m += "\"}";
  return m;
}

std::string SubscribeMessage(std::string_view device_id) {
  std::string m = R"({"action":"notification/subscribe","requestId":"sub","deviceId":")";
  m += device_id;
  m += "\"}";
  return m;
}

std::string InsertMessage(std::string_view device_id, int64_t sent_ns) {
  char t[24];
  const auto t_end = std::to_chars(t, t + sizeof t, sent_ns).ptr;
  const std::string_view t_text(t, static_cast<size_t>(t_end - t));
  std::string m;
  m.reserve(160 + device_id.size());
  m += R"({"action":"notification/insert","requestId":)";
  m += t_text;
  m += R"(,"deviceId":")";
  m += device_id;
  m += R"(","notification":{"notification":"load","parameters":{"t":)";
  m += t_text;
  m += "}}}";
  return m;
}

std::string_view ActionOf(std::string_view message) {
  constexpr std::string_view kKey = R"("action":")";
  const auto at = message.find(kKey);
  if (at == std::string_view::npos) return {};
  const auto begin = at + kKey.size();
  const auto end = message.find('"', begin);
  if (end == std::string_view::npos) return {};
  return message.substr(begin, end - begin);
}

bool IsSuccess(std::string_view message) {
  return message.find(R"("status":"success")") != std::string_view::npos;
}

std::optional<int64_t> IntAfter(std::string_view message, std::string_view quoted_key_colon,
                                size_t from) {
  auto at = message.find(quoted_key_colon, from);
  if (at == std::string_view::npos) return std::nullopt;
  at += quoted_key_colon.size();
  while (at < message.size() && message[at] == ' ') ++at;
  int64_t value = 0;
  const auto [end, ec] =
      std::from_chars(message.data() + at, message.data() + message.size(), value);
  if (ec != std::errc{}) return std::nullopt;
  return value;
}

std::optional<int64_t> PushSendTime(std::string_view push) {
  const auto parameters = push.find(R"("parameters":)");
  if (parameters == std::string_view::npos) return std::nullopt;
  return IntAfter(push, R"("t":)", parameters);
}

}  // namespace dh::bench
