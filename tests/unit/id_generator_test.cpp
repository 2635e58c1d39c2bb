// Ids are unique, strictly increasing, below 2^53 and derived from the clock.
#include "core/id_generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace dh::core {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kEpochMs = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr int kSequenceBits = 10;

TEST(IdGenerator, IdsAreUniqueAndIncreasingAcrossThreads) {
  ManualClock clock(FromEpochMs(1'717'200'000'000));
  IdGenerator ids(clock);
  constexpr size_t kThreads = 4;
  constexpr int kPerThread = 20'000;
  std::vector<std::vector<int64_t>> taken(kThreads);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      taken[t].reserve(kPerThread);
      for (int i = 0; i < kPerThread; ++i) {
        taken[t].push_back(ids.Next());
        if (t == 0 && i % 5000 == 0) clock.Advance(1ms);
      }
    });
  }
  for (auto& thread : threads) thread.join();

  std::vector<int64_t> all;
  for (const auto& own : taken) {
    for (size_t i = 1; i < own.size(); ++i) ASSERT_LT(own[i - 1], own[i]);
    all.insert(all.end(), own.begin(), own.end());
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
  EXPECT_EQ(all.size(), kThreads * kPerThread);
  EXPECT_GT(all.front(), 0);
  EXPECT_LE(all.back(), IdGenerator::kMaxId);
}

TEST(IdGenerator, IdsFollowTheClock) {
  ManualClock clock(FromEpochMs(1'717'200'000'000));
  IdGenerator ids(clock);
  EXPECT_EQ(ids.Next() >> kSequenceBits, 1'717'200'000'000 - kEpochMs);
  EXPECT_EQ(ids.Next() >> kSequenceBits, 1'717'200'000'000 - kEpochMs);

  clock.Advance(5s);
  const int64_t later = ids.Next();
  EXPECT_EQ(later, (1'717'200'005'000 - kEpochMs) << kSequenceBits);
  EXPECT_EQ(ids.Next(), later + 1);
}

TEST(IdGenerator, MoreThanAMillisecondsWorthBorrowsFromTheNextOne) {
  ManualClock clock(FromEpochMs(1'717'200'000'000));
  IdGenerator ids(clock);
  int64_t last = ids.Next();
  for (int i = 0; i < 3000; ++i) {
    const int64_t next = ids.Next();
    ASSERT_EQ(next, last + 1);
    last = next;
  }
  EXPECT_GT(last >> kSequenceBits, 1'717'200'000'000 - kEpochMs);
}

TEST(IdGenerator, IdsNeverGoBackwardsWhenTheClockDoes) {
  ManualClock clock(FromEpochMs(1'717'200'000'000));
  IdGenerator ids(clock);
  const int64_t before = ids.Next();
  clock.Set(FromEpochMs(1'717'000'000'000));
  const int64_t after = ids.Next();
  EXPECT_EQ(after, before + 1);
}

TEST(IdGenerator, IdsStayBelow2To53UntilTheYear2300) {
  ManualClock clock(FromEpochMs(10'413'792'000'000));  // 2300-01-01T00:00:00Z
  IdGenerator ids(clock);
  for (int i = 0; i < 2000; ++i) ASSERT_LE(ids.Next(), IdGenerator::kMaxId);
  EXPECT_EQ(IdGenerator::kMaxId, (int64_t{1} << 53) - 1);
}

}  // namespace
}  // namespace dh::core
