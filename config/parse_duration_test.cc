#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "config/loader.h"

namespace harrier::config {
namespace {

TEST(ParseDurationTest, AcceptsCountAndUnit) {
  const struct {
    const char* text;
    int64_t seconds;
  } cases[] = {
      {"30s", 30},   {"1s", 1},       {"15m", 900},
      {"6h", 21600}, {"1d", 86400},   {"90m", 5400},
      {"007s", 7},   {"48h", 172800}, {"999999999d", int64_t{999999999} * 86400},
  };
  for (const auto& c : cases) {
    Result<int64_t> d = ParseDuration(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().ToString();
    EXPECT_EQ(*d, c.seconds) << c.text;
  }
}

TEST(ParseDurationTest, RejectsEverythingElse) {
  const char* const cases[] = {
      "",    "s",   "6",      "6 h",   " 6h", "6h ", "6H", "6w",          "1.5h",
      "-5m", "+5m", "6hours", "1h30m", "0s",  "00d", "h6", "1000000000d", "6 hours",
  };
  for (const char* text : cases) {
    Result<int64_t> d = ParseDuration(text);
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << text;
  }
  EXPECT_EQ(ParseDuration("6 hours").status().message(),
            "\"6 hours\" is not a duration (use 30s, 15m, 6h or 1d)");
}

}  // namespace
}  // namespace harrier::config

namespace harrier::config {
namespace {

TEST(ParseDelayMsTest, AcceptsZeroAndMillisecondsToHours) {
  EXPECT_EQ(*ParseDelayMs("0"), 0);
  EXPECT_EQ(*ParseDelayMs("0s"), 0);
  EXPECT_EQ(*ParseDelayMs("250ms"), 250);
  EXPECT_EQ(*ParseDelayMs("2s"), 2000);
  EXPECT_EQ(*ParseDelayMs("1m"), 60000);
  EXPECT_EQ(*ParseDelayMs("1h"), 3600000);
}

TEST(ParseDelayMsTest, RejectsUnitsWordsAndMoreThanAnHour) {
  for (const char* bad : {"", "s", "2", "2 s", "-1s", "1.5s", "2d", "61m", "1000000000ms"}) {
    Result<int64_t> d = ParseDelayMs(bad);
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace harrier::config
