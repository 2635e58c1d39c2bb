#include "auth/token_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace dh::auth {
namespace {

std::shared_ptr<const TokenPayload> PayloadFor(int64_t user) {
  auto payload = std::make_shared<TokenPayload>();
  payload->user_id = user;
  return payload;
}

TEST(TokenCache, FindsWhatWasInsertedByExactText) {
  TokenCache cache;
  cache.Insert("token-a", PayloadFor(1));
  ASSERT_NE(cache.Find("token-a"), nullptr);
  EXPECT_EQ(cache.Find("token-a")->user_id, 1);
  EXPECT_EQ(cache.Find("token-b"), nullptr);
  EXPECT_EQ(cache.Find("token-a "), nullptr);
}

TEST(TokenCache, StaysBoundedWhenFlooded) {
  TokenCache cache(64);
  for (int i = 0; i < 10'000; ++i) cache.Insert("token-" + std::to_string(i), PayloadFor(i));
  int kept = 0;
  for (int i = 0; i < 10'000; ++i) kept += cache.Find("token-" + std::to_string(i)) != nullptr;
  EXPECT_GT(kept, 0);
  EXPECT_LE(kept, 64 + 8);  // capacity rounded up per shard
}

}  // namespace
}  // namespace dh::auth
