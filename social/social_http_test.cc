// The social parsers behind the real fetcher against fixture servers on
// 127.0.0.1: a Telegram channel paged to its end, a channel without a public
// preview (a real redirect), Mastodon paging by Link header with rate-limit
// headers, 401/404/429; and the posts' text through the advert extractor, so
// that a phone in a post and in an advert is the same selector.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <future>
#include <set>

#include "config/options.h"
#include "extractors/text_extractor.h"
#include "scrapers/curl_fetcher.h"
#include "social/link_header.h"
#include "social/mastodon.h"
#include "social/mastodon_api.h"
#include "social/social_text.h"
#include "social/telegram.h"
#include "social/test_util.h"
#include "tests/support/fixture_server.h"

namespace harrier::social {
namespace {

using harrier::testing::FixtureServer;

scrapers::HttpResponse Fetch(scrapers::HttpFetcher& fetcher, const std::string& url) {
  scrapers::HttpRequest request;
  request.url = url;
  request.allow_addresses = {"127.0.0.1"};
  auto promise = std::make_shared<std::promise<scrapers::HttpResponse>>();
  std::future<scrapers::HttpResponse> future = promise->get_future();
  fetcher.Submit(std::move(request),
                 [promise](scrapers::HttpResponse r) { promise->set_value(std::move(r)); });
  return future.get();
}

config::FetchOptions Options() {
  config::FetchOptions o;
  o.connect_timeout_ms = 2000;
  o.total_timeout_ms = 20000;
  return o;
}

std::string Header(const scrapers::HeaderList& headers, const std::string& name) {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

class TelegramServer {
 public:
  TelegramServer() {
    EXPECT_TRUE(server_.Start());
    server_.SetHandler("/s/harbour_rooms_demo",
                       [this](const httplib::Request& req, httplib::Response& res) {
                         ++requests_;
                         const std::string before = req.get_param_value("before");
                         const char* fixture = before.empty()    ? "telegram_page1.html"
                                               : before == "201" ? "telegram_page2.html"
                                               : before == "198" ? "telegram_page3.html"
                                                                 : "telegram_empty.html";
                         res.set_content(ReadSocialFixture(fixture), "text/html; charset=utf-8");
                       });
    server_.SetHandler("/s/closed_demo", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/closed_demo");
    });
    server_.SetOverride("/closed_demo", "<html><div class=\"tgme_page_extra\">5 subscribers</div>");
  }
  std::string base() const { return server_.base_url(); }
  int requests() const { return requests_; }

 private:
  FixtureServer server_;
  std::atomic<int> requests_{0};
};

TEST(SocialHttpTest, TelegramChannelIsCollectedCompletelyAndOnce) {
  TelegramServer server;
  scrapers::CurlFetcher fetcher(Options());
  TelegramPager pager("harbour_rooms_demo", server.base());
  std::vector<Post> posts;
  while (!pager.done() && server.requests() < 10) {
    const std::string url = pager.NextUrl();
    const scrapers::HttpResponse r = Fetch(fetcher, url);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    ASSERT_EQ(r.http_status, 200);
    ASSERT_FALSE(TelegramPreviewUnavailable(url, r.final_url));
    Result<TelegramPage> page = ParseTelegramPage(r.body, r.final_url);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (Post& p : pager.Accept(*page)) posts.push_back(std::move(p));
  }
  EXPECT_EQ(server.requests(), 3);
  std::set<std::string> urls;
  for (const Post& p : posts) urls.insert(p.url);
  EXPECT_EQ(posts.size(), 8u);
  EXPECT_EQ(urls.size(), posts.size());  // once each
  EXPECT_TRUE(urls.count("https://t.me/harbour_rooms_demo/197"));
}

TEST(SocialHttpTest, TelegramRedirectOutOfPreviewIsReportedNotRetried) {
  TelegramServer server;
  scrapers::CurlFetcher fetcher(Options());
  TelegramPager pager("closed_demo", server.base());
  const std::string url = pager.NextUrl();
  const scrapers::HttpResponse r = Fetch(fetcher, url);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.final_url, server.base() + "/closed_demo");
  ASSERT_TRUE(TelegramPreviewUnavailable(url, r.final_url));
  pager.Stop();
  EXPECT_TRUE(pager.done());
}

class MastodonServer {
 public:
  MastodonServer() {
    EXPECT_TRUE(server_.Start());
    server_.SetHandler(
        "/api/v1/accounts/lookup", [](const httplib::Request& req, httplib::Response& res) {
          if (req.get_param_value("acct") == "harbourrooms") {
            res.set_content(ReadSocialFixture("mastodon_account.json"), "application/json");
          } else {
            res.status = 404;
            res.set_content(ReadSocialFixture("mastodon_404.json"), "application/json");
          }
        });
    server_.SetHandler("/api/v1/accounts/10987/statuses", [this](const httplib::Request& req,
                                                                 httplib::Response& res) {
      const int n = ++requests_;
      res.set_header("X-RateLimit-Limit", "300");
      res.set_header("X-RateLimit-Remaining", std::to_string(300 - n));
      res.set_header("X-RateLimit-Reset", "2024-05-02T08:20:00.000Z");
      const std::string self = base() + "/api/v1/accounts/10987/statuses";
      if (req.get_param_value("max_id").empty()) {
        res.set_header("Link", "<" + self +
                                   "?limit=40&max_id=112233445566778890>; rel=\"next\", <" + self +
                                   "?limit=40&min_id=112233445566778899>; rel=\"prev\"");
        res.set_content(ReadSocialFixture("mastodon_statuses_page1.json"), "application/json");
      } else {
        res.set_header("Link", "<" + self + "?min_id=112233445566770001>; rel=\"prev\"");
        res.set_content(ReadSocialFixture("mastodon_statuses_page2.json"), "application/json");
      }
    });
    server_.SetHandler(
        "/api/v1/timelines/tag/rooms", [](const httplib::Request&, httplib::Response& res) {
          res.status = 401;
          res.set_content(ReadSocialFixture("mastodon_401.json"), "application/json");
        });
    server_.SetHandler(
        "/api/v1/timelines/tag/busy", [](const httplib::Request&, httplib::Response& res) {
          res.status = 429;
          res.set_header("X-RateLimit-Limit", "300");
          res.set_header("X-RateLimit-Remaining", "0");
          res.set_header("X-RateLimit-Reset", "2024-05-02T08:20:00.000Z");
          res.set_content(ReadSocialFixture("mastodon_429.json"), "application/json");
        });
  }
  std::string base() const { return server_.base_url(); }
  int requests() const { return requests_; }

 private:
  FixtureServer server_;
  std::atomic<int> requests_{0};
};

TEST(SocialHttpTest, MastodonAccountAndStatusesPageByLinkHeader) {
  MastodonServer server;
  scrapers::CurlFetcher fetcher(Options());
  const scrapers::HttpResponse lookup =
      Fetch(fetcher, *MastodonLookupUrl(server.base(), "harbourrooms"));
  ASSERT_EQ(ClassifyMastodonResponse(lookup.http_status, lookup.body).outcome,
            MastodonOutcome::kOk);
  Result<MastodonAccount> account = ParseMastodonAccount(lookup.body);
  ASSERT_TRUE(account.ok()) << account.status().ToString();

  std::optional<std::string> url = *MastodonStatusesUrl(server.base(), account->id);
  std::vector<std::string> ids;
  const WallTime now = *ParseIso8601("2024-05-02T08:15:00Z");
  while (url && server.requests() < 5) {
    const scrapers::HttpResponse r = Fetch(fetcher, *url);
    ASSERT_EQ(ClassifyMastodonResponse(r.http_status, r.body).outcome, MastodonOutcome::kOk);
    EXPECT_EQ(MastodonRateLimit(r.headers, r.http_status, now).wait, std::chrono::seconds(0));
    Result<std::vector<Post>> posts = ParseMastodonStatuses(r.body);
    ASSERT_TRUE(posts.ok()) << posts.status().ToString();
    for (const Post& p : *posts) ids.push_back(p.id);
    url = ParseLinkHeader(Header(r.headers, "link"), *url).next;
  }
  EXPECT_EQ(server.requests(), 2);
  EXPECT_EQ(ids.size(), 4u);
}

TEST(SocialHttpTest, MastodonErrorsAreStatesAndWaits) {
  MastodonServer server;
  scrapers::CurlFetcher fetcher(Options());
  const scrapers::HttpResponse auth =
      Fetch(fetcher, *MastodonTagTimelineUrl(server.base(), "#rooms"));
  const MastodonResponse a = ClassifyMastodonResponse(auth.http_status, auth.body);
  EXPECT_EQ(a.outcome, MastodonOutcome::kAuthRequired);
  EXPECT_TRUE(a.permanent);

  const scrapers::HttpResponse missing =
      Fetch(fetcher, *MastodonLookupUrl(server.base(), "nobody"));
  EXPECT_EQ(ClassifyMastodonResponse(missing.http_status, missing.body).outcome,
            MastodonOutcome::kNotFound);

  const scrapers::HttpResponse busy =
      Fetch(fetcher, *MastodonTagTimelineUrl(server.base(), "busy"));
  EXPECT_EQ(ClassifyMastodonResponse(busy.http_status, busy.body).outcome,
            MastodonOutcome::kRateLimited);
  const WallTime now = *ParseIso8601("2024-05-02T08:15:00Z");
  const MastodonRateLimitState s = MastodonRateLimit(busy.headers, busy.http_status, now);
  EXPECT_EQ(s.wait, std::chrono::minutes(5));  // until the reset timestamp
  FakeClock clock;
  MastodonLimiter limiter(clock);
  limiter.Pause(server.base(), s.wait);
  EXPECT_FALSE(limiter.TryAcquire(server.base(), false));
}

TEST(SocialHttpTest, PhoneInPostsAndInAnAdvertIsOneSelector) {
  const extractors::TextExtractor extractor;
  std::set<std::string> post_phones;
  auto add = [&](const Post& p) {
    for (const Selector& s : extractor.Extract(p.text)) {
      if (s.kind == SelectorKind::kPhone) post_phones.insert(s.value);
    }
  };
  Result<TelegramPage> telegram = ParseTelegramPage(ReadSocialFixture("telegram_page2.html"),
                                                    "https://t.me/s/harbour_rooms_demo");
  ASSERT_TRUE(telegram.ok());
  for (const Post& p : telegram->posts) add(p);
  Result<std::vector<Post>> mastodon =
      ParseMastodonStatuses(ReadSocialFixture("mastodon_statuses_page1.json"));
  ASSERT_TRUE(mastodon.ok());
  for (const Post& p : *mastodon) add(p);

  const std::vector<Selector> advert =
      extractor.Extract("Rooms near the station. Ring 07700900888, or text 07700 900413.");
  int shared = 0;
  for (const Selector& s : advert) {
    if (s.kind == SelectorKind::kPhone && post_phones.count(s.value)) ++shared;
  }
  EXPECT_EQ(shared, 2) << "post phones: " << post_phones.size();
}

}  // namespace
}  // namespace harrier::social
