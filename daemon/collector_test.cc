#include "daemon/collector.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scrapers/fake_http_fetcher.h"
#include "tests/support/fixture_server.h"

namespace harrier::daemon {
namespace {

using namespace std::chrono_literals;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "drawn-by-test";

std::string Listing() {
  return R"(<html><body><ul class="towns"><li><a href="/town/york/">York</a></li></ul>
    <a class="advert-link" href="/advert/1.html">One</a>
    <a class="advert-link" href="/advert/2.html">Two</a></body></html>)";
}

std::string Town() {
  return R"(<html><body><a class="advert-link" href="/advert/2.html">Two</a>
    <a class="advert-link" href="/advert/3.html">Three</a></body></html>)";
}

std::string Advert(const std::string& title, const std::string& body, const std::string& img) {
  return "<html><body><h1 class='advert-title'>" + title + "</h1><div class='advert-body'>" + body +
         "</div><span class='location'>York</span><div class='gallery'><img src='" + img +
         "'></div></body></html>";
}

config::HarrierConfig MakeConfig() {
  config::HarrierConfig cfg;
  cfg.daemon.parse_workers = 2;
  cfg.daemon.max_in_flight = 4;
  cfg.daemon.commit_batch = 3;
  cfg.fetch.max_attempts = 3;
  config::SiteProfile p;
  p.name = "test-site";
  p.file = "test-site.toml";
  p.authorisation_ref = "OP-TEST-1";
  p.start_urls = {"http://site.test/"};
  p.schedule_interval_s = 3600;
  p.listing_links_xpath = "//ul[@class='towns']//a/@href";
  p.advert_links_xpath = "//a[@class='advert-link']/@href";
  p.advert_url_pattern = "/advert/[0-9]+\\.html$";
  p.title_xpath = "//h1[@class='advert-title']";
  p.body_xpath = "//div[@class='advert-body']";
  p.location_xpath = "//span[@class='location']";
  p.images_xpath = "//div[@class='gallery']//img/@src";
  cfg.sources.push_back(p);
  return cfg;
}

class CollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::Store::Open({dir_.path() + "/h.db"});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    auto b = BlobStore::Open(dir_.path() + "/data");
    ASSERT_TRUE(b.ok());
    blobs_ = std::move(*b);
    fetcher_.SetPage("http://site.test/", Listing());
    fetcher_.SetPage("http://site.test/town/york/", Town());
    fetcher_.SetPage("http://site.test/advert/1.html",
                     Advert("One", "Call 07700 900123, email amy@example.com", "/img/a.png"));
    fetcher_.SetPage("http://site.test/advert/2.html",
                     Advert("Two", "Call 07700 900123 near YO1 7HH", "/img/b.png"));
    fetcher_.SetPage("http://site.test/advert/3.html",
                     Advert("Three", "Text 01632 960456", "/img/a.png"));
    fetcher_.SetPage("http://site.test/img/a.png", kPng, "image/png");
    fetcher_.SetPage("http://site.test/img/b.png", kPng + "b", "image/png");
  }

  std::unique_ptr<Collector> MakeCollector() {
    auto c = std::make_unique<Collector>(cfg_, *store_, fetcher_, clock_, *blobs_);
    Status st = c->Init();
    EXPECT_TRUE(st.ok()) << st.ToString();
    return c;
  }

  // Steps until no run is open; fails the test if that takes too many steps.
  void RunPass(Collector& c) {
    for (int i = 0; i < 1000; ++i) {
      ASSERT_TRUE(c.Step(20ms).ok());
      if (!c.HasOpenRuns()) return;
    }
    FAIL() << "pass did not finish";
  }

  testing::TempDir dir_;
  config::HarrierConfig cfg_ = MakeConfig();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<BlobStore> blobs_;
  scrapers::FakeHttpFetcher fetcher_;
  FakeClock clock_;
};

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

TEST_F(CollectorTest, RefusedImageIsRecordedWithReasonAndPassCarriesOn) {
  fetcher_.SetPage("http://site.test/img/b.png", "<svg>not allowed</svg>", "image/png");
  auto c = MakeCollector();
  RunPass(*c);
  auto errors = store_->RecentErrors(10);
  ASSERT_TRUE(errors.ok());
  ASSERT_EQ(errors->size(), 1u);
  EXPECT_NE((*errors)[0].error.find("unsupported image type"), std::string::npos);
  EXPECT_EQ(fetcher_.CountRequests("http://site.test/img/b.png"), 1);  // not retried
  EXPECT_EQ(store_->GetSummary()->documents, 3);
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
    EXPECT_EQ(d.last_seen_ms - d.first_seen_ms, 3600000) << d.url;  // seen in both passes
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
  Collector c(cfg_, *store_, fetcher_, clock_, *blobs_);
  Status st = c.Init();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("test-site.toml:17: advert.title"), std::string::npos)
      << st.message();
}

}  // namespace
}  // namespace harrier::daemon
