#include "mqtt/dh/dh_topics.hpp"

#include <charconv>
#include <vector>

#include "mqtt/codec/topic.hpp"

namespace dh::mqtt {
namespace {

std::vector<std::string_view> Split(std::string_view text) {
  std::vector<std::string_view> levels;
  size_t start = 0;
  while (true) {
    const size_t slash = text.find('/', start);
    levels.push_back(text.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) return levels;
    start = slash + 1;
  }
}

std::optional<bus::EventKind> KindOf(std::string_view level) {
  if (level == "notification") return bus::EventKind::kNotification;
  if (level == "command") return bus::EventKind::kCommand;
  if (level == "command_update") return bus::EventKind::kCommandUpdate;
  return std::nullopt;
}

bool IsAny(std::string_view level) { return level == "+" || level == "#" || level.empty(); }

std::optional<int64_t> Id(std::string_view level) {
  int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(level.data(), level.data() + level.size(), id);
  if (ec != std::errc() || ptr != level.data() + level.size()) return std::nullopt;
  return id;
}

void AppendId(std::string& out, const std::optional<int64_t>& id) {
  if (id) out += std::to_string(*id);
  // An event without a network or type (a $device-* notification) leaves the level empty.
}

}  // namespace

bool CoversRequestTopic(std::string_view filter) {
  // Plain wildcards ("#", "+/request") are allowed: requests are consumed, never routed.
  return IsDhTopic(filter) &&
         (filter == "dh" || filter == "dh/" || TopicMatches(filter, "dh/request"));
}

std::optional<std::string> ResponseAction(std::string_view filter, std::string_view client_id) {
  constexpr std::string_view kPrefix = "dh/response/";
  if (!filter.starts_with(kPrefix)) return std::nullopt;
  const auto at = filter.rfind('@');
  if (at == std::string_view::npos || filter.substr(at + 1) != client_id) return std::nullopt;
  const auto action = filter.substr(kPrefix.size(), at - kPrefix.size());
  if (action.empty()) return std::nullopt;
  return std::string(action);
}

std::optional<EventFilter> ParseEventFilter(std::string_view filter) {
  const auto levels = Split(filter);
  if (levels.size() < 2 || levels[0] != "dh") return std::nullopt;
  const auto kind = KindOf(levels[1]);
  if (!kind || levels.size() > 6) return std::nullopt;
  const auto level = [&](size_t i) -> std::string_view {
    return i < levels.size() ? levels[i] : std::string_view("#");
  };
  // '#' may only be the last level; anything after it was rejected by the codec.
  EventFilter parsed{*kind, {}};
  if (!IsAny(level(2))) {
    auto id = Id(level(2));
    if (!id) return std::nullopt;
    parsed.scope.network_ids = std::vector<int64_t>{*id};
  }
  if (!IsAny(level(3))) {
    auto id = Id(level(3));
    if (!id) return std::nullopt;
    parsed.scope.device_type_ids = std::vector<int64_t>{*id};
  }
  if (!IsAny(level(4))) {
    // A device names the subject precisely: networks and types are dropped (spec §4.4).
    parsed.scope.device_id = std::string(level(4));
    parsed.scope.network_ids.reset();
    parsed.scope.device_type_ids.reset();
  }
  if (!IsAny(level(5))) parsed.scope.names.emplace_back(level(5));
  return parsed;
}

std::optional<EventTopic> ParseEventTopic(std::string_view topic) {
  const auto levels = Split(topic);
  if (levels.size() != 6 || levels[0] != "dh") return std::nullopt;
  const auto kind = KindOf(levels[1]);
  if (!kind || levels[4].empty() || levels[5].empty()) return std::nullopt;
  return EventTopic{*kind, std::string(levels[4]), std::string(levels[5])};
}

std::string TopicOf(const bus::Event& event) {
  const auto topic = [](std::string_view root, const std::optional<int64_t>& network,
                        const std::optional<int64_t>& type, const std::string& device,
                        const std::string& name) {
    std::string out;
    out.reserve(root.size() + 48 + device.size() + name.size());
    out += root;
    AppendId(out, network);
    out += '/';
    AppendId(out, type);
    out += '/';
    out += device;
    out += '/';
    out += name;
    return out;
  };
  if (event.notification) {
    const auto& n = *event.notification;
    return topic("dh/notification/", n.network_id, n.device_type_id, n.device_id, n.notification);
  }
  const auto& c = *event.command;
  return topic(event.kind == bus::EventKind::kCommand ? "dh/command/" : "dh/command_update/",
               c.network_id, c.device_type_id, c.device_id, c.command);
}

}  // namespace dh::mqtt
