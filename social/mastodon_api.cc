// Mastodon request URLs, error meanings and rate limits (sources.md §3, §5;
// mastodon config/initializers/rack_attack.rb for the windows).
#include "social/mastodon_api.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "scrapers/url.h"
#include "social/social_text.h"

namespace harrier::social {
namespace {

bool ValidHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

std::string WithMaxId(std::string url, std::string_view max_id) {
  if (!max_id.empty()) url += "&max_id=" + PercentEncode(max_id);
  return url;
}

std::string ErrorString(std::string_view body) {
  if (body.size() > 64 * 1024) return "";
  const nlohmann::json j = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (!j.is_object()) return "";
  const auto it = j.find("error");
  return (it != j.end() && it->is_string()) ? it->get<std::string>().substr(0, 500) : "";
}

void Prune(std::deque<SteadyTime>* times, SteadyTime now, std::chrono::nanoseconds window) {
  while (!times->empty() && times->front() + window <= now) times->pop_front();
}

}  // namespace

Result<std::string> MastodonInstanceBase(std::string_view instance) {
  std::string host = Lower(instance);
  std::string scheme = "https://";
  if (host.rfind("https://", 0) == 0) {
    host.erase(0, 8);
  } else if (host.rfind("http://", 0) == 0) {
    scheme = "http://";  // only when spelled out: a mirror, or a test server
    host.erase(0, 7);
  }
  while (!host.empty() && host.back() == '/') host.pop_back();
  const bool ok = !host.empty() && host.size() <= 253 && host.front() != '.' &&
                  host.front() != '-' && host.front() != ':' &&
                  std::all_of(host.begin(), host.end(), ValidHostChar);
  if (!ok) return Status::InvalidArgument("mastodon instance '" + std::string(instance) + "'");
  return scheme + host;
}

Result<std::string> MastodonLookupUrl(std::string_view instance, std::string_view acct) {
  Result<std::string> base = MastodonInstanceBase(instance);
  if (!base.ok()) return base.status();
  if (!acct.empty() && acct.front() == '@') acct.remove_prefix(1);
  if (acct.empty()) return Status::InvalidArgument("mastodon lookup: empty acct");
  return *base + "/api/v1/accounts/lookup?acct=" + PercentEncode(acct);
}

Result<std::string> MastodonStatusesUrl(std::string_view instance, std::string_view account_id,
                                        std::string_view max_id) {
  Result<std::string> base = MastodonInstanceBase(instance);
  if (!base.ok()) return base.status();
  if (account_id.empty()) return Status::InvalidArgument("mastodon statuses: empty account id");
  return WithMaxId(*base + "/api/v1/accounts/" + PercentEncode(account_id) + "/statuses?limit=40",
                   max_id);
}

Result<std::string> MastodonTagTimelineUrl(std::string_view instance, std::string_view tag,
                                           std::string_view max_id) {
  Result<std::string> base = MastodonInstanceBase(instance);
  if (!base.ok()) return base.status();
  if (!tag.empty() && tag.front() == '#') tag.remove_prefix(1);
  if (tag.empty()) return Status::InvalidArgument("mastodon tag timeline: empty tag");
  return WithMaxId(*base + "/api/v1/timelines/tag/" + PercentEncode(tag) + "?limit=40", max_id);
}

bool MastodonPagingRequest(std::string_view url) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos) return false;
  const std::string query = "&" + std::string(url.substr(q + 1));
  for (const char* key : {"&max_id=", "&min_id=", "&since_id=", "&page="}) {
    if (query.find(key) != std::string::npos) return true;
  }
  return false;
}

MastodonResponse ClassifyMastodonResponse(int http_status, std::string_view body) {
  MastodonResponse r;
  if (http_status >= 200 && http_status < 300) return r;
  r.error = ErrorString(body);
  switch (http_status) {
    case 401:
      r.outcome = MastodonOutcome::kAuthRequired;
      r.permanent = true;
      break;
    case 404:
      r.outcome = MastodonOutcome::kNotFound;
      r.permanent = true;
      break;
    case 410:
      r.outcome = MastodonOutcome::kGone;
      r.permanent = true;
      break;
    case 429:
      r.outcome = MastodonOutcome::kRateLimited;
      break;
    default:
      r.outcome = (http_status >= 500 || http_status == 408) ? MastodonOutcome::kRetryLater
                                                             : MastodonOutcome::kUnexpected;
  }
  return r;
}

MastodonRateLimitState MastodonRateLimit(const scrapers::HeaderList& headers, int http_status,
                                         WallTime now) {
  MastodonRateLimitState s;
  for (const auto& [name, value] : headers) {
    const std::string key = Lower(name);
    if (key == "x-ratelimit-limit") s.limit = ParseAbbreviatedCount(value);
    if (key == "x-ratelimit-remaining") s.remaining = ParseAbbreviatedCount(value);
    if (key == "x-ratelimit-reset") s.reset = ParseIso8601(value);
  }
  if (http_status != 429 && (!s.remaining || *s.remaining > 0)) return s;
  using std::chrono::seconds;
  if (!s.reset) {
    s.wait = seconds(300);
  } else {
    const auto until = std::chrono::ceil<seconds>(*s.reset - now);
    s.wait = std::clamp(until, seconds(1), seconds(3600));
  }
  return s;
}

MastodonLimiter::MastodonLimiter(const Clock& clock, MastodonLimiterOptions options)
    : clock_(clock), options_(options) {}

std::chrono::nanoseconds MastodonLimiter::DelayLocked(Window& w, bool paging,
                                                      SteadyTime now) const {
  Prune(&w.all, now, options_.window);
  Prune(&w.paging, now, options_.paging_window);
  std::chrono::nanoseconds delay{0};
  if (w.paused_until > now) delay = w.paused_until - now;
  if (static_cast<int>(w.all.size()) >= options_.requests) {
    delay = std::max<std::chrono::nanoseconds>(delay, w.all.front() + options_.window - now);
  }
  if (paging && static_cast<int>(w.paging.size()) >= options_.paging_requests) {
    delay =
        std::max<std::chrono::nanoseconds>(delay, w.paging.front() + options_.paging_window - now);
  }
  return delay;
}

std::chrono::nanoseconds MastodonLimiter::Delay(const std::string& instance, bool paging) {
  std::lock_guard<std::mutex> lock(mu_);
  return DelayLocked(windows_[instance], paging, clock_.SteadyNow());
}

void MastodonLimiter::Record(const std::string& instance, bool paging) {
  std::lock_guard<std::mutex> lock(mu_);
  Window& w = windows_[instance];
  const SteadyTime now = clock_.SteadyNow();
  w.all.push_back(now);
  if (paging) w.paging.push_back(now);
}

bool MastodonLimiter::TryAcquire(const std::string& instance, bool paging) {
  std::lock_guard<std::mutex> lock(mu_);
  Window& w = windows_[instance];
  const SteadyTime now = clock_.SteadyNow();
  if (DelayLocked(w, paging, now).count() > 0) return false;
  w.all.push_back(now);
  if (paging) w.paging.push_back(now);
  return true;
}

void MastodonLimiter::Pause(const std::string& instance, std::chrono::nanoseconds wait) {
  std::lock_guard<std::mutex> lock(mu_);
  Window& w = windows_[instance];
  w.paused_until = std::max(w.paused_until, clock_.SteadyNow() + wait);
}

}  // namespace harrier::social
