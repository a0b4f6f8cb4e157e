#include "social/mastodon_api.h"

#include <gtest/gtest.h>

#include "social/social_text.h"
#include "social/test_util.h"

namespace harrier::social {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(MastodonApiTest, UrlBuilders) {
  EXPECT_EQ(*MastodonLookupUrl("inst.example", "harbourrooms"),
            "https://inst.example/api/v1/accounts/lookup?acct=harbourrooms");
  EXPECT_EQ(*MastodonLookupUrl("https://Inst.Example/", "@quaysidedemo@other.example"),
            "https://inst.example/api/v1/accounts/lookup?acct=quaysidedemo%40other.example");
  EXPECT_EQ(*MastodonStatusesUrl("inst.example", "10987"),
            "https://inst.example/api/v1/accounts/10987/statuses?limit=40");
  EXPECT_EQ(*MastodonStatusesUrl("inst.example", "10987", "99"),
            "https://inst.example/api/v1/accounts/10987/statuses?limit=40&max_id=99");
  EXPECT_EQ(*MastodonTagTimelineUrl("inst.example", "#Rooms"),
            "https://inst.example/api/v1/timelines/tag/Rooms?limit=40");
  EXPECT_EQ(*MastodonTagTimelineUrl("inst.example", "caf\xC3\xA9"),
            "https://inst.example/api/v1/timelines/tag/caf%C3%A9?limit=40");
  EXPECT_FALSE(MastodonLookupUrl("inst.example/path", "x").ok());
  EXPECT_EQ(*MastodonLookupUrl("http://127.0.0.1:8080", "x"),
            "http://127.0.0.1:8080/api/v1/accounts/lookup?acct=x");
  EXPECT_FALSE(MastodonLookupUrl("ftp://inst.example", "x").ok());
  EXPECT_FALSE(MastodonLookupUrl("user@inst.example", "x").ok());
  EXPECT_FALSE(MastodonLookupUrl("inst.example", "").ok());
  EXPECT_FALSE(MastodonTagTimelineUrl("inst.example", "#").ok());
}

TEST(MastodonApiTest, PagingRequestsAreRecognised) {
  EXPECT_FALSE(MastodonPagingRequest("https://inst.example/api/v1/accounts/1/statuses?limit=40"));
  EXPECT_TRUE(MastodonPagingRequest("https://inst.example/api/v1/x?limit=40&max_id=5"));
  EXPECT_TRUE(MastodonPagingRequest("https://inst.example/api/v1/x?min_id=5"));
  EXPECT_FALSE(MastodonPagingRequest("https://inst.example/api/v1/x?xmax_id=5"));
}

TEST(MastodonApiTest, AuthRequiredAndNotFoundArePermanentStates) {
  const MastodonResponse auth =
      ClassifyMastodonResponse(401, ReadSocialFixture("mastodon_401.json"));
  EXPECT_EQ(auth.outcome, MastodonOutcome::kAuthRequired);
  EXPECT_TRUE(auth.permanent);
  EXPECT_EQ(auth.error, "This API requires an authenticated user");
  const MastodonResponse missing =
      ClassifyMastodonResponse(404, ReadSocialFixture("mastodon_404.json"));
  EXPECT_EQ(missing.outcome, MastodonOutcome::kNotFound);
  EXPECT_TRUE(missing.permanent);
  EXPECT_EQ(missing.error, "Record not found");
  const MastodonResponse busy =
      ClassifyMastodonResponse(429, ReadSocialFixture("mastodon_429.json"));
  EXPECT_EQ(busy.outcome, MastodonOutcome::kRateLimited);
  EXPECT_FALSE(busy.permanent);
  EXPECT_EQ(ClassifyMastodonResponse(503, "<html>").outcome, MastodonOutcome::kRetryLater);
  EXPECT_EQ(ClassifyMastodonResponse(200, "[]").outcome, MastodonOutcome::kOk);
  EXPECT_EQ(ClassifyMastodonResponse(401, "not json").error, "");
}

TEST(MastodonApiTest, Status429WaitsUntilTheResetTimestamp) {
  const WallTime now = *ParseIso8601("2024-05-02T08:15:30Z");
  const scrapers::HeaderList headers = {{"x-ratelimit-limit", "300"},
                                        {"x-ratelimit-remaining", "0"},
                                        {"x-ratelimit-reset", "2024-05-02T08:17:00.000Z"}};
  const MastodonRateLimitState s = MastodonRateLimit(headers, 429, now);
  EXPECT_EQ(s.limit, 300);
  EXPECT_EQ(s.remaining, 0);
  EXPECT_EQ(s.wait, seconds(90));
}

TEST(MastodonApiTest, RemainingZeroWaitsEvenOnSuccess) {
  const WallTime now = *ParseIso8601("2024-05-02T08:15:30Z");
  const scrapers::HeaderList headers = {{"X-RateLimit-Remaining", "0"},
                                        {"X-RateLimit-Reset", "2024-05-02T08:15:40.200Z"}};
  EXPECT_EQ(MastodonRateLimit(headers, 200, now).wait, seconds(11));  // rounded up
}

TEST(MastodonApiTest, RateLimitWaitBounds) {
  const WallTime now = *ParseIso8601("2024-05-02T08:15:30Z");
  // Remaining requests: no wait.
  EXPECT_EQ(MastodonRateLimit({{"x-ratelimit-remaining", "12"}}, 200, now).wait, seconds(0));
  // 429 without headers (no Retry-After either): a full window.
  EXPECT_EQ(MastodonRateLimit({}, 429, now).wait, minutes(5));
  // A reset already past: at least a second.
  EXPECT_EQ(MastodonRateLimit({{"x-ratelimit-reset", "2024-05-02T08:00:00Z"}}, 429, now).wait,
            seconds(1));
  // A hostile reset years away: at most an hour.
  EXPECT_EQ(MastodonRateLimit({{"x-ratelimit-reset", "2030-01-01T00:00:00Z"}}, 429, now).wait,
            minutes(60));
  // An epoch number is not a timestamp: treated as absent.
  EXPECT_EQ(MastodonRateLimit({{"x-ratelimit-reset", "1714637800"}}, 429, now).wait, minutes(5));
}

TEST(MastodonLimiterTest, ThreeHundredPerFiveMinutesPerInstance) {
  FakeClock clock;
  MastodonLimiter limiter(clock);
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(limiter.TryAcquire("inst.example", false)) << i;
    if (i < 299) clock.Advance(seconds(1));
  }
  EXPECT_FALSE(limiter.TryAcquire("inst.example", false));
  // Now is 299 s; the first request leaves the window at 300 s.
  EXPECT_EQ(limiter.Delay("inst.example", false), seconds(1));
  clock.Advance(seconds(1));
  EXPECT_TRUE(limiter.TryAcquire("inst.example", false));
  EXPECT_TRUE(limiter.TryAcquire("other.example", false));  // instances are separate
}

TEST(MastodonLimiterTest, WindowSlidesAndFreesSlots) {
  FakeClock clock;
  MastodonLimiterOptions options;
  options.requests = 2;
  MastodonLimiter limiter(clock, options);
  EXPECT_TRUE(limiter.TryAcquire("i", false));
  clock.Advance(seconds(10));
  EXPECT_TRUE(limiter.TryAcquire("i", false));
  EXPECT_FALSE(limiter.TryAcquire("i", false));
  EXPECT_EQ(limiter.Delay("i", false), seconds(290));
  clock.Advance(seconds(290));
  EXPECT_TRUE(limiter.TryAcquire("i", false));
  EXPECT_FALSE(limiter.TryAcquire("i", false));
  EXPECT_EQ(limiter.Delay("i", false), seconds(10));
}

TEST(MastodonLimiterTest, PagingRequestsHaveTheirOwnFifteenMinuteWindow) {
  FakeClock clock;
  MastodonLimiterOptions options;
  options.requests = 10;
  options.paging_requests = 3;
  MastodonLimiter limiter(clock, options);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.TryAcquire("i", true));
  EXPECT_FALSE(limiter.TryAcquire("i", true));
  EXPECT_EQ(limiter.Delay("i", true), minutes(15));
  EXPECT_TRUE(limiter.TryAcquire("i", false));  // a first page still may go
  clock.Advance(minutes(5));
  EXPECT_EQ(limiter.Delay("i", true), minutes(10));  // general window freed, paging not
  clock.Advance(minutes(10));
  EXPECT_TRUE(limiter.TryAcquire("i", true));
}

TEST(MastodonLimiterTest, PauseHoldsTheInstanceForTheServerWait) {
  FakeClock clock;
  MastodonLimiter limiter(clock);
  limiter.Pause("inst.example", seconds(90));
  EXPECT_FALSE(limiter.TryAcquire("inst.example", false));
  EXPECT_EQ(limiter.Delay("inst.example", false), seconds(90));
  clock.Advance(seconds(90));
  EXPECT_TRUE(limiter.TryAcquire("inst.example", false));
}

}  // namespace
}  // namespace harrier::social
