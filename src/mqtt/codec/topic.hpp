#pragma once
// Topic names and topic filters (§4.7). Both are MQTT UTF-8 strings; the string reader checks
// that (utf8.hpp), these functions check only the topic rules. Levels are separated by '/';
// empty levels are allowed ("a//b", "/a").
#include <string_view>

#include "core/error.hpp"

namespace dh::mqtt {

// A name a PUBLISH (or a will) is sent to: at least one byte [MQTT-4.7.3-1], no wildcard
// characters '+' or '#' [MQTT-3.3.2-2].
core::Status ValidateTopicName(std::string_view name);

// A filter a SUBSCRIBE or UNSUBSCRIBE names: at least one byte [MQTT-4.7.3-1]; '#' only as the
// whole last level [MQTT-4.7.1-2]; '+' only as a whole level [MQTT-4.7.1-3].
core::Status ValidateTopicFilter(std::string_view filter);

// Whether the valid `filter` matches the valid topic `name` (§4.7.1): '+' matches exactly one
// level (possibly empty), '#' the rest including the parent level ("a/#" matches "a"), and a
// filter starting with a wildcard does not match a name starting with '$' [MQTT-4.7.2-1].
bool TopicMatches(std::string_view filter, std::string_view name);

}  // namespace dh::mqtt
