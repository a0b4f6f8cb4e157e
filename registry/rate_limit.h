// Client-side rate limiting for the Companies House API (600 requests per
// 5 minutes per key) and the 429 rule. One TokenBucket per API key, shared
// by every thread that uses the key. Thread-safety: TokenBucket is safe to
// share; Sleeper implementations must be too.
#ifndef HARRIER_REGISTRY_RATE_LIMIT_H_
#define HARRIER_REGISTRY_RATE_LIMIT_H_

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"

namespace harrier::registry {

// A bucket of `capacity` tokens in which each spent token comes back exactly
// `window` after it was spent (a sliding window). Chosen over a continuous
// refill (which would allow 600 at once and then 2/s, so up to ~1200 inside
// one of the server's 5-minute windows) and over our own fixed windows
// (which, unaligned with the server's, allow 600 at the end of one and 600 at
// the start of the next): with a sliding window no 5-minute interval, and so
// none of the server's windows whatever their alignment, holds more than
// `capacity` of our requests. Memory: one time per token.
class TokenBucket {
 public:
  static constexpr int kCompaniesHouseCapacity = 600;
  static constexpr std::chrono::seconds kCompaniesHouseWindow{300};

  explicit TokenBucket(const Clock& clock, int capacity = kCompaniesHouseCapacity,
                       std::chrono::nanoseconds window = kCompaniesHouseWindow);

  // Takes a token and returns zero, or takes nothing and returns how long
  // until one is free (then call again). Never blocks.
  std::chrono::nanoseconds TryAcquire();

  // After a 429: no token is granted before `until` (steady time), and the
  // bucket starts empty then, as the server's window has just been used up.
  void DrainUntil(SteadyTime until);

  int available() const;  // tokens free now (for tests and status)

 private:
  void ExpireLocked(SteadyTime now) const;

  const Clock& clock_;
  const int capacity_;
  const std::chrono::nanoseconds window_;
  mutable std::mutex mu_;
  mutable std::deque<SteadyTime> spent_;  // when each token in use was taken
  SteadyTime drained_until_{};
};

// When to try again after a 429: X-Ratelimit-Reset (epoch seconds; header
// names matched case-insensitively) when present and parseable, else now +
// 5 minutes. A reset in the past gives `now`; one more than 5 minutes ahead
// is capped at now + 5 minutes (the window is 5 minutes, so a later reset is
// a clock or header error, and waiting longer only loses time).
WallTime RetryAt(const std::vector<std::pair<std::string, std::string>>& headers, WallTime now);

// Waiting, handed in so tests never sleep: the real one blocks the calling
// thread; FakeSleeper advances a FakeClock.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void Sleep(std::chrono::nanoseconds d) = 0;
};

class RealSleeper : public Sleeper {
 public:
  void Sleep(std::chrono::nanoseconds d) override;
};

class FakeSleeper : public Sleeper {
 public:
  explicit FakeSleeper(FakeClock& clock) : clock_(clock) {}
  void Sleep(std::chrono::nanoseconds d) override;
  std::vector<std::chrono::nanoseconds> sleeps() const;

 private:
  FakeClock& clock_;
  mutable std::mutex mu_;
  std::vector<std::chrono::nanoseconds> sleeps_;
};

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_RATE_LIMIT_H_
