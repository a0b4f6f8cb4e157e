#include "daemon/retry_policy.h"

#include <gtest/gtest.h>

namespace harrier::daemon {
namespace {

TEST(BackoffDelayTest, DoublesPerAttemptUpToTheCapWithJitterInTheUpperHalf) {
  EXPECT_EQ(BackoffDelayMs(1, 2000, 600000, 0.0), 1000);
  EXPECT_EQ(BackoffDelayMs(1, 2000, 600000, 0.999999), 1999);
  EXPECT_EQ(BackoffDelayMs(2, 2000, 600000, 0.0), 2000);
  EXPECT_EQ(BackoffDelayMs(3, 2000, 600000, 0.5), 6000);
  EXPECT_EQ(BackoffDelayMs(40, 2000, 600000, 0.0), 300000);  // capped, no overflow
  EXPECT_EQ(BackoffDelayMs(40, 2000, 600000, 1.0), 600000);
  for (int i = 0; i < 1000; ++i) {
    const double r = RandomUnit();
    ASSERT_GE(r, 0.0);
    ASSERT_LT(r, 1.0);
  }
}

TEST(RetryAfterTest, ReadsSecondsAndAllThreeHttpDateForms) {
  const int64_t now = 1795334400000;  // 2026-11-22T08:00:00Z
  EXPECT_EQ(ParseRetryAfterMs("120", now), 120000);
  EXPECT_EQ(ParseRetryAfterMs(" 0 ", now), 0);
  EXPECT_EQ(ParseRetryAfterMs("Sun, 22 Nov 2026 08:01:00 GMT", now), 60000);
  EXPECT_EQ(ParseRetryAfterMs("Sunday, 22-Nov-26 08:02:00 GMT", now), 120000);
  EXPECT_EQ(ParseRetryAfterMs("Sun Nov 22 08:03:00 2026", now), 180000);
  EXPECT_EQ(ParseRetryAfterMs("Sun, 22 Nov 2026 07:00:00 GMT", now), 0);  // past
  EXPECT_FALSE(ParseRetryAfterMs("", now).has_value());
  EXPECT_FALSE(ParseRetryAfterMs("soon", now).has_value());
  EXPECT_FALSE(ParseRetryAfterMs("-5", now).has_value());
  EXPECT_FALSE(ParseRetryAfterMs("Sun, 22 Nov 2026 08:01:00 GMT trailing", now).has_value());
  EXPECT_GT(*ParseRetryAfterMs("99999999999999", now), int64_t{3600} * 1000 * 24 * 365);
}

}  // namespace
}  // namespace harrier::daemon
