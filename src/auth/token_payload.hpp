#pragma once
// The claims of a DeviceHive JWT: one private claim `payload` with short keys.
//   user token:   {"u":id, "a":[action ids], "n":["1"|"*"], "dt":["3"|"*"], "e":ms, "t":1|0}
//   plugin token: {"tpc":"plugin_topic_...", "a":[16], "e":ms, "t":1|0}
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace dh::auth {

enum class TokenType { kRefresh = 0, kAccess = 1 };

struct TokenPayload {
  std::optional<int64_t> user_id;                           // `u`: present in user tokens
  std::optional<std::string> topic;                         // `tpc`: present in plugin tokens
  std::vector<int> actions;                                 // `a`
  std::optional<std::vector<std::string>> network_ids;      // `n`; "*" means all
  std::optional<std::vector<std::string>> device_type_ids;  // `dt`; "*" means all
  core::Timestamp expiration;                               // `e`
  TokenType type = TokenType::kAccess;                      // `t`
};

}  // namespace dh::auth
