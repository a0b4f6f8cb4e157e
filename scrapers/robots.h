// robots.txt per RFC 9309: parsing rules for one product token, and a
// per-origin cache with the RFC's error handling. Pure code: the collector
// fetches robots.txt with the source's fetcher settings and feeds the result
// in with Record().
//
// Matching (RFC 9309 §2.2): the group whose user-agent line matches the
// product token case-insensitively (several groups for it are merged), else
// the `*` group, else everything is allowed. The longest matching path
// pattern wins; allow wins a tie. Patterns support `*` and a trailing `$`;
// paths are compared after percent-encoding normalisation. `/robots.txt` is
// always allowed. Crawl-delay (not in the RFC, widely used) and Sitemap lines
// are kept. Parsing stops at `max_bytes` (RFC: at least 500 KiB).
//
// Availability (RFC 9309 §2.3.1): 2xx → the rules; 4xx (incl. 404) → allow
// all; 5xx or unreachable (status 0) → disallow all until a later fetch
// succeeds. Redirects are followed by the fetcher (at most 5).
// Thread-safety: RobotsRules is immutable after Parse; RobotsCache is not
// thread-safe (the collector thread owns it).
#ifndef HARRIER_SCRAPERS_ROBOTS_H_
#define HARRIER_SCRAPERS_ROBOTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harrier::scrapers {

class RobotsRules {
 public:
  static constexpr size_t kDefaultMaxBytes = 512 * 1024;

  // `product_token` is the crawler's name as matched against user-agent
  // lines ("Harrier"); see ProductToken().
  static RobotsRules Parse(std::string_view robots_txt, std::string_view product_token,
                           size_t max_bytes = kDefaultMaxBytes);
  static RobotsRules AllowAll();
  static RobotsRules DisallowAll();

  // `path` is the URL's path plus query ("/a/b?c=d"); empty means "/".
  bool Allowed(std::string_view path) const;
  // The rule that decided (e.g. "disallow: /private"), or "" when none did.
  std::string DecidingRule(std::string_view path) const;

  std::optional<int64_t> crawl_delay_ms() const { return crawl_delay_ms_; }
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;  // normalised
  };
  std::vector<Rule> rules_;
  bool disallow_all_ = false;
  std::optional<int64_t> crawl_delay_ms_;
  std::vector<std::string> sitemaps_;  // absolute URLs as written
};

// "Harrier/0.1 (OSINT ...)" → "Harrier": the first product token of a
// User-Agent string, as RFC 9309 §2.2.1 asks crawlers to match on.
std::string ProductToken(std::string_view user_agent);

// "https://Example.com:443/a?b" → "https://example.com" (default port
// dropped); "" when the URL is not http(s). The cache key: robots.txt is per
// scheme, host and port.
std::string OriginOf(std::string_view url);
// origin + "/robots.txt".
std::string RobotsUrlFor(std::string_view url);

class RobotsCache {
 public:
  enum class Verdict {
    kAllowed,
    kDisallowed,
    kNeedFetch,  // unknown or expired: fetch RobotsUrlFor(url), then Record
    kPending,    // a fetch for this origin is under way: wait
  };

  // Rules are kept for `ttl_ms` (RFC: should not be used for more than 24 h);
  // after a 5xx/unreachable the origin stays disallowed and is asked again
  // after `error_retry_ms`.
  RobotsCache(std::string product_token, int64_t ttl_ms, int64_t error_retry_ms);

  // Returns kNeedFetch at most once per origin until Record is called for
  // it (later calls say kPending), so one fetch serves every waiting URL.
  Verdict Check(std::string_view url, int64_t now_ms);
  // A robots.txt fetch for `origin` ended: http_status 0 for a transport
  // failure (unreachable, timeout, refused by the address guard).
  void Record(const std::string& origin, int http_status, std::string_view body, int64_t now_ms);

  // Of the origin's current rules; nullopt/empty when none are known.
  std::optional<int64_t> CrawlDelayMs(std::string_view url) const;
  std::vector<std::string> Sitemaps(std::string_view url) const;
  // Why Check said kDisallowed, for logs: "robots.txt disallow: /private"
  // or "robots.txt answered 500; disallowed until it recovers".
  std::string Explain(std::string_view url) const;

 private:
  struct Entry {
    RobotsRules rules = RobotsRules::DisallowAll();
    bool pending = false;
    bool known = false;
    int64_t expires_ms = 0;
    std::string why;  // for an error state
  };
  std::string token_;
  int64_t ttl_ms_;
  int64_t error_retry_ms_;
  std::map<std::string, Entry> entries_;
};

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_ROBOTS_H_
