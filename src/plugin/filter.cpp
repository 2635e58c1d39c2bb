#include "plugin/filter.hpp"

#include <charconv>
#include <type_traits>

namespace dh::plugin {
namespace {

constexpr std::string_view kCommand = "command";
constexpr std::string_view kCommandUpdate = "command_update";
constexpr std::string_view kNotification = "notification";

template <class T>
void AppendList(std::string& out, const std::optional<std::vector<T>>& items) {
  if (!items || items->empty()) {
    out += '*';
    return;
  }
  for (size_t i = 0; i < items->size(); ++i) {
    if (i > 0) out += ',';
    if constexpr (std::is_same_v<T, std::string>) {
      out += (*items)[i];
    } else {
      out += std::to_string((*items)[i]);
    }
  }
}

std::vector<std::string_view> SplitComma(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const size_t end = comma == std::string_view::npos ? text.size() : comma;
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

core::Error Malformed(std::string_view text) {
  return core::Fail(core::Errc::kBadRequest, "Malformed plugin filter: " + std::string(text));
}

}  // namespace

bool PluginFilter::any() const {
  return device_id || network_ids || device_type_ids || names || return_commands ||
         return_updated_commands || return_notifications;
}

bool PluginFilter::returns_something() const {
  // No flag given means every kind; given flags select only the kinds set to true.
  if (!return_commands && !return_updated_commands && !return_notifications) return true;
  return return_commands.value_or(false) || return_updated_commands.value_or(false) ||
         return_notifications.value_or(false);
}

std::string FilterText(const PluginFilter& filter) {
  std::string out;
  if (!filter.return_commands && !filter.return_updated_commands && !filter.return_notifications) {
    out += '*';
  } else {
    std::vector<std::string> kinds;
    if (filter.return_commands.value_or(false)) kinds.emplace_back(kCommand);
    if (filter.return_updated_commands.value_or(false)) kinds.emplace_back(kCommandUpdate);
    if (filter.return_notifications.value_or(false)) kinds.emplace_back(kNotification);
    AppendList(out, std::optional(std::move(kinds)));
  }
  out += '/';
  AppendList(out, filter.network_ids);
  out += '/';
  AppendList(out, filter.device_type_ids);
  out += '/';
  out += filter.device_id.value_or("*");
  out += '/';
  AppendList(out, filter.names);
  return out;
}

core::Result<PluginFilter> ParseFilterText(std::string_view text) {
  // Device ids and names may not contain '/', so the five parts split cleanly.
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t slash = text.find('/', start);
    if (slash == std::string_view::npos) return Malformed(text);
    parts.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
  parts.push_back(text.substr(start));
  PluginFilter filter;
  if (parts[0] != "*") {
    filter.return_commands = filter.return_updated_commands = filter.return_notifications = false;
    for (auto kind : SplitComma(parts[0])) {
      if (kind == kCommand) {
        filter.return_commands = true;
      } else if (kind == kCommandUpdate) {
        filter.return_updated_commands = true;
      } else if (kind == kNotification) {
        filter.return_notifications = true;
      } else {
        return Malformed(text);
      }
    }
  }
  for (size_t i = 1; i <= 2; ++i) {
    if (parts[i] == "*") continue;
    std::vector<int64_t> ids;
    for (auto id : SplitComma(parts[i])) {
      int64_t value = 0;
      const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
      if (ec != std::errc() || ptr != id.data() + id.size()) return Malformed(text);
      ids.push_back(value);
    }
    (i == 1 ? filter.network_ids : filter.device_type_ids) = std::move(ids);
  }
  if (parts[3] != "*") filter.device_id = std::string(parts[3]);
  if (parts[4] != "*") {
    filter.names.emplace();
    for (auto name : SplitComma(parts[4])) filter.names->emplace_back(name);
  }
  return filter;
}

FilterKinds KindsOf(const PluginFilter& filter) {
  if (!filter.return_commands && !filter.return_updated_commands && !filter.return_notifications) {
    return {true, true, true};
  }
  return {filter.return_commands.value_or(false), filter.return_updated_commands.value_or(false),
          filter.return_notifications.value_or(false)};
}

}  // namespace dh::plugin
