#include "mqtt/codec/topic.hpp"

#include <string>

namespace dh::mqtt {
namespace {

core::Error Invalid(std::string_view what, std::string_view detail) {
  return core::Fail(core::Errc::kBadRequest, std::string(what) + " " + std::string(detail));
}

// The level of `topic` starting at `begin`, which is <= topic.size().
std::string_view LevelAt(std::string_view topic, size_t begin) {
  const size_t end = topic.find('/', begin);
  return topic.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

}  // namespace

core::Status ValidateTopicName(std::string_view name) {
  if (name.empty()) return Invalid("topic name", "is empty [MQTT-4.7.3-1]");
  if (name.find_first_of("+#") != std::string_view::npos) {
    return Invalid("topic name", "contains a wildcard [MQTT-3.3.2-2]");
  }
  return {};
}

core::Status ValidateTopicFilter(std::string_view filter) {
  if (filter.empty()) return Invalid("topic filter", "is empty [MQTT-4.7.3-1]");
  for (size_t begin = 0; begin <= filter.size();) {
    const std::string_view level = LevelAt(filter, begin);
    const bool last = begin + level.size() == filter.size();
    if (level.find('#') != std::string_view::npos && (level != "#" || !last)) {
      return Invalid("topic filter", "has '#' other than as the whole last level [MQTT-4.7.1-2]");
    }
    if (level.find('+') != std::string_view::npos && level != "+") {
      return Invalid("topic filter", "has '+' other than as a whole level [MQTT-4.7.1-3]");
    }
    begin += level.size() + 1;
  }
  return {};
}

bool TopicMatches(std::string_view filter, std::string_view name) {
  if (!name.empty() && name.front() == '$' && !filter.empty() &&
      (filter.front() == '+' || filter.front() == '#')) {
    return false;
  }
  size_t f = 0;
  size_t n = 0;
  while (true) {
    const std::string_view filter_level = LevelAt(filter, f);
    if (filter_level == "#") return true;
    const std::string_view name_level = LevelAt(name, n);
    if (filter_level != "+" && filter_level != name_level) return false;
    f += filter_level.size();
    n += name_level.size();
    const bool filter_done = f == filter.size();
    const bool name_done = n == name.size();
    if (filter_done || name_done) {
      // "a/#" matches "a": the parent level of a trailing multi-level wildcard.
      return filter_done == name_done || (name_done && filter.substr(f) == "/#");
    }
    ++f;
    ++n;
  }
}

}  // namespace dh::mqtt
