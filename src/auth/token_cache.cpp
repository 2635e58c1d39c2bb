#include "auth/token_cache.hpp"

namespace dh::auth {

std::shared_ptr<const TokenPayload> TokenCache::Find(std::string_view token) const {
  const Shard& shard = ShardOf(token);
  std::lock_guard lock(shard.mutex);
  auto it = shard.payloads.find(token);
  return it == shard.payloads.end() ? nullptr : it->second;
}

void TokenCache::Insert(std::string_view token, std::shared_ptr<const TokenPayload> payload) {
  auto& shard = const_cast<Shard&>(ShardOf(token));
  std::lock_guard lock(shard.mutex);
  if (shard.payloads.size() >= shard_capacity_) shard.payloads.clear();
  shard.payloads.emplace(std::string(token), std::move(payload));
}

}  // namespace dh::auth
