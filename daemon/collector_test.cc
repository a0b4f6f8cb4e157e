#include "daemon/collector.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "daemon/collector_test_fixture.h"
#include "scrapers/fake_http_fetcher.h"
#include "tests/support/fixture_server.h"

namespace harrier::daemon {
namespace {

using namespace std::chrono_literals;
using testing::Advert;
using testing::CollectorTest;
using testing::kPng;
using testing::Listing;
using testing::MakeConfig;
using testing::Town;

TEST_F(CollectorTest, OnePassCollectsEveryAdvertSelectorAndImageOnce) {
  auto c = MakeCollector();
  RunPass(*c);
  auto summary = store_->GetSummary();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->documents, 3);
  EXPECT_EQ(summary->images, 2);  // a.png used twice, stored once
  std::map<std::string, int64_t> kinds;
  for (const auto& k : summary->selectors_by_kind) kinds[k.kind] = k.count;
  EXPECT_EQ(kinds["phone"], 2);
  EXPECT_EQ(kinds["email"], 1);
  EXPECT_EQ(kinds["postcode"], 1);
  // Every URL fetched exactly once; advert 2 is linked twice.
  for (const char* url : {"http://site.test/", "http://site.test/town/york/",
                          "http://site.test/advert/2.html", "http://site.test/img/a.png"}) {
    EXPECT_EQ(fetcher_.CountRequests(url), 1) << url;
  }
  auto shared = store_->FindDocumentsBySelector(SelectorKind::kPhone, "+447700900123");
  ASSERT_TRUE(shared.ok());
  EXPECT_EQ(shared->size(), 2u);
}

TEST_F(CollectorTest, RequestsCarryTheSourcesAllowListAndUserAgent) {
  cfg_.sources[0].allow_addresses = {"127.0.0.1"};
  cfg_.sources[0].user_agent = "HarrierTest/1";
  auto c = MakeCollector();
  RunPass(*c);
  for (const auto& r : fetcher_.requests()) {
    EXPECT_EQ(r.allow_addresses, std::vector<std::string>{"127.0.0.1"});
    EXPECT_EQ(r.user_agent, "HarrierTest/1");
  }
}

TEST_F(CollectorTest, ServerErrorIsRetriedUpToMaxAttemptsThenFailed) {
  fetcher_.SetPage("http://site.test/advert/3.html", "busy", "text/html", 503);
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/3.html"), 3);
  EXPECT_EQ(store_->GetSummary()->documents, 2);
}

TEST_F(CollectorTest, NotFoundAndTransportRefusalAreNotRetried) {
  fetcher_.SetPage("http://site.test/advert/3.html", "gone", "text/html", 404);
  fetcher_.SetError("http://site.test/img/b.png", Status::Rejected("blocked:ssrf 10.0.0.1"));
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/3.html"), 1);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/img/b.png"), 1);
}

TEST_F(CollectorTest, RequestBudgetEndsTheRunAndSaysWhy) {
  cfg_.sources[0].max_requests_per_run = 2;
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.requests().size(), 2u);
  auto sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  EXPECT_NE((*sources)[0].last_error.find("request budget of 2"), std::string::npos);
}

TEST_F(CollectorTest, NextRunWaitsForScheduleThenSeesChangedAdvertAsNewVersion) {
  auto c = MakeCollector();
  RunPass(*c);
  clock_.Advance(std::chrono::minutes(59));
  ASSERT_TRUE(c->Step(1ms).ok());
  EXPECT_FALSE(c->HasOpenRuns());  // not due yet
  EXPECT_EQ(c->MillisUntilNextDue(), 60 * 1000);
  fetcher_.SetPage("http://site.test/advert/1.html",
                   Advert("One", "New number 07700 900777", "/img/a.png"));
  clock_.Advance(std::chrono::minutes(1));
  RunPass(*c);
  EXPECT_EQ(c->stats().runs_finished, 2);
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  for (const auto& d : *docs) {
    EXPECT_EQ(d.version, d.url.find("/advert/1.html") != std::string::npos ? 2 : 1) << d.url;
    // Seen in both passes (RunPass moves the clock a little per step).
    EXPECT_GE(d.last_seen_ms - d.first_seen_ms, 3600000) << d.url;
    EXPECT_LT(d.last_seen_ms - d.first_seen_ms, 3600000 + 10000) << d.url;
  }
  // Images are immutable per URL: not fetched again.
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/img/a.png"), 1);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/1.html"), 2);
}

TEST_F(CollectorTest, LinksBeyondMaxDepthAreNotFollowed) {
  cfg_.sources[0].max_depth = 1;  // start page (0) -> town page (1), no further
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/town/york/"), 1);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/3.html"), 0);
  EXPECT_EQ(store_->GetSummary()->documents, 2);
}

TEST_F(CollectorTest, AuditLogRecordsRunsAndCollectedDocuments) {
  auto c = MakeCollector();
  RunPass(*c);
  auto rows = store_->ListAudit(100);
  ASSERT_TRUE(rows.ok());
  int started = 0, finished = 0, documents = 0;
  for (const auto& r : *rows) {
    EXPECT_EQ(r.actor, "harrierd");
    if (r.action == "collection.run_started") {
      ++started;
      EXPECT_EQ(nlohmann::json::parse(r.detail)["authorisation_ref"], "OP-TEST-1");
    }
    finished += r.action == "collection.run_finished";
    documents += r.action == "collection.document";
  }
  EXPECT_EQ(started, 1);
  EXPECT_EQ(finished, 1);
  EXPECT_EQ(documents, 3);
  EXPECT_EQ(*store_->VerifyAuditChain(), 0);
}

TEST_F(CollectorTest, BadXPathInProfileRefusesToStartNamingFileAndKey) {
  cfg_.sources[0].title_xpath = "//h1[";
  cfg_.sources[0].key_lines["advert.title"] = 17;
  Collector c(cfg_, *store_, fetcher_, clock_, *blobs_, *warc_);
  Status st = c.Init();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("test-site.toml:17: advert.title"), std::string::npos)
      << st.message();
}

// ---- Gates: authorisation, robots.txt, Retry-After, budget (issue 3) -------

int CountAudit(store::Store& store, const std::string& action) {
  int n = 0;
  Result<std::vector<store::AuditRow>> rows = store.ListAudit(1000);
  EXPECT_TRUE(rows.ok());
  for (const store::AuditRow& r : *rows) n += r.action == action;
  return n;
}

// A second, independent source on another host, to show the daemon carries on.
config::SiteProfile OtherSite(const config::SiteProfile& model) {
  config::SiteProfile p = model;
  p.name = "other-site";
  p.file = "other-site.toml";
  p.start_urls = {"http://other.test/"};
  return p;
}

int RequestsToHost(const scrapers::FakeHttpFetcher& f, const std::string& prefix) {
  int n = 0;
  for (const auto& r : f.requests()) n += r.url.starts_with(prefix);
  return n;
}

TEST_F(CollectorTest, ExpiredAuthorisationSendsNoRequestAndOtherSourcesCarryOn) {
  cfg_.sources.push_back(OtherSite(cfg_.sources[0]));
  fetcher_.SetPage("http://other.test/", Listing());
  cfg_.sources[0].authorisation.expires = "2025-12-31";
  cfg_.sources[0].authorisation.expires_ms = 1767225600000;  // 2026-01-01: the clock's now
  auto c = MakeCollector();
  c->MakeAllDueNow();
  RunPass(*c);
  EXPECT_EQ(RequestsToHost(fetcher_, "http://site.test/"), 0);
  EXPECT_GT(RequestsToHost(fetcher_, "http://other.test/"), 0);
  EXPECT_TRUE(c->FirstPassDone());
  auto sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  for (const store::SourceRow& s : *sources) {
    if (s.name == "test-site") {
      EXPECT_NE(s.state.find("refused: authorisation OP-TEST-1 expired at the end of 2025-12-31"),
                std::string::npos)
          << s.state;
      EXPECT_FALSE(s.last_run_started_ms.has_value());
    } else {
      EXPECT_EQ(s.state, "");
      EXPECT_TRUE(s.last_run_finished_ms.has_value());
    }
  }
  EXPECT_EQ(CountAudit(*store_, "collection.refused"), 1);
}

TEST_F(CollectorTest, MissingOrNotYetStartedAuthorisationSendsNoRequest) {
  for (int variant = 0; variant < 2; ++variant) {
    SCOPED_TRACE(variant);
    config::Authorisation& a = cfg_.sources[0].authorisation;
    a = MakeConfig().sources[0].authorisation;
    if (variant == 0) {
      a = config::Authorisation();
    } else {
      a.starts = "2026-02-01";
      a.starts_ms = 1769904000000;
    }
    auto c = MakeCollector();
    RunPass(*c);
    EXPECT_TRUE(fetcher_.requests().empty());
    auto sources = store_->ListSources();
    ASSERT_TRUE(sources.ok());
    EXPECT_NE(
        sources->front().state.find(variant == 0 ? "no authorisation" : "starts on 2026-02-01"),
        std::string::npos)
        << sources->front().state;
  }
}

TEST_F(CollectorTest, AuthorisationLapsingMidRunStopsSending) {
  // Expires during the pass: the clock moves 100 ms per step in RunPass.
  cfg_.sources[0].authorisation.expires_ms = ToUnixMillis(clock_.WallNow()) + 150;
  fetcher_.SetPage("http://site.test/robots.txt", "User-agent: *\nAllow: /\n", "text/plain");
  cfg_.daemon.max_in_flight = 1;
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_LT(fetcher_.requests().size(), 4u);
  auto sources = store_->ListSources();
  EXPECT_NE(sources->front().last_error.find("stopped: authorisation OP-TEST-1 expired"),
            std::string::npos)
      << sources->front().last_error;
}

TEST_F(CollectorTest, RobotsDisallowedUrlsAreNotFetchedAndAreRecordedWithTheRule) {
  fetcher_.SetPage("http://site.test/robots.txt",
                   "User-agent: *\nDisallow: /advert/2\n\nUser-agent: OtherBot\nDisallow: /\n",
                   "text/plain");
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/robots.txt"), 1);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/2.html"), 0);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/1.html"), 1);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/3.html"), 1);
  auto errors = store_->RecentErrors(10);
  ASSERT_TRUE(errors.ok());
  bool recorded = false;
  for (const auto& e : *errors) {
    recorded |= e.url == "http://site.test/advert/2.html" &&
                e.error.find("blocked:robots") != std::string::npos &&
                e.error.find("/advert/2") != std::string::npos;
  }
  EXPECT_TRUE(recorded);
  EXPECT_EQ(c->stats().totals.blocked_robots, 1);
}

TEST_F(CollectorTest, RobotsAnswering500BlocksTheSiteWhileOtherSourcesCarryOn) {
  cfg_.sources.push_back(OtherSite(cfg_.sources[0]));
  fetcher_.SetPage("http://other.test/", Listing());
  fetcher_.SetPage("http://site.test/robots.txt", "oops", "text/plain", 500);
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(RequestsToHost(fetcher_, "http://site.test/"), 1);  // robots.txt only
  EXPECT_EQ(fetcher_.CountRequests("http://other.test/"), 1);
  EXPECT_EQ(c->stats().runs_finished, 2);
}

TEST_F(CollectorTest, RobotsOverrideNeedsNoRobotsFetchAndIsAudited) {
  fetcher_.SetPage("http://site.test/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain");
  cfg_.sources[0].obey_robots = false;
  cfg_.sources[0].robots_override_authorisation = "ROBOTS-OVR-7";
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/robots.txt"), 0);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/1.html"), 1);
  ASSERT_EQ(CountAudit(*store_, "collection.robots_override"), 1);
  Result<std::vector<store::AuditRow>> rows = store_->ListAudit(100);
  ASSERT_TRUE(rows.ok());
  for (const store::AuditRow& r : *rows) {
    if (r.action != "collection.robots_override") continue;
    EXPECT_EQ(nlohmann::json::parse(r.detail)["override_authorisation"], "ROBOTS-OVR-7");
  }
}

TEST_F(CollectorTest, CrawlDelayFromRobotsRaisesTheHostDelay) {
  fetcher_.SetPage("http://site.test/robots.txt", "User-agent: *\nCrawl-delay: 3\n", "text/plain");
  cfg_.sources[0].per_host_delay_ms = 500;
  auto c = MakeCollector();
  RunPass(*c);
  bool checked = false;
  for (const auto& r : fetcher_.requests()) {
    if (r.url.ends_with("robots.txt")) continue;
    EXPECT_EQ(r.host_delay_ms, 3000) << r.url;
    checked = true;
  }
  EXPECT_TRUE(checked);
}

TEST_F(CollectorTest, TlsOverrideIsSentOnlyForItsSourceAndIsAudited) {
  cfg_.sources.push_back(OtherSite(cfg_.sources[0]));
  fetcher_.SetPage("http://other.test/", Listing());
  cfg_.sources[0].tls_verify = false;
  cfg_.sources[0].tls_override_authorisation = "TLS-OVR-3";
  auto c = MakeCollector();
  RunPass(*c);
  for (const auto& r : fetcher_.requests()) {
    EXPECT_EQ(r.tls_verify, r.url.starts_with("http://other.test/")) << r.url;
  }
  ASSERT_EQ(CountAudit(*store_, "collection.tls_override"), 1);
  Result<std::vector<store::AuditRow>> rows = store_->ListAudit(100);
  ASSERT_TRUE(rows.ok());
  for (const store::AuditRow& r : *rows) {
    if (r.action != "collection.tls_override") continue;
    EXPECT_EQ(r.object, "source:test-site");
    EXPECT_EQ(nlohmann::json::parse(r.detail)["override_authorisation"], "TLS-OVR-3");
  }
}

TEST_F(CollectorTest, RetryAfterPausesTheWholeHostUntilItEnds) {
  fetcher_.SetResponse("http://site.test/advert/1.html", 429, "slow down", {{"retry-after", "30"}});
  // Another source on another host is not held up by this host's pause.
  cfg_.sources.push_back(OtherSite(cfg_.sources[0]));
  fetcher_.SetPage("http://other.test/", Listing());
  cfg_.daemon.max_in_flight = 1;
  auto c = MakeCollector();
  const SteadyTime start = clock_.SteadyNow();
  // Step until the 429 is committed, then check nothing goes to the host
  // before 30 s of (fake) time have passed.
  for (int i = 0; i < 200 && fetcher_.CountRequests("http://site.test/advert/1.html") == 0; ++i) {
    ASSERT_TRUE(c->Step(20ms).ok());
  }
  ASSERT_EQ(fetcher_.CountRequests("http://site.test/advert/1.html"), 1);
  ASSERT_TRUE(c->Step(50ms).ok());  // commits the 429
  const int sent = RequestsToHost(fetcher_, "http://site.test/");
  for (int i = 0; i < 20; ++i) {
    clock_.Advance(1s);
    ASSERT_TRUE(c->Step(20ms).ok());
  }
  EXPECT_EQ(RequestsToHost(fetcher_, "http://site.test/"), sent)
      << "a request went to the paused host";
  EXPECT_EQ(fetcher_.CountRequests("http://other.test/advert/2.html"), 1)
      << "the other source finished during the pause";
  fetcher_.SetPage("http://site.test/advert/1.html", Advert("One", "back", "/img/a.png"));
  clock_.Advance(11s);
  RunPass(*c);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/1.html"), 2);
  EXPECT_GE(clock_.SteadyNow() - start, 30s);
}

TEST_F(CollectorTest, TransientFailureIsRetriedAfterABackoffNotAtOnce) {
  fetcher_.SetPage("http://site.test/advert/1.html", "busy", "text/html", 503);
  cfg_.fetch.backoff_base_ms = 10'000;
  auto c = MakeCollector();
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(c->Step(20ms).ok());  // no clock movement
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/1.html"), 1);
  RunPass(*c);  // the clock moves: retries happen, then it fails for good
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/1.html"), 3);
}

TEST_F(CollectorTest, RequestBudgetHoldsAcrossARestart) {
  cfg_.sources[0].max_requests_per_run = 4;
  cfg_.daemon.max_in_flight = 1;
  {
    auto c = MakeCollector();
    for (int i = 0; i < 200 && fetcher_.requests().size() < 2; ++i) {
      ASSERT_TRUE(c->Step(20ms).ok());
    }
    ASSERT_TRUE(c->Drain(1s).ok());
  }
  EXPECT_EQ(*store_->RunRequests(1), static_cast<int64_t>(fetcher_.requests().size()));
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.requests().size(), 4u);  // robots.txt counts: every request does
  auto sources = store_->ListSources();
  EXPECT_NE(sources->front().last_error.find("request budget of 4 spent"), std::string::npos)
      << sources->front().last_error;
}

TEST_F(CollectorTest, SecondRunAsksConditionallyAndA304CountsAsSeen) {
  fetcher_.SetResponse("http://site.test/advert/1.html", 200,
                       Advert("One", "Call 07700 900123", "/img/a.png"), {{"etag", "\"a1\""}});
  auto c = MakeCollector();
  RunPass(*c);
  fetcher_.SetResponse("http://site.test/advert/1.html", 304, "", {{"etag", "\"a1\""}});
  clock_.Advance(2h);
  RunPass(*c);
  bool conditional = false;
  for (const auto& r : fetcher_.requests()) {
    if (r.url != "http://site.test/advert/1.html") continue;
    for (const auto& [name, value] : r.headers) {
      conditional |= name == "If-None-Match" && value == "\"a1\"";
    }
  }
  EXPECT_TRUE(conditional);
  EXPECT_EQ(c->stats().runs_finished, 2);
  EXPECT_EQ(c->stats().totals.adverts_removed, 0);  // the 304 advert was seen
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  for (const auto& d : *docs) {
    EXPECT_EQ(d.version, 1) << d.url;
    EXPECT_FALSE(d.removed_ms.has_value()) << d.url;
  }
}

TEST_F(CollectorTest, AdvertsGoneOr410AreMarkedRemovedWithTheTime) {
  auto c = MakeCollector();
  RunPass(*c);
  // Next run: advert 3 is no longer listed, advert 1 answers 410.
  fetcher_.SetPage(
      "http://site.test/town/york/",
      R"(<html><body><a class="advert-link" href="/advert/2.html">Two</a></body></html>)");
  fetcher_.SetPage("http://site.test/advert/1.html", "gone", "text/html", 410);
  clock_.Advance(2h);
  RunPass(*c);
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  std::map<std::string, std::string> reason;
  for (const auto& d : *docs) {
    if (d.removed_ms) reason[d.url] = d.removed_reason;
  }
  ASSERT_EQ(reason.size(), 2u);
  EXPECT_EQ(reason["http://site.test/advert/1.html"], "http status 410");
  EXPECT_NE(reason["http://site.test/advert/3.html"].find("not listed in run"), std::string::npos);
  EXPECT_EQ(CountAudit(*store_, "collection.advert_removed"), 2);
}

TEST_F(CollectorTest, SitemapSeedsAdvertsNoListingLinksTo) {
  cfg_.sources[0].use_sitemaps = true;
  fetcher_.SetPage("http://site.test/robots.txt",
                   "User-agent: *\nAllow: /\nSitemap: http://site.test/extra-sitemap.xml\n",
                   "text/plain");
  fetcher_.SetPage(
      "http://site.test/sitemap.xml",
      R"(<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                   <url><loc>http://site.test/advert/9.html</loc></url>
                   <url><loc>http://elsewhere.test/advert/8.html</loc></url></urlset>)",
      "application/xml");
  fetcher_.SetPage("http://site.test/extra-sitemap.xml", "http://site.test/advert/7.html\n",
                   "text/plain");
  fetcher_.SetPage("http://site.test/advert/9.html",
                   Advert("Nine", "Call 07700 900999", "/img/a.png"));
  fetcher_.SetPage("http://site.test/advert/7.html",
                   Advert("Seven", "Call 07700 900777", "/img/a.png"));
  auto c = MakeCollector();
  RunPass(*c);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/9.html"), 1);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/advert/7.html"), 1);
  EXPECT_EQ(RequestsToHost(fetcher_, "http://elsewhere.test/"), 0);
  EXPECT_EQ(store_->ListDocuments()->size(), 5u);
}

TEST_F(CollectorTest, EveryCaptureRecordsItsEgressAndWarcSpan) {
  cfg_.sources[0].proxy = "socks5h://127.0.0.1:9050";
  auto c = MakeCollector();
  RunPass(*c);
  sqlite3* db = store_->RawHandleForTesting();
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT url, egress, warc_file, warc_length FROM capture", -1,
                               &q, nullptr),
            SQLITE_OK);
  int rows = 0;
  while (sqlite3_step(q) == SQLITE_ROW) {
    ++rows;
    const std::string url = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 1)),
                 "socks5h://127.0.0.1:9050")
        << url;
    EXPECT_NE(std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 2))), "") << url;
    EXPECT_GT(sqlite3_column_int64(q, 3), 0) << url;
  }
  sqlite3_finalize(q);
  EXPECT_GE(rows, 7);  // robots.txt, 2 listings, 3 adverts, 2 images
  for (const auto& r : fetcher_.requests()) EXPECT_EQ(r.proxy, "socks5h://127.0.0.1:9050");
}

}  // namespace
}  // namespace harrier::daemon
