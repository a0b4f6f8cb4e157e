#include "scrapers/robots.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace harrier::scrapers {
namespace {

struct PathCase {
  const char* path;
  bool allowed;
};

void ExpectPaths(const RobotsRules& rules, std::initializer_list<PathCase> cases,
                 const std::string& what) {
  for (const PathCase& c : cases) {
    EXPECT_EQ(rules.Allowed(c.path), c.allowed)
        << what << ": " << c.path << " decided by \"" << rules.DecidingRule(c.path) << "\"";
  }
}

// RFC 9309 §5.1, verbatim.
constexpr char kRfcExample[] =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

TEST(RobotsTest, FollowsTheRfc9309Example) {
  struct Case {
    const char* agent;
    const char* path;
    bool allowed;
  } cases[] = {
      // The `*` group, for any crawler not named.
      {"Harrier", "/", true},
      {"Harrier", "/example/", false},
      {"Harrier", "/example/page.html", false},
      {"Harrier", "/publications/", true},
      {"Harrier", "/images/x.gif", false},
      {"Harrier", "/images/x.gif?v=1", true},  // `$` anchors the end
      // foobot: everything disallowed except two pages.
      {"foobot", "/", false},
      {"foobot", "/example/page.html", true},
      {"foobot", "/example/allowed.gif", true},
      {"foobot", "/example/other.html", false},
      // barbot and bazbot share one group; the `*` rules do not apply to them.
      {"barbot", "/example/page.html", false},
      {"bazbot", "/example/page.html", false},
      {"barbot", "/example/", true},
      {"bazbot", "/images/x.gif", true},
      // quxbot has a group with no rules: everything allowed.
      {"quxbot", "/example/", true},
      {"quxbot", "/images/x.gif", true},
  };
  for (const Case& c : cases) {
    RobotsRules rules = RobotsRules::Parse(kRfcExample, c.agent);
    EXPECT_EQ(rules.Allowed(c.path), c.allowed) << c.agent << " " << c.path;
  }
}

TEST(RobotsTest, ProductTokenMatchesUserAgentLinesCaseInsensitively) {
  const char* txt =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: HARRIER/2.0 (extra words)\nDisallow: /private\n";
  for (const char* token : {"Harrier", "harrier", "HARRIER", "Harrier/0.1 (OSINT)"}) {
    RobotsRules rules = RobotsRules::Parse(txt, token);
    ExpectPaths(rules, {{"/", true}, {"/private/x", false}}, token);
  }
  // A longer or shorter name is a different crawler.
  ExpectPaths(RobotsRules::Parse(txt, "Harrierbot"), {{"/", false}}, "Harrierbot");
  ExpectPaths(RobotsRules::Parse(txt, "Harr"), {{"/", false}}, "Harr");
}

TEST(RobotsTest, GroupsForTheSameAgentAreMerged) {
  const char* txt =
      "User-agent: harrier\nDisallow: /a\n\n"
      "User-agent: other\nDisallow: /b\n\n"
      "User-agent: Harrier\nDisallow: /c\nAllow: /a/open\n";
  ExpectPaths(RobotsRules::Parse(txt, "Harrier"),
              {{"/a", false}, {"/a/open", true}, {"/b", true}, {"/c", false}}, "merged");
  // `*` groups merge too.
  ExpectPaths(RobotsRules::Parse("User-agent: *\nDisallow: /x\nUser-agent: *\nDisallow: /y\n", "H"),
              {{"/x", false}, {"/y", false}, {"/z", true}}, "star");
}

TEST(RobotsTest, StarGroupIsOnlyAFallback) {
  const char* txt =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: harrier\nDisallow: /only-this\n";
  ExpectPaths(RobotsRules::Parse(txt, "Harrier"), {{"/", true}, {"/only-this", false}}, "named");
  ExpectPaths(RobotsRules::Parse(txt, "Otherbot"), {{"/", false}}, "fallback");
  // No group for us and no `*` group: everything is allowed.
  ExpectPaths(RobotsRules::Parse("User-agent: foo\nDisallow: /\n", "Harrier"), {{"/", true}},
              "none");
}

TEST(RobotsTest, LongestMatchWinsWhateverTheOrder) {
  for (const char* txt : {"User-agent: *\nAllow: /p/open\nDisallow: /p\n",
                          "User-agent: *\nDisallow: /p\nAllow: /p/open\n"}) {
    ExpectPaths(RobotsRules::Parse(txt, "H"),
                {{"/p", false}, {"/p/closed", false}, {"/p/open", true}, {"/p/opened", true}}, txt);
  }
  // The longer disallow beats the shorter allow (RFC 9309 §5.2).
  ExpectPaths(RobotsRules::Parse("User-agent: *\nAllow: /example/page/\n"
                                 "Disallow: /example/page/disallowed.gif\n",
                                 "H"),
              {{"/example/page/", true}, {"/example/page/disallowed.gif", false}}, "rfc 5.2");
}

TEST(RobotsTest, AllowWinsATie) {
  struct Case {
    const char* txt;
    const char* path;
  } cases[] = {
      {"User-agent: *\nAllow: /page\nDisallow: /page\n", "/page"},
      {"User-agent: *\nDisallow: /page\nAllow: /page\n", "/page"},
      // Equally long patterns that both match, wildcards included.
      {"User-agent: *\nDisallow: /*.x\nAllow: /a.*\n", "/a.x"},
  };
  for (const Case& c : cases) EXPECT_TRUE(RobotsRules::Parse(c.txt, "H").Allowed(c.path)) << c.txt;
}

TEST(RobotsTest, WildcardsAndEndAnchor) {
  struct Case {
    const char* pattern;
    const char* path;
    bool matches;
  } cases[] = {
      {"/fish", "/fish", true},
      {"/fish", "/fish.html", true},
      {"/fish", "/Fish.asp", false},  // paths are case-sensitive
      {"/fish*", "/fishheads/yummy.html", true},
      {"/fish*", "/catfish", false},
      {"/*.php", "/index.php", true},
      {"/*.php", "/folder/any.php?param", true},
      {"/*.php", "/windows.PHP", false},
      {"/*.php$", "/filename.php", true},
      {"/*.php$", "/filename.php?parameters", false},
      {"/*.php$", "/filename.php5", false},
      {"/fish*.php", "/fish.php", true},
      {"/fish*.php", "/fishheads/catfish.php?p", true},
      {"/fish*.php", "/Fish.PHP", false},
      {"/a*b*c$", "/axxbyyc", true},
      {"/a*b*c$", "/axxbyycz", false},
      {"/a*b*c$", "/abcbc", true},  // greedy search must not stop at the first c
      {"/a**b", "/a-b", true},
      {"/fish*fish", "/fish", false},  // the pieces may not overlap
      {"/fish*fish", "/fishfish", true},
      {"/*$", "/anything", true},
      {"/$", "/", true},
      {"/$", "/x", false},
      {"/a$b", "/a$b", true},  // `$` is an anchor only at the end
      {"/a$b", "/a", false},
      {"*.gif$", "/x/y.gif", true},
  };
  for (const Case& c : cases) {
    const std::string txt = std::string("User-agent: *\nDisallow: ") + c.pattern + "\n";
    EXPECT_EQ(RobotsRules::Parse(txt, "H").Allowed(c.path), !c.matches)
        << c.pattern << " vs " << c.path;
  }
}

TEST(RobotsTest, PathsAndPatternsArePercentEncodingNormalised) {
  struct Case {
    const char* pattern;
    const char* path;
    bool matches;
  } cases[] = {
      {"/%7Efoo", "/~foo", true},  // unreserved escapes decode
      {"/~foo", "/%7efoo", true},
      {"/foo/bar/%62%61%7A", "/foo/bar/baz", true},  // RFC 9309 §2.2.2 table
      {"/foo/bar/ツ", "/foo/bar/%E3%83%84", true},
      {"/foo/bar/%E3%83%84", "/foo/bar/ツ", true},
      {"/a%2fb", "/a%2Fb", true},  // hex case does not matter
      {"/a%2Fb", "/a/b", false},   // an encoded "/" is not a "/"
      {"/a/b", "/a%2Fb", false},
      {"/a b", "/a%20b", true},
      {"/foo/bar?baz=quz", "/foo/bar?baz=quz", true},
      {"/a|b", "/a%7Cb", true},
  };
  for (const Case& c : cases) {
    const std::string txt = std::string("User-agent: *\nDisallow: ") + c.pattern + "\n";
    EXPECT_EQ(RobotsRules::Parse(txt, "H").Allowed(c.path), !c.matches)
        << c.pattern << " vs " << c.path;
  }
}

TEST(RobotsTest, EmptyDisallowAllowsEverything) {
  ExpectPaths(RobotsRules::Parse("User-agent: *\nDisallow:\n", "H"), {{"/", true}, {"/x", true}},
              "empty");
  ExpectPaths(RobotsRules::Parse("User-agent: *\nDisallow:   # nothing\n", "H"), {{"/", true}},
              "comment");
  ExpectPaths(RobotsRules::Parse("", "H"), {{"/", true}}, "empty file");
}

TEST(RobotsTest, LineEndingsBomAndCommentsDoNotChangeTheRules) {
  const std::vector<std::string> variants = {
      "User-agent: harrier\nDisallow: /a\nAllow: /a/b\n",
      "User-agent: harrier\r\nDisallow: /a\r\nAllow: /a/b\r\n",
      "User-agent: harrier\rDisallow: /a\rAllow: /a/b",
      "\xEF\xBB\xBFUser-agent: harrier\nDisallow: /a\nAllow: /a/b\n",
      "# a comment\nUser-agent: harrier # us\n  Disallow:/a   \n\tAllow :  /a/b#x\n",
      "USER-AGENT: harrier\nDISALLOW: /a\nALLOW: /a/b\n",
  };
  for (const std::string& txt : variants) {
    ExpectPaths(RobotsRules::Parse(txt, "Harrier"), {{"/a", false}, {"/a/b", true}, {"/b", true}},
                txt);
  }
}

TEST(RobotsTest, MalformedAndUnknownLinesAreIgnored) {
  const char* txt =
      "Disallow: /before-any-group\n"
      "this line has no colon\n"
      "User-agent: harrier\n"
      "Disallow /no-colon\n"
      "Noindex: /x\n"
      "Request-rate: 1/5\n"
      "Disallow: /real\n"
      "Host: example.org\n";
  ExpectPaths(RobotsRules::Parse(txt, "Harrier"),
              {{"/before-any-group", true}, {"/no-colon", true}, {"/x", true}, {"/real", false}},
              "malformed");
}

TEST(RobotsTest, CommonMisspellingsAreAccepted) {
  ExpectPaths(RobotsRules::Parse("useragent: *\ndissallow: /a\n", "H"), {{"/a", false}}, "typo");
}

TEST(RobotsTest, UnknownLinesDoNotSplitAUserAgentRun) {
  // Sitemap and unknown lines are not rules: both agents share the group.
  const char* txt =
      "User-agent: a\nSitemap: https://e.org/s.xml\nUser-agent: harrier\nDisallow: /x\n";
  ExpectPaths(RobotsRules::Parse(txt, "Harrier"), {{"/x", false}}, "shared");
  ExpectPaths(RobotsRules::Parse(txt, "a"), {{"/x", false}}, "shared");
}

TEST(RobotsTest, CrawlDelayIsDecimalSecondsInMilliseconds) {
  struct Case {
    const char* value;
    std::optional<int64_t> ms;
  } cases[] = {
      {"10", 10000},
      {"0.5", 500},
      {"2.25", 2250},
      {"1.23456", 1234},
      {".5", 500},
      {"0", 0},
      {"299.999", 299999},
      {"86400", 300000},  // capped at five minutes
      {"99999999999999999999", 300000},
      {"abc", std::nullopt},
      {"-5", std::nullopt},
      {"5s", std::nullopt},
      {"", std::nullopt},
      {".", std::nullopt},
  };
  for (const Case& c : cases) {
    const std::string txt = std::string("User-agent: *\nCrawl-delay: ") + c.value + "\n";
    EXPECT_EQ(RobotsRules::Parse(txt, "H").crawl_delay_ms(), c.ms) << c.value;
  }
}

TEST(RobotsTest, CrawlDelayComesFromTheChosenGroup) {
  const char* txt =
      "User-agent: *\nCrawl-delay: 30\n\n"
      "User-agent: harrier\nCrawl-delay: 2\nDisallow: /x\n\n"
      "User-agent: harrier\nCrawl-delay: 3\n";
  EXPECT_EQ(RobotsRules::Parse(txt, "Harrier").crawl_delay_ms(), 3000);  // merged: the larger
  EXPECT_EQ(RobotsRules::Parse(txt, "Other").crawl_delay_ms(), 30000);
  EXPECT_EQ(RobotsRules::Parse("Crawl-delay: 5\n", "H").crawl_delay_ms(), std::nullopt);
}

TEST(RobotsTest, SitemapLinesAreKeptFromAnywhere) {
  const char* txt =
      "Sitemap: https://example.org/first.xml\n"
      "User-agent: other\n"
      "Sitemap: https://example.org/in-other-group.xml\n"
      "Disallow: /\n"
      "sitemap:https://example.org/first.xml\n"  // duplicate
      "SITEMAP: http://cdn.example.net/last.xml.gz # comment\n";
  const std::vector<std::string> expected = {"https://example.org/first.xml",
                                             "https://example.org/in-other-group.xml",
                                             "http://cdn.example.net/last.xml.gz"};
  EXPECT_EQ(RobotsRules::Parse(txt, "Harrier").sitemaps(), expected);
  EXPECT_EQ(RobotsRules::Parse(txt, "other").sitemaps(), expected);
}

TEST(RobotsTest, RobotsTxtItselfIsAlwaysAllowed) {
  RobotsRules rules = RobotsRules::Parse("User-agent: *\nDisallow: /\n", "H");
  EXPECT_FALSE(rules.Allowed("/"));
  EXPECT_TRUE(rules.Allowed("/robots.txt"));
  EXPECT_TRUE(rules.Allowed("/robots.txt?x=1"));
  EXPECT_FALSE(rules.Allowed("/robots.txt.bak"));
  EXPECT_TRUE(RobotsRules::DisallowAll().Allowed("/robots.txt"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/"));
  EXPECT_TRUE(RobotsRules::AllowAll().Allowed("/anything"));
}

TEST(RobotsTest, EmptyPathMeansRoot) {
  RobotsRules rules = RobotsRules::Parse("User-agent: *\nDisallow: /$\n", "H");
  EXPECT_FALSE(rules.Allowed(""));
  EXPECT_TRUE(rules.Allowed("/x"));
}

TEST(RobotsTest, ParsingStopsAtMaxBytesWithoutAHalfLine) {
  std::string txt = "User-agent: *\nDisallow: /public\nDisallow: /late\n";
  // Cut inside "/late": the partial line must not become "Disallow: /la".
  const size_t cut = txt.find("/late") + 3;
  RobotsRules rules = RobotsRules::Parse(txt, "H", cut);
  ExpectPaths(rules, {{"/public", false}, {"/late", true}, {"/lab", true}}, "cut");
  // The same for an allow that would widen if cut: "Allow: /public/x" → "/p".
  std::string allow = "User-agent: *\nDisallow: /\nAllow: /public/x\n";
  RobotsRules cut_allow = RobotsRules::Parse(allow, "H", allow.find("/public/x") + 2);
  EXPECT_FALSE(cut_allow.Allowed("/private"));
  // The default limit is the RFC's minimum of 500 KiB or more.
  EXPECT_GE(RobotsRules::kDefaultMaxBytes, size_t{500} * 1024);
  std::string big = "User-agent: *\n" + std::string(600 * 1024, '#') + "\nDisallow: /\n";
  EXPECT_TRUE(RobotsRules::Parse(big, "H").Allowed("/"));
}

TEST(RobotsTest, DecidingRuleNamesTheWinningLine) {
  RobotsRules rules =
      RobotsRules::Parse("User-agent: *\nDisallow: /private\nAllow: /private/ok\n", "H");
  EXPECT_EQ(rules.DecidingRule("/private/x"), "disallow: /private");
  EXPECT_EQ(rules.DecidingRule("/private/ok"), "allow: /private/ok");
  EXPECT_EQ(rules.DecidingRule("/public"), "");
}

TEST(RobotsTest, HostilePatternOfManyStarsIsMatchedQuickly) {
  std::string pattern = "/";
  for (int i = 0; i < 100000; ++i) pattern += "a*";
  pattern += "b$";
  const std::string path = "/" + std::string(4000, 'a');
  RobotsRules rules = RobotsRules::Parse("User-agent: *\nDisallow: " + pattern + "\n", "H");
  EXPECT_TRUE(rules.Allowed(path));
}

TEST(RobotsTest, ProductTokenIsTheFirstToken) {
  EXPECT_EQ(ProductToken("Harrier/0.1 (OSINT; +https://example.org)"), "Harrier");
  EXPECT_EQ(ProductToken("  my_crawler-x/2"), "my_crawler-x");
  EXPECT_EQ(ProductToken("Mozilla/5.0 (compatible; Harrier)"), "Mozilla");
  EXPECT_EQ(ProductToken("/0.1"), "");
}

TEST(RobotsTest, OriginOfKeysBySchemeHostAndPort) {
  struct Case {
    const char* url;
    const char* origin;
  } cases[] = {
      {"https://Example.com:443/a?b", "https://example.com"},
      {"http://EXAMPLE.com:80", "http://example.com"},
      {"http://example.com:8080/x", "http://example.com:8080"},
      {"https://example.com:80/x", "https://example.com:80"},
      {"HTTPS://user:pw@example.com/x#f", "https://example.com"},
      {"http://[::1]:8080/x", "http://[::1]:8080"},
      {"http://127.0.0.1:41234/robots.txt", "http://127.0.0.1:41234"},
      {"ftp://example.com/x", ""},
      {"file:///etc/passwd", ""},
      {"/relative/path", ""},
      {"not a url", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(OriginOf(c.url), c.origin) << c.url;
  EXPECT_EQ(RobotsUrlFor("https://Example.com:443/a/b?c"), "https://example.com/robots.txt");
  EXPECT_EQ(RobotsUrlFor("http://x.org:8080"), "http://x.org:8080/robots.txt");
  EXPECT_EQ(RobotsUrlFor("mailto:a@b.c"), "");
}

// ---- RobotsCache. ----

constexpr int64_t kTtl = 24 * 3600 * 1000;
constexpr int64_t kRetry = 10 * 60 * 1000;
using Verdict = RobotsCache::Verdict;

TEST(RobotsCacheTest, AsksForOneFetchThenSaysPendingUntilRecorded) {
  RobotsCache cache("Harrier", kTtl, kRetry);
  EXPECT_EQ(cache.Check("https://a.example/x", 0), Verdict::kNeedFetch);
  EXPECT_EQ(cache.Check("https://a.example/y", 1), Verdict::kPending);
  EXPECT_EQ(cache.Check("https://A.example:443/z", 2), Verdict::kPending);
  EXPECT_EQ(cache.Explain("https://a.example/x"), "robots.txt not fetched yet");
  cache.Record("https://a.example", 200, "User-agent: *\nDisallow: /y\n", 3);
  EXPECT_EQ(cache.Check("https://a.example/x", 4), Verdict::kAllowed);
  EXPECT_EQ(cache.Check("https://a.example/y", 4), Verdict::kDisallowed);
  EXPECT_EQ(cache.Explain("https://a.example/y"), "robots.txt disallow: /y");
}

TEST(RobotsCacheTest, UsesTheProductTokenForGroups) {
  RobotsCache cache("Harrier", kTtl, kRetry);
  ASSERT_EQ(cache.Check("http://a.example/", 0), Verdict::kNeedFetch);
  cache.Record("http://a.example", 200,
               "User-agent: *\nDisallow: /\nUser-agent: harrier\nDisallow: /mine\nCrawl-delay: 4\n"
               "Sitemap: http://a.example/s.xml\n",
               0);
  EXPECT_EQ(cache.Check("http://a.example/other", 1), Verdict::kAllowed);
  EXPECT_EQ(cache.Check("http://a.example/mine", 1), Verdict::kDisallowed);
  EXPECT_EQ(cache.CrawlDelayMs("http://a.example/page"), 4000);
  EXPECT_EQ(cache.Sitemaps("http://a.example/"),
            std::vector<std::string>{"http://a.example/s.xml"});
  EXPECT_EQ(cache.CrawlDelayMs("http://b.example/"), std::nullopt);
  EXPECT_TRUE(cache.Sitemaps("http://b.example/").empty());
}

TEST(RobotsCacheTest, StatusDecidesAvailability) {
  struct Case {
    int status;
    Verdict verdict;
    const char* explain;  // for a disallowed page
  } cases[] = {
      {200, Verdict::kDisallowed, "robots.txt disallow: /"},
      {204, Verdict::kDisallowed, "robots.txt disallow: /"},
      {404, Verdict::kAllowed, ""},
      {410, Verdict::kAllowed, ""},
      {401, Verdict::kAllowed, ""},
      {403, Verdict::kAllowed, ""},
      {310, Verdict::kAllowed, ""},  // redirects beyond the fetcher's limit
      {429, Verdict::kDisallowed, "robots.txt answered 429; disallowed until it recovers"},
      {500, Verdict::kDisallowed, "robots.txt answered 500; disallowed until it recovers"},
      {503, Verdict::kDisallowed, "robots.txt answered 503; disallowed until it recovers"},
      {0, Verdict::kDisallowed, "robots.txt unreachable; disallowed until it recovers"},
      {100, Verdict::kDisallowed, "robots.txt answered 100; disallowed until it recovers"},
  };
  for (const Case& c : cases) {
    RobotsCache cache("Harrier", kTtl, kRetry);
    ASSERT_EQ(cache.Check("https://s.example/page", 0), Verdict::kNeedFetch);
    // The body only counts for 2xx: an error page's text is not rules.
    cache.Record("https://s.example", c.status, "User-agent: *\nDisallow: /\n", 0);
    EXPECT_EQ(cache.Check("https://s.example/page", 1), c.verdict) << c.status;
    if (c.verdict == Verdict::kDisallowed) {
      EXPECT_EQ(cache.Explain("https://s.example/page"), c.explain) << c.status;
    }
  }
}

TEST(RobotsCacheTest, ErrorStateIsRetriedAfterTheRetryInterval) {
  RobotsCache cache("Harrier", kTtl, kRetry);
  ASSERT_EQ(cache.Check("https://s.example/", 0), Verdict::kNeedFetch);
  cache.Record("https://s.example", 500, "", 1000);
  EXPECT_EQ(cache.Check("https://s.example/", 1000 + kRetry - 1), Verdict::kDisallowed);
  EXPECT_EQ(cache.Check("https://s.example/", 1000 + kRetry), Verdict::kNeedFetch);
  EXPECT_EQ(cache.Check("https://s.example/", 1000 + kRetry), Verdict::kPending);
  cache.Record("https://s.example", 200, "User-agent: *\nDisallow: /no\n", 1000 + kRetry);
  EXPECT_EQ(cache.Check("https://s.example/", 1000 + kRetry + 1), Verdict::kAllowed);
  EXPECT_EQ(cache.Check("https://s.example/no", 1000 + kRetry + 1), Verdict::kDisallowed);
}

TEST(RobotsCacheTest, RulesExpireAfterTheTtl) {
  RobotsCache cache("Harrier", kTtl, kRetry);
  ASSERT_EQ(cache.Check("https://s.example/", 0), Verdict::kNeedFetch);
  cache.Record("https://s.example", 404, "", 0);
  EXPECT_EQ(cache.Check("https://s.example/", kTtl - 1), Verdict::kAllowed);
  EXPECT_EQ(cache.Check("https://s.example/", kTtl), Verdict::kNeedFetch);
  EXPECT_EQ(cache.Check("https://s.example/", kTtl + 1), Verdict::kPending);
}

TEST(RobotsCacheTest, OriginsAreSeparateBySchemeAndPort) {
  RobotsCache cache("Harrier", kTtl, kRetry);
  for (const char* url :
       {"http://s.example/", "https://s.example/", "http://s.example:8080/", "http://t.example/"}) {
    EXPECT_EQ(cache.Check(url, 0), Verdict::kNeedFetch) << url;
  }
  cache.Record("https://s.example", 200, "User-agent: *\nDisallow: /\n", 0);
  cache.Record("http://s.example", 404, "", 0);
  // Record takes any URL of the origin, e.g. the robots.txt URL fetched.
  cache.Record("http://s.example:8080/robots.txt", 503, "", 0);
  EXPECT_EQ(cache.Check("https://s.example/a", 1), Verdict::kDisallowed);
  EXPECT_EQ(cache.Check("http://s.example:80/a", 1), Verdict::kAllowed);
  EXPECT_EQ(cache.Check("http://s.example:8080/a", 1), Verdict::kDisallowed);
  EXPECT_EQ(cache.Check("http://t.example/a", 1), Verdict::kPending);
}

TEST(RobotsCacheTest, RobotsTxtStaysFetchableEvenWhenDisallowed) {
  RobotsCache cache("Harrier", kTtl, kRetry);
  ASSERT_EQ(cache.Check("https://s.example/", 0), Verdict::kNeedFetch);
  cache.Record("https://s.example", 200, "User-agent: *\nDisallow: /\n", 0);
  EXPECT_EQ(cache.Check("https://s.example/robots.txt", 1), Verdict::kAllowed);
}

TEST(RobotsCacheTest, NonHttpUrlsAreDisallowed) {
  RobotsCache cache("Harrier", kTtl, kRetry);
  EXPECT_EQ(cache.Check("ftp://s.example/file", 0), Verdict::kDisallowed);
  EXPECT_EQ(cache.Explain("ftp://s.example/file"), "not an http(s) URL");
}

}  // namespace
}  // namespace harrier::scrapers
