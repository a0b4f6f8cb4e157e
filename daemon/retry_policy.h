// When to try a URL again: exponential backoff with jitter for transient
// failures, and the server's own Retry-After (RFC 9110 §10.2.3) on 429/503.
// Pure functions; the random number is passed in so tests are exact.
#ifndef HARRIER_DAEMON_RETRY_POLICY_H_
#define HARRIER_DAEMON_RETRY_POLICY_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace harrier::daemon {

// Wait before attempt number `attempt` + 1 (attempt >= 1 failed so far):
// base * 2^(attempt-1) capped at max, then "equal jitter": half of it plus
// `random01` (in [0, 1)) times the other half, so retries of many URLs
// spread out instead of arriving together, and none comes sooner than half.
int64_t BackoffDelayMs(int attempt, int64_t base_ms, int64_t max_ms, double random01);

// A Retry-After value as milliseconds from `now_unix_ms`: delay-seconds
// ("120") or an HTTP-date ("Sun, 22 Nov 2026 08:00:00 GMT"; also the
// obsolete RFC 850 and asctime forms). A date in the past gives 0. nullopt
// when the value is neither.
std::optional<int64_t> ParseRetryAfterMs(std::string_view value, int64_t now_unix_ms);

// A uniformly random number in [0, 1) from libsodium (thread-safe).
double RandomUnit();

}  // namespace harrier::daemon

#endif  // HARRIER_DAEMON_RETRY_POLICY_H_
