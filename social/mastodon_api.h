// Talking to a Mastodon instance politely: request URLs, what an error
// response means (a permanent state or a retry), the server's rate-limit
// headers, and a per-instance client-side limiter. MastodonLimiter is
// thread-safe; the rest is stateless.
#ifndef HARRIER_SOCIAL_MASTODON_API_H_
#define HARRIER_SOCIAL_MASTODON_API_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "scrapers/http_fetcher.h"

namespace harrier::social {

// "https://<host>" for an instance given as "inst.example",
// "https://inst.example/" or "inst.example:8443"; "http://<host>" only when
// the scheme is spelled out (a test server); kInvalidArgument for anything
// with a path, user info, another scheme or a bad host.
Result<std::string> MastodonInstanceBase(std::string_view instance);

// GET /api/v1/accounts/lookup?acct=<user or user@domain, percent-encoded>.
Result<std::string> MastodonLookupUrl(std::string_view instance, std::string_view acct);
// GET /api/v1/accounts/<id>/statuses?limit=40 (nothing excluded), with
// max_id when given (the Link header's next URL is preferred).
Result<std::string> MastodonStatusesUrl(std::string_view instance, std::string_view account_id,
                                        std::string_view max_id = "");
// GET /api/v1/timelines/tag/<tag>?limit=40; a leading '#' is dropped.
Result<std::string> MastodonTagTimelineUrl(std::string_view instance, std::string_view tag,
                                           std::string_view max_id = "");

// True for requests Rack::Attack counts as unauthenticated paging (a
// max_id, min_id, since_id or page parameter).
bool MastodonPagingRequest(std::string_view url);

enum class MastodonOutcome {
  kOk,            // 2xx
  kAuthRequired,  // 401: the instance requires an authenticated user. Permanent.
  kNotFound,      // 404: no such account or tag. Permanent.
  kGone,          // 410: suspended account (2.4-3.3). Permanent.
  kRateLimited,   // 429: wait until X-RateLimit-Reset, then retry.
  kRetryLater,    // 5xx, 408: the usual backoff.
  kUnexpected,    // anything else: reported, not retried.
};

struct MastodonResponse {
  MastodonOutcome outcome = MastodonOutcome::kOk;
  bool permanent = false;  // the collector records the state and stops asking
  std::string error;       // the body's "error" string (hostile text), if any
};

MastodonResponse ClassifyMastodonResponse(int http_status, std::string_view body);

struct MastodonRateLimitState {
  std::optional<int64_t> limit;
  std::optional<int64_t> remaining;
  std::optional<WallTime> reset;
  // How long to hold requests to the instance: zero unless remaining is 0 or
  // the status is 429. Until reset (ISO 8601, not epoch), at least 1 s and at
  // most 1 h; 5 min when there is no usable reset (429 has no Retry-After).
  std::chrono::seconds wait{0};
};

// Reads X-RateLimit-Limit / -Remaining / -Reset (names in any case).
MastodonRateLimitState MastodonRateLimit(const scrapers::HeaderList& headers, int http_status,
                                         WallTime now);

struct MastodonLimiterOptions {
  // Mastodon's Rack::Attack defaults per IP: all API requests, and
  // unauthenticated paging requests (which count in both).
  int requests = 300;
  std::chrono::seconds window{300};
  int paging_requests = 300;
  std::chrono::seconds paging_window{900};
};

// Sliding-window limits per instance, on the clock's steady time. A request
// may go when Delay() is zero; Record() it when sent. Pause() holds an
// instance for the server's wait (MastodonRateLimit).
class MastodonLimiter {
 public:
  // Does not own `clock`, which must outlive this.
  explicit MastodonLimiter(const Clock& clock, MastodonLimiterOptions options = {});

  std::chrono::nanoseconds Delay(const std::string& instance, bool paging);
  void Record(const std::string& instance, bool paging);
  // Delay() == 0 then Record(), atomically.
  bool TryAcquire(const std::string& instance, bool paging);
  void Pause(const std::string& instance, std::chrono::nanoseconds wait);

 private:
  struct Window {
    std::deque<SteadyTime> all;
    std::deque<SteadyTime> paging;
    SteadyTime paused_until{};
  };
  std::chrono::nanoseconds DelayLocked(Window& w, bool paging, SteadyTime now) const;

  const Clock& clock_;
  const MastodonLimiterOptions options_;
  std::mutex mu_;
  std::map<std::string, Window> windows_;
};

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_MASTODON_API_H_
