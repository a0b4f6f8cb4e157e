// The per-key bucket and the 429 rule, on a FakeClock: no test sleeps.
#include "registry/rate_limit.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace harrier::registry {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

TEST(TokenBucketTest, Grants600AtOnceThenThe601stWaitsForTheFirstToReturn) {
  FakeClock clock;
  TokenBucket bucket(clock);
  for (int i = 0; i < 600; ++i) ASSERT_EQ(bucket.TryAcquire(), nanoseconds::zero()) << i;
  EXPECT_EQ(bucket.TryAcquire(), seconds(300));
  clock.Advance(seconds(100));
  EXPECT_EQ(bucket.TryAcquire(), seconds(200));  // still refused, the wait shrank
  clock.Advance(seconds(200));
  EXPECT_EQ(bucket.TryAcquire(), nanoseconds::zero());
}

TEST(TokenBucketTest, TokensComeBackOneWindowAfterEachWasSpent) {
  FakeClock clock;
  TokenBucket bucket(clock, 3, seconds(10));
  ASSERT_EQ(bucket.TryAcquire(), nanoseconds::zero());  // t=0
  clock.Advance(seconds(4));
  ASSERT_EQ(bucket.TryAcquire(), nanoseconds::zero());  // t=4
  ASSERT_EQ(bucket.TryAcquire(), nanoseconds::zero());  // t=4
  EXPECT_EQ(bucket.TryAcquire(), seconds(6));           // the t=0 token returns at 10
  clock.Advance(seconds(6));
  EXPECT_EQ(bucket.available(), 1);
  ASSERT_EQ(bucket.TryAcquire(), nanoseconds::zero());
  EXPECT_EQ(bucket.TryAcquire(), seconds(4));  // the t=4 tokens return at 14
}

TEST(TokenBucketTest, NoSlidingFiveMinutesEverHoldsMoreThan600) {
  FakeClock clock;
  TokenBucket bucket(clock);
  std::vector<SteadyTime> grants;
  // Ask every 100 ms for 20 minutes; whatever is granted is recorded.
  for (int step = 0; step < 12000; ++step) {
    if (bucket.TryAcquire() == nanoseconds::zero()) grants.push_back(clock.SteadyNow());
    clock.Advance(milliseconds(100));
  }
  size_t lo = 0;
  for (size_t hi = 0; hi < grants.size(); ++hi) {
    while (grants[hi] - grants[lo] >= seconds(300)) ++lo;
    ASSERT_LE(hi - lo + 1, 600u);
  }
  EXPECT_EQ(grants.size(), 2400u);  // 4 windows' worth, none lost
}

TEST(TokenBucketTest, IsSharedSafelyBetweenThreads) {
  FakeClock clock;
  TokenBucket bucket(clock);
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (bucket.TryAcquire() == nanoseconds::zero()) ++granted;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(granted.load(), 600);
}

TEST(TokenBucketTest, DrainUntilRefusesEverythingUntilThenAndStartsFull) {
  FakeClock clock;
  TokenBucket bucket(clock);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(bucket.TryAcquire(), nanoseconds::zero());
  bucket.DrainUntil(clock.SteadyNow() + seconds(42));
  EXPECT_EQ(bucket.available(), 0);
  EXPECT_EQ(bucket.TryAcquire(), seconds(42));
  clock.Advance(seconds(42));
  EXPECT_EQ(bucket.available(), 600);
  EXPECT_EQ(bucket.TryAcquire(), nanoseconds::zero());
}

TEST(RetryAtTest, UsesResetEpochSecondsElseFiveMinutes) {
  FakeClock clock;  // 2026-01-01T00:00:00Z = 1767225600
  WallTime now = clock.WallNow();
  EXPECT_EQ(RetryAt({{"X-Ratelimit-Reset", "1767225690"}}, now), now + seconds(90));
  EXPECT_EQ(RetryAt({{"x-ratelimit-reset", " 1767225601 "}}, now), now + seconds(1));
  EXPECT_EQ(RetryAt({}, now), now + seconds(300));
  EXPECT_EQ(RetryAt({{"X-Ratelimit-Reset", "soon"}}, now), now + seconds(300));
  EXPECT_EQ(RetryAt({{"X-Ratelimit-Reset", "1767225500"}}, now), now);  // past
  EXPECT_EQ(RetryAt({{"X-Ratelimit-Reset", "1999999999"}}, now), now + seconds(300));
  EXPECT_EQ(RetryAt({{"X-Ratelimit-Remain", "0"}}, now), now + seconds(300));
}

}  // namespace
}  // namespace harrier::registry
