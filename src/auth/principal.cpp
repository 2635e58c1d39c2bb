#include "auth/principal.hpp"

#include <algorithm>
#include <charconv>

namespace dh::auth {
namespace {

bool ContainsStar(const std::vector<std::string>& ids) {
  return std::find(ids.begin(), ids.end(), "*") != ids.end();
}

std::vector<int64_t> ParseIds(const std::vector<std::string>& ids) {
  std::vector<int64_t> out;
  for (const auto& id : ids) {
    int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec == std::errc() && ptr == id.data() + id.size()) out.push_back(value);
  }
  return out;
}

}  // namespace

Principal Principal::ForUser(domain::User user, const TokenPayload& payload) {
  Principal p;
  p.actions = ActionSet::FromTokenIds(payload.actions);
  if (payload.network_ids) {
    p.all_networks = ContainsStar(*payload.network_ids);
    if (!p.all_networks) p.network_ids = ParseIds(*payload.network_ids);
  }
  p.all_device_types = user.all_device_types_available;
  if (payload.device_type_ids && !p.all_device_types) {
    p.all_device_types = ContainsStar(*payload.device_type_ids);
    if (!p.all_device_types) p.device_type_ids = ParseIds(*payload.device_type_ids);
  }
  p.user = std::move(user);
  return p;
}

Principal Principal::ForPlugin(Principal owner_rights, const TokenPayload& payload) {
  Principal p = std::move(owner_rights);
  p.actions = ActionSet::FromTokenIds(payload.actions);
  p.plugin_topic = payload.topic;
  return p;
}

}  // namespace dh::auth
