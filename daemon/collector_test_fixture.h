// The collector tests' fake site (a listing, a town page, three adverts,
// two images served by FakeHttpFetcher), its config and the fixture that
// runs a collector over it. Shared by collector_test.cc and
// collector_images_test.cc.
#ifndef HARRIER_DAEMON_COLLECTOR_TEST_FIXTURE_H_
#define HARRIER_DAEMON_COLLECTOR_TEST_FIXTURE_H_

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "daemon/collector.h"
#include "scrapers/fake_http_fetcher.h"
#include "tests/support/fixture_server.h"

namespace harrier::daemon::testing {

inline const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "drawn-by-test";

inline std::string Listing() {
  return R"(<html><body><ul class="towns"><li><a href="/town/york/">York</a></li></ul>
    <a class="advert-link" href="/advert/1.html">One</a>
    <a class="advert-link" href="/advert/2.html">Two</a></body></html>)";
}

inline std::string Town() {
  return R"(<html><body><a class="advert-link" href="/advert/2.html">Two</a>
    <a class="advert-link" href="/advert/3.html">Three</a></body></html>)";
}

inline std::string Advert(const std::string& title, const std::string& body,
                          const std::string& img) {
  return "<html><body><h1 class='advert-title'>" + title + "</h1><div class='advert-body'>" + body +
         "</div><span class='location'>York</span><div class='gallery'><img src='" + img +
         "'></div></body></html>";
}

inline config::HarrierConfig MakeConfig() {
  config::HarrierConfig cfg;
  cfg.daemon.parse_workers = 2;
  cfg.daemon.max_in_flight = 4;
  cfg.daemon.commit_batch = 3;
  cfg.fetch.max_attempts = 3;
  config::SiteProfile p;
  p.name = "test-site";
  p.file = "test-site.toml";
  p.authorisation.ref = "OP-TEST-1";
  p.authorisation.type = "DSA";
  p.authorisation.authorised_by = "Insp Invented";
  p.authorisation.starts = "2025-12-01";
  p.authorisation.starts_ms = 1764547200000;
  p.authorisation.expires = "2026-02-28";
  p.authorisation.expires_ms = 1772323200000;  // 2026-03-01T00:00:00Z
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
    scrapers::WarcOptions warc_options;
    warc_options.dir = dir_.path() + "/data/warc";
    auto w = scrapers::WarcWriter::Open(warc_options);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    warc_ = std::move(*w);
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
    auto c = std::make_unique<Collector>(cfg_, *store_, fetcher_, clock_, *blobs_, *warc_);
    Status st = c->Init();
    EXPECT_TRUE(st.ok()) << st.ToString();
    return c;
  }

  // Steps until no run is open; fails the test if that takes too many steps.
  void RunPass(Collector& c) {
    for (int i = 0; i < 1000; ++i) {
      ASSERT_TRUE(c.Step(std::chrono::milliseconds(20)).ok());
      if (!c.HasOpenRuns()) return;
      clock_.Advance(
          std::chrono::milliseconds(100));  // lets retry backoffs and host pauses run out
    }
    FAIL() << "pass did not finish";
  }

  ::harrier::testing::TempDir dir_;
  config::HarrierConfig cfg_ = MakeConfig();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<BlobStore> blobs_;
  std::unique_ptr<scrapers::WarcWriter> warc_;
  scrapers::FakeHttpFetcher fetcher_;
  FakeClock clock_;
};

}  // namespace harrier::daemon::testing

#endif  // HARRIER_DAEMON_COLLECTOR_TEST_FIXTURE_H_
