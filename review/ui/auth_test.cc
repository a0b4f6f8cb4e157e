#include "review/ui/auth.h"

#include <gtest/gtest.h>

namespace harrier::review::ui {
namespace {

TEST(PasswordTest, HashIsArgon2idPhcAndVerifies) {
  Result<std::string> h = HashPassword("s3cret words");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *h;
  EXPECT_TRUE(VerifyPassword(*h, "s3cret words"));
  EXPECT_FALSE(VerifyPassword(*h, "s3cret word"));
  EXPECT_FALSE(VerifyPassword("garbage", "s3cret words"));
  EXPECT_NE(*HashPassword("s3cret words"), *h);  // salted
}

TEST(RandomTokenTest, SixtyFourHexDigitsAndDistinct) {
  const std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(SessionStoreTest, DestroyedSessionIsGone) {
  FakeClock clock;
  SessionStore sessions(clock, {});
  const Session s = sessions.Create("anna", "analyst");
  EXPECT_TRUE(sessions.Find(s.id));
  sessions.Destroy(s.id);
  EXPECT_FALSE(sessions.Find(s.id));
  EXPECT_FALSE(sessions.Find(""));
}

TEST(SessionStoreTest, OldestSessionIsDroppedBeyondTheCap) {
  FakeClock clock;
  SessionLimits limits;
  limits.max_sessions = 2;
  SessionStore sessions(clock, limits);
  const Session a = sessions.Create("", "");
  clock.Advance(std::chrono::seconds(1));
  const Session b = sessions.Create("", "");
  clock.Advance(std::chrono::seconds(1));
  const Session c = sessions.Create("", "");
  EXPECT_FALSE(sessions.Find(a.id));
  EXPECT_TRUE(sessions.Find(b.id));
  EXPECT_TRUE(sessions.Find(c.id));
}

TEST(SessionStoreTest, PreLoginSessionsAreDroppedBeforeLoggedInOnes) {
  FakeClock clock;
  SessionLimits limits;
  limits.max_sessions = 2;
  SessionStore sessions(clock, limits);
  const Session analyst = sessions.Create("anna", "analyst");
  clock.Advance(std::chrono::seconds(1));
  const Session pre = sessions.Create("", "");
  clock.Advance(std::chrono::seconds(1));
  const Session flood = sessions.Create("", "");
  EXPECT_TRUE(sessions.Find(analyst.id));
  EXPECT_FALSE(sessions.Find(pre.id));
  EXPECT_TRUE(sessions.Find(flood.id));
}

TEST(LoginThrottleTest, LockDoublesWithEachFailureBeyondTheFifth) {
  FakeClock clock;
  LoginThrottle t(clock, {});
  for (int i = 0; i < 4; ++i) t.RecordFailure("user:x");
  EXPECT_EQ(t.RetryAfterSeconds("user:x"), 0);
  t.RecordFailure("user:x");
  EXPECT_EQ(t.RetryAfterSeconds("user:x"), 60);
  clock.Advance(std::chrono::seconds(60));
  EXPECT_EQ(t.RetryAfterSeconds("user:x"), 0);
  t.RecordFailure("user:x");
  EXPECT_EQ(t.RetryAfterSeconds("user:x"), 120);
  EXPECT_EQ(t.RetryAfterSeconds("user:y"), 0);
  t.RecordSuccess("user:x");
  EXPECT_EQ(t.RetryAfterSeconds("user:x"), 0);
}

}  // namespace
}  // namespace harrier::review::ui
