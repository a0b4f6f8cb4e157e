// robots.txt parsing and matching (RFC 9309) and the per-origin cache.
// Where the RFC leaves room, the choice made here is the more polite one
// unless it would let a hostile file stall the crawler; each is noted.
#include "scrapers/robots.h"

#include <algorithm>
#include <set>

#include "scrapers/url.h"

namespace harrier::scrapers {
namespace {

// Crawl-delay is not in the RFC. Values up to five minutes are honoured as
// written; larger ones (86400, 1e9: mistakes or "go away") are held to five
// minutes so a single line cannot park a source for days. A site that wants
// no crawling says Disallow, which is always honoured.
constexpr int64_t kMaxCrawlDelayMs = 300 * 1000;

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 9309 §2.2.1: identifier = 1*(%x2D / %x41-5A / %x5F / %x61-7A).
bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

std::string LeadingToken(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && IsTokenChar(s[n])) ++n;
  return std::string(s.substr(0, n));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ToLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 9309 §2.2.2: escapes of unreserved characters are decoded, others kept
// with upper-case hex (so %2F stays distinct from "/"), and non-ASCII or
// other unsafe bytes are escaped. Applied to both patterns and paths.
std::string NormalisePath(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      const auto v = static_cast<unsigned char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      if (IsUnreservedUrlChar(v)) {
        out += static_cast<char>(v);
      } else {
        out += {'%', kHex[v >> 4], kHex[v & 15]};
      }
      i += 2;
    } else if (c != '%' && IsLiteralInUrlQuery(c)) {
      out += static_cast<char>(c);
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

// `*` matches any run of characters and a final `$` anchors the end; the
// pattern otherwise matches a prefix of the path. Literal pieces between
// stars are found left to right, which is exact for this glob language and
// linear in practice even on a hostile pattern of many stars.
bool PatternMatches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    return anchored ? path == pattern : path.substr(0, pattern.size()) == pattern;
  }
  if (path.substr(0, star) != pattern.substr(0, star)) return false;
  size_t pos = star;
  pattern.remove_prefix(star + 1);
  while ((star = pattern.find('*')) != std::string_view::npos) {
    const std::string_view piece = pattern.substr(0, star);
    const size_t at = path.find(piece, pos);
    if (at == std::string_view::npos) return false;
    pos = at + piece.size();
    pattern.remove_prefix(star + 1);
  }
  // `pattern` is now the piece after the last star.
  if (!anchored) return path.find(pattern, pos) != std::string_view::npos;
  return path.size() >= pos + pattern.size() &&
         path.substr(path.size() - pattern.size()) == pattern;
}

// "10", "0.5", " 2.25": decimal seconds to milliseconds; nullopt otherwise.
std::optional<int64_t> ParseDelayMs(std::string_view v) {
  int64_t whole = 0;
  size_t i = 0;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
    whole = std::min<int64_t>(whole * 10 + (v[i] - '0'), kMaxCrawlDelayMs);
  }
  const size_t int_digits = i;
  int64_t frac_ms = 0;
  size_t frac_digits = 0;
  if (i < v.size() && v[i] == '.') {
    for (++i; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i, ++frac_digits) {
      if (frac_digits < 3) frac_ms = frac_ms * 10 + (v[i] - '0');
    }
    for (size_t d = frac_digits; d < 3; ++d) frac_ms *= 10;
  }
  if (i != v.size() || int_digits + frac_digits == 0) return std::nullopt;
  return std::min(whole * 1000 + frac_ms, kMaxCrawlDelayMs);
}

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kOther };

// RFC 9309 §2.2.4 lets crawlers accept common misspellings; a few that are
// seen in the wild are, so a typo does not turn a Disallow into nothing.
Key KeyOf(std::string_view raw) {
  const std::string k = Lower(raw);
  if (k == "user-agent" || k == "useragent" || k == "user agent") return Key::kUserAgent;
  if (k == "allow") return Key::kAllow;
  if (k == "disallow" || k == "dissallow" || k == "dissalow" || k == "disalow") {
    return Key::kDisallow;
  }
  if (k == "crawl-delay" || k == "crawldelay") return Key::kCrawlDelay;
  if (k == "sitemap" || k == "site-map") return Key::kSitemap;
  return Key::kOther;
}

struct Group {
  std::vector<std::string> agents;                  // lower-case product tokens, or "*"
  std::vector<std::pair<bool, std::string>> rules;  // allow?, normalised pattern
  std::optional<int64_t> crawl_delay_ms;
};

// Drops a UTF-8 byte order mark and, when the file is cut at `max_bytes`,
// the partial last line: half of "Allow: /public/x" would allow more.
std::string_view Prepare(std::string_view text, size_t max_bytes) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.size() > max_bytes) {
    text = text.substr(0, max_bytes);
    const size_t eol = text.find_last_of("\r\n");
    text = eol == std::string_view::npos ? std::string_view() : text.substr(0, eol);
  }
  return text;
}

// Splits the file into groups (RFC 9309 §2.1): one or more user-agent lines
// then rules; a user-agent line after a rule starts a new group. Rules before
// any user-agent line belong to no group and are ignored. Sitemap lines are
// global; Crawl-delay belongs to the group it is in and, like a rule, ends
// the group's user-agent lines ("User-agent: *\nCrawl-delay: 5\n\n
// User-agent: x" is two groups, as its author meant).
std::vector<Group> ParseGroups(std::string_view text, std::vector<std::string>* sitemaps) {
  std::vector<Group> groups;
  std::set<std::string> seen_sitemaps;
  bool in_agent_run = false;
  while (!text.empty()) {
    size_t eol = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a record
    const Key key = KeyOf(Trim(line.substr(0, colon)));
    const std::string_view value = Trim(line.substr(colon + 1));
    switch (key) {
      case Key::kUserAgent: {
        if (!in_agent_run) groups.emplace_back();
        in_agent_run = true;
        // "Harrier/1.0" names the product token "Harrier" (§2.2.1).
        std::string agent = Lower(LeadingToken(value));
        if (agent.empty() && !value.empty() && value[0] == '*') agent = "*";
        if (!agent.empty()) groups.back().agents.push_back(agent);
        break;
      }
      case Key::kAllow:
      case Key::kDisallow: {
        in_agent_run = false;
        if (groups.empty() || value.empty()) break;  // "Disallow:" allows all
        std::string pattern = NormalisePath(value);
        // RFC path patterns start with "/"; read "private" as "/private".
        if (pattern[0] != '/' && pattern[0] != '*') pattern.insert(0, "/");
        groups.back().rules.emplace_back(key == Key::kAllow, std::move(pattern));
        break;
      }
      case Key::kCrawlDelay: {
        in_agent_run = false;  // a group member like a rule, so it ends the run
        if (groups.empty()) break;
        std::optional<int64_t> ms = ParseDelayMs(value);
        std::optional<int64_t>& delay = groups.back().crawl_delay_ms;
        if (ms) delay = std::max(delay.value_or(0), *ms);
        break;
      }
      case Key::kSitemap:
        if (!value.empty() && seen_sitemaps.insert(std::string(value)).second) {
          sitemaps->emplace_back(value);
        }
        break;
      case Key::kOther:
        break;
    }
  }
  return groups;
}

}  // namespace

RobotsRules RobotsRules::Parse(std::string_view robots_txt, std::string_view product_token,
                               size_t max_bytes) {
  RobotsRules rules;
  const std::vector<Group> groups = ParseGroups(Prepare(robots_txt, max_bytes), &rules.sitemaps_);
  // §2.2.1: the groups naming our product token, merged; else the `*` groups.
  const std::string token = Lower(LeadingToken(Trim(product_token)));
  auto names = [](const Group& g, const std::string& name) {
    return std::find(g.agents.begin(), g.agents.end(), name) != g.agents.end();
  };
  bool ours = !token.empty() && std::any_of(groups.begin(), groups.end(),
                                            [&](const Group& g) { return names(g, token); });
  const std::string chosen = ours ? token : "*";
  for (const Group& g : groups) {
    if (!names(g, chosen)) continue;
    for (const auto& [allow, pattern] : g.rules) rules.rules_.push_back({allow, pattern});
    if (g.crawl_delay_ms) {
      rules.crawl_delay_ms_ = std::max(rules.crawl_delay_ms_.value_or(0), *g.crawl_delay_ms);
    }
  }
  return rules;
}

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules rules;
  rules.disallow_all_ = true;
  return rules;
}

bool RobotsRules::Allowed(std::string_view path) const {
  const std::string decided = DecidingRule(path);
  return decided.empty() || decided.rfind("allow", 0) == 0 || decided == "robots.txt itself";
}

std::string RobotsRules::DecidingRule(std::string_view path) const {
  const std::string p = NormalisePath(path.empty() ? std::string_view("/") : path);
  // §2.2.2: "/robots.txt" is implicitly allowed.
  if (p.substr(0, p.find('?')) == "/robots.txt") return "robots.txt itself";
  if (disallow_all_) return "disallow all";
  const Rule* best = nullptr;
  for (const Rule& r : rules_) {
    if (!PatternMatches(r.pattern, p)) continue;
    // §2.2.2: the most specific (longest) match wins; allow wins a tie.
    if (best == nullptr || r.pattern.size() > best->pattern.size() ||
        (r.pattern.size() == best->pattern.size() && r.allow && !best->allow)) {
      best = &r;
    }
  }
  if (best == nullptr) return "";
  return (best->allow ? "allow: " : "disallow: ") + best->pattern;
}

std::string ProductToken(std::string_view user_agent) { return LeadingToken(Trim(user_agent)); }

std::string OriginOf(std::string_view url) {
  const std::optional<std::string> canonical = CanonicalUrl(url);
  if (!canonical) return "";
  // Canonical URLs are "scheme://host[:port]/path...": cut at the path.
  const size_t host = canonical->find("://") + 3;
  return canonical->substr(0, canonical->find('/', host));
}

std::string RobotsUrlFor(std::string_view url) {
  const std::string origin = OriginOf(url);
  return origin.empty() ? "" : origin + "/robots.txt";
}

RobotsCache::RobotsCache(std::string product_token, int64_t ttl_ms, int64_t error_retry_ms)
    : token_(std::move(product_token)), ttl_ms_(ttl_ms), error_retry_ms_(error_retry_ms) {}

namespace {

// Path plus query of an http(s) URL as canonicalised, "" when not http(s).
std::string PathOf(std::string_view url) {
  const std::optional<std::string> canonical = CanonicalUrl(url);
  if (!canonical) return "";
  const size_t slash = canonical->find('/', canonical->find("://") + 3);
  return canonical->substr(slash);
}

}  // namespace

RobotsCache::Verdict RobotsCache::Check(std::string_view url, int64_t now_ms) {
  const std::string origin = OriginOf(url);
  if (origin.empty()) return Verdict::kDisallowed;  // never fetched anyway
  Entry& e = entries_[origin];
  if (e.pending) return Verdict::kPending;
  if (!e.known || now_ms >= e.expires_ms) {
    e.pending = true;
    return Verdict::kNeedFetch;
  }
  return e.rules.Allowed(PathOf(url)) ? Verdict::kAllowed : Verdict::kDisallowed;
}

void RobotsCache::Record(const std::string& origin, int http_status, std::string_view body,
                         int64_t now_ms) {
  // Accept a robots.txt URL or any URL of the origin as well as the origin.
  std::string key = OriginOf(origin);
  if (key.empty()) return;
  Entry& e = entries_[key];
  e.pending = false;
  e.known = true;
  e.why.clear();
  e.expires_ms = now_ms + ttl_ms_;
  if (http_status >= 200 && http_status <= 299) {
    e.rules = RobotsRules::Parse(body, token_);
  } else if ((http_status >= 400 && http_status <= 499 && http_status != 429) ||
             (http_status >= 300 && http_status <= 399)) {
    // §2.3.1.3: 4xx means no robots.txt, so no restrictions. §2.3.1.2: a 3xx
    // here is a redirect chain longer than the fetcher follows, "unavailable"
    // like a 4xx.
    e.rules = RobotsRules::AllowAll();
  } else {
    // §2.3.1.4: 5xx or unreachable means complete disallow. 429 is treated
    // the same way (a server asking us to slow down is not saying "no
    // robots.txt"), as are status codes outside 2xx-5xx.
    e.rules = RobotsRules::DisallowAll();
    e.expires_ms = now_ms + error_retry_ms_;
    e.why = http_status == 0 ? "robots.txt unreachable; disallowed until it recovers"
                             : "robots.txt answered " + std::to_string(http_status) +
                                   "; disallowed until it recovers";
  }
}

std::optional<int64_t> RobotsCache::CrawlDelayMs(std::string_view url) const {
  auto it = entries_.find(OriginOf(url));
  if (it == entries_.end() || !it->second.known) return std::nullopt;
  return it->second.rules.crawl_delay_ms();
}

std::vector<std::string> RobotsCache::Sitemaps(std::string_view url) const {
  auto it = entries_.find(OriginOf(url));
  if (it == entries_.end() || !it->second.known) return {};
  return it->second.rules.sitemaps();
}

std::string RobotsCache::Explain(std::string_view url) const {
  const std::string origin = OriginOf(url);
  if (origin.empty()) return "not an http(s) URL";
  auto it = entries_.find(origin);
  if (it == entries_.end() || !it->second.known) return "robots.txt not fetched yet";
  if (!it->second.why.empty()) return it->second.why;
  const std::string rule = it->second.rules.DecidingRule(PathOf(url));
  return rule.empty() ? "robots.txt has no rule for this path" : "robots.txt " + rule;
}

}  // namespace harrier::scrapers
