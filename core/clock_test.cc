#include "core/clock.h"

#include <gtest/gtest.h>

namespace harrier {
namespace {

TEST(FakeClockTest, MovesOnlyWhenAdvanced) {
  FakeClock clock;
  WallTime w0 = clock.WallNow();
  SteadyTime s0 = clock.SteadyNow();
  EXPECT_EQ(clock.WallNow(), w0);
  clock.Advance(std::chrono::seconds(90));
  EXPECT_EQ(clock.WallNow() - w0, std::chrono::seconds(90));
  EXPECT_EQ(clock.SteadyNow() - s0, std::chrono::seconds(90));
}

TEST(ClockTest, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatUtc(FromUnixMillis(1767225600123)), "2026-01-01T00:00:00.123Z");
  EXPECT_EQ(FormatUtc(FakeClock().WallNow()), "2026-01-01T00:00:00.000Z");
}

TEST(ClockTest, UnixMillisRoundTrip) {
  EXPECT_EQ(ToUnixMillis(FromUnixMillis(1234567890123)), 1234567890123);
}

}  // namespace
}  // namespace harrier
