#pragma once
// Verified token payloads by their exact text: a token seen before skips the Base64 decoding,
// the HMAC and the JSON parse. Only tokens whose signature verified are inserted, so the cache
// cannot be poisoned; expiry and the user are still checked on every use. Bounded: a shard that
// fills up is emptied. Thread-safe.
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/token_payload.hpp"

namespace dh::auth {

class TokenCache {
 public:
  explicit TokenCache(size_t capacity = 16384) : shard_capacity_(capacity / kShards + 1) {}

  std::shared_ptr<const TokenPayload> Find(std::string_view token) const;
  void Insert(std::string_view token, std::shared_ptr<const TokenPayload> payload);

 private:
  static constexpr size_t kShards = 8;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const TokenPayload>, Hash, std::equal_to<>>
        payloads;
  };
  const Shard& ShardOf(std::string_view token) const { return shards_[Hash{}(token) % kShards]; }

  size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
};

}  // namespace dh::auth
