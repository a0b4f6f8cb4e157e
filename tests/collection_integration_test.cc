// End to end: the bundled demo site served on 127.0.0.1 (port 0), collected by
// the real daemon code (CurlFetcher, Gumbo/XPath adapter, extractors, SQLite)
// driven by a FakeClock, checked against the site's ground truth. The real
// harrierd and harrier binaries are in harrierd_process_test.cc.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "config/loader.h"
#include "core/sha256.h"
#include "daemon/blob_store.h"
#include "daemon/collector.h"
#include "imageproc/fingerprint.h"
#include "scrapers/curl_fetcher.h"
#include "tests/demo_site_support.h"
#include "tests/support/fixture_server.h"
#include "tests/support/socks5_proxy.h"

namespace harrier {
namespace {

using namespace std::chrono_literals;
using namespace demo_site;  // NOLINT: the suite's own shared helpers
using nlohmann::json;
namespace fs = std::filesystem;

class DemoSiteCollectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start(0));
    cfg_ = DemoConfig(server_.base_url());
    OpenStore();
  }

  void OpenStore() {
    auto s = store::Store::Open({dir_.path() + "/harrier.db"});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    auto b = daemon::BlobStore::Open(dir_.path() + "/data");
    ASSERT_TRUE(b.ok());
    blobs_ = std::move(*b);
    scrapers::WarcOptions warc_options;
    warc_options.dir = dir_.path() + "/data/warc";
    auto w = scrapers::WarcWriter::Open(warc_options);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    warc_ = std::move(*w);
  }

  // Steps the real collector (real fetcher, real server) until its pass ends.
  void RunPass(daemon::Collector& c) {
    for (int i = 0; i < 20000 && (c.HasOpenRuns() || i == 0); ++i) {
      Status st = c.Step(50ms);
      ASSERT_TRUE(st.ok()) << st.ToString();
    }
    ASSERT_FALSE(c.HasOpenRuns()) << "pass did not finish";
  }

  void ExpectEachPageFetchedOnce() {
    for (const auto& p : Truth()["listing_pages"]) {
      EXPECT_EQ(server_.RequestCount(p.get<std::string>()), 1) << p;
    }
    for (const auto& a : Truth()["adverts"]) {
      EXPECT_EQ(server_.RequestCount(a["path"].get<std::string>()), 1) << a["path"];
    }
    for (const auto& [sha, paths] : Truth()["images"].items()) {
      for (const auto& p : paths) EXPECT_EQ(server_.RequestCount(p.get<std::string>()), 1) << p;
    }
  }

  testing::FixtureServer server_{kSite};
  testing::TempDir dir_;
  config::HarrierConfig cfg_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<daemon::BlobStore> blobs_;
  std::unique_ptr<scrapers::WarcWriter> warc_;
  FakeClock clock_;
};

TEST_F(DemoSiteCollectionTest, FirstPassStoresEveryAdvertSelectorAndImageExactlyOnce) {
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  ExpectStoreMatchesTruth(*store_);
  ExpectEachPageFetchedOnce();
  ExpectIntegrityOk(*store_);
  // Every capture is evidence: its file is there and hashes to its SHA-256.
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  auto detail = store_->GetDocument(docs->front().id);
  ASSERT_TRUE(detail.ok() && detail->has_value());
  ASSERT_FALSE((*detail)->captures.empty());
  const auto& cap = (*detail)->captures.front();
  EXPECT_EQ(cap.remote_ip, "127.0.0.1");
  EXPECT_EQ(cap.http_status, 200);
  auto body = blobs_->Read(cap.blob_path);
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(Sha256Hex(*body), cap.body_sha256);
  EXPECT_EQ(*store_->VerifyAuditChain(), 0);
}

// Every advert image is decoded and hashed as it arrives; a photo that
// investigators listed before the crawl (here a mirrored, re-compressed copy
// of one demo picture) raises one alert naming the advert that showed it.
TEST_F(DemoSiteCollectionTest, ImagesAreHashedAndAListedPhotoRaisesAnAlertOnItsAdvert) {
  // The demo picture with the most detail (the highest PDQ quality).
  std::string listed_sha, listed_path;
  imageproc::ImageFingerprint best;
  for (const auto& [sha, paths] : Truth()["images"].items()) {
    const std::string path = paths[0].get<std::string>();
    Result<imageproc::ImageFingerprint> f =
        imageproc::FingerprintImage(ReadAll(kSite + path), imageproc::DecodeLimits());
    ASSERT_TRUE(f.ok()) << path << ": " << f.status().ToString();
    if (f->pdq.quality > best.pdq.quality) best = *f, listed_sha = sha, listed_path = path;
  }
  ASSERT_GE(best.pdq.quality, cfg_.images.min_quality);
  cv::Mat mirrored;
  cv::flip(cv::imread(kSite + listed_path, cv::IMREAD_COLOR), mirrored, 1);
  std::vector<uint8_t> jpeg;
  cv::imencode(".jpg", mirrored, jpeg, {cv::IMWRITE_JPEG_QUALITY, 80});
  Result<imageproc::ImageFingerprint> supplied =
      imageproc::FingerprintImage(std::string(jpeg.begin(), jpeg.end()), imageproc::DecodeLimits());
  ASSERT_TRUE(supplied.ok());
  store::WatchlistImage entry;
  entry.operation = "op-demo";
  entry.reason = "supplied by the demo investigators";
  entry.added_by = "analyst1";
  entry.file_name = "supplied.jpg";
  entry.sha256 = supplied->sha256;
  entry.pdq = supplied->pdq.ToHex();
  entry.pdq_quality = supplied->pdq.quality;
  ASSERT_TRUE(store_->AddWatchlistImage(entry).ok());

  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  for (const auto& [sha, paths] : Truth()["images"].items()) {
    auto image = store_->GetImage(sha);
    ASSERT_TRUE(image.ok() && image->has_value()) << sha;
    EXPECT_EQ((*image)->analysis.rejection, "") << sha;
    EXPECT_EQ((*image)->analysis.pdq.size(), 64u) << sha;
    EXPECT_EQ((*image)->analysis.width, 96) << sha;
  }
  auto all = store_->ListAlerts("open", 10);
  ASSERT_TRUE(all.ok());
  // The demo adverts that share numbers also raise cluster_growth alerts.
  std::vector<store::AlertRow> alerts;
  for (const store::AlertRow& a : *all) {
    if (a.kind == "watchlist_image") alerts.push_back(a);
  }
  ASSERT_EQ(alerts.size(), 1u);
  const store::AlertRow& alert = alerts.front();
  EXPECT_EQ(alert.image_sha256, listed_sha);
  EXPECT_EQ(alert.method, "pdq-dihedral");
  EXPECT_LE(alert.distance, cfg_.images.match_distance);
  std::set<std::string> showing;
  for (const auto& advert : Truth()["adverts"]) {
    for (const auto& im : advert["images"]) {
      if (im["sha256"] == listed_sha) showing.insert(advert["path"].get<std::string>());
    }
  }
  EXPECT_EQ(showing.count(PathOf(alert.url)), 1u) << alert.url;
  EXPECT_EQ(QueryInt(*store_, "SELECT COUNT(*) FROM audit WHERE action = 'collection.alert'"), 1);
  EXPECT_EQ(collector.stats().watchlist_alerts, 1);
}

// With the shipped [extract] settings the daemon stores each advert's town
// as a place from the installed gazetteer, a phone's area, and an
// indicator score with the rules that fired, per advert version.
TEST_F(DemoSiteCollectionTest, FirstPassStoresPlacesAreasAndAnIndicatorScorePerAdvert) {
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  std::map<std::string, store::DocumentSummary> by_path;
  for (const auto& d : *docs) by_path.emplace(PathOf(d.url), d);
  for (const auto& advert : Truth()["adverts"]) {
    const std::string path = advert["path"];
    auto detail = store_->GetDocument(by_path.at(path).id);
    ASSERT_TRUE(detail.ok() && detail->has_value()) << path;
    bool town_found = false;
    for (const auto& m : (*detail)->mentions) {
      if (m.kind == "phone") {
        EXPECT_FALSE(m.detail.empty()) << path << " " << m.value;
      }
      if (m.kind == "place" && m.field == "location") {
        town_found = town_found || m.value.starts_with(advert["town"].get<std::string>() + ", ");
        EXPECT_NE(m.detail.find("England"), std::string::npos) << m.detail;
      }
    }
    EXPECT_TRUE(town_found) << path << " town " << advert["town"];
    ASSERT_TRUE((*detail)->indicators.has_value()) << path;
    EXPECT_EQ((*detail)->indicators->ruleset_version, "2026-12-06.1");
    for (const auto& hit : (*detail)->indicators->hits) {
      EXPECT_FALSE(hit.rule_id.empty());
      EXPECT_FALSE(hit.rationale.empty()) << hit.rule_id;
    }
  }
  EXPECT_EQ(QueryInt(*store_, "SELECT COUNT(*) FROM indicator_score"),
            QueryInt(*store_, "SELECT COUNT(*) FROM document_version"));
  // Some demo adverts are written about the worker or never close: evidence
  // with its text is stored, not a bare number.
  EXPECT_GT(QueryInt(*store_, "SELECT COUNT(*) FROM indicator_hit WHERE matched != ''"), 0);
}

// A rule file with a mistake stops the daemon before anything is fetched,
// naming the file, line and key.
TEST_F(DemoSiteCollectionTest, BadIndicatorRulesStopTheCollectorBeforeAnyRequest) {
  const std::string rules = dir_.path() + "/rules.toml";
  std::ofstream(rules) << "version = \"x\"\n[[rule]]\nid = \"T01\"\nname = \"n\"\n"
                          "category = \"text\"\nweight = \"huge\"\n";
  cfg_.extract.indicators = rules;
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  const Status st = collector.Init();
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message().rfind(rules + ":2: rule.T01.", 0), 0u) << st.message();
  EXPECT_EQ(server_.TotalRequests(), 0);
}

// Every request and response is in the WARC files, and an independent reader
// (Python standard library only) re-checks every record and digest, both
// whole files and each capture's span.
TEST_F(DemoSiteCollectionTest, EveryRequestAndResponseIsInWarcThatAnIndependentReaderVerifies) {
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  const std::string warc_dir = dir_.path() + "/data/warc";
  std::string files;
  for (const auto& entry : fs::directory_iterator(warc_dir)) {
    EXPECT_EQ(fs::status(entry.path()).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << entry.path();
    files += " '" + entry.path().string() + "'";
  }
  ASSERT_FALSE(files.empty());
  const std::string checker = "python3 " + kSrc + "/tests/tools/warc_check.py";
  json whole = json::parse(RunCapture(checker + files));
  EXPECT_TRUE(whole["ok"].get<bool>()) << whole.dump(2);
  // One request and one response record per request the server answered
  // (robots.txt included), and one warcinfo per file.
  EXPECT_EQ(whole["by_type"]["request"].get<int>(), server_.TotalRequests());
  EXPECT_EQ(whole["by_type"]["response"].get<int>(), server_.TotalRequests());

  std::string spans;
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(store_->RawHandleForTesting(),
                               "SELECT warc_file, warc_offset, warc_length, egress FROM capture",
                               -1, &q, nullptr),
            SQLITE_OK);
  int captures = 0;
  while (sqlite3_step(q) == SQLITE_ROW) {
    ++captures;
    const std::string file = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    ASSERT_FALSE(file.empty());
    EXPECT_EQ(file.find('/'), std::string::npos) << file;
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 3)), "direct");
    spans += " --span '" + warc_dir + "/" + file + ":" +
             std::to_string(sqlite3_column_int64(q, 1)) + ":" +
             std::to_string(sqlite3_column_int64(q, 2)) + "'";
  }
  sqlite3_finalize(q);
  EXPECT_EQ(captures, server_.TotalRequests());
  json by_span = json::parse(RunCapture(checker + spans));
  EXPECT_TRUE(by_span["ok"].get<bool>()) << by_span.dump(2);
  EXPECT_EQ(by_span["by_type"]["response"].get<int>(), captures);
}

TEST_F(DemoSiteCollectionTest, SecondPassRecordsNewVersionOfChangedAdvertAndUpdatesLastSeen) {
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  const json& changed = Truth()["adverts"][0];
  const std::string path = changed["path"];
  std::string html = ReadAll(kSite + path);
  const std::string marker = "class=\"advert-body\">";
  size_t at = html.find(marker);
  ASSERT_NE(at, std::string::npos);
  html.insert(at + marker.size(), "<p>New number: 07700 900999</p>");
  server_.SetOverride(path, html);

  const int64_t first_pass_ms = ToUnixMillis(clock_.WallNow());
  clock_.Advance(std::chrono::seconds(cfg_.sources[0].schedule_interval_s));
  RunPass(collector);
  EXPECT_EQ(collector.stats().runs_finished, 2);
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  for (const auto& d : *docs) {
    EXPECT_EQ(d.version, PathOf(d.url) == path ? 2 : 1) << d.url;
    EXPECT_EQ(d.first_seen_ms, first_pass_ms) << d.url;
    EXPECT_EQ(d.last_seen_ms, ToUnixMillis(clock_.WallNow())) << d.url;
  }
  auto found = store_->FindDocumentsBySelector(SelectorKind::kPhone, "+447700900999");
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(PathOf((*found)[0].url), path);
  // Images are content-addressed and immutable per URL: not fetched again.
  for (const auto& [sha, paths] : Truth()["images"].items()) {
    for (const auto& p : paths) EXPECT_EQ(server_.RequestCount(p.get<std::string>()), 1) << p;
  }
}

TEST_F(DemoSiteCollectionTest, RestartMidPassNeitherLosesNorDuplicatesFindings) {
  std::vector<store::DocumentSummary> acknowledged;
  {
    scrapers::CurlFetcher fetcher(cfg_.fetch);
    daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
    ASSERT_TRUE(collector.Init().ok());
    while (collector.stats().commits < 25) ASSERT_TRUE(collector.Step(50ms).ok());
    ASSERT_TRUE(collector.HasOpenRuns());
    acknowledged = *store_->ListDocuments();
    // Collector and fetcher are destroyed here without Drain(): what was in
    // flight is lost with them, as in a crash; its frontier rows stay leased.
  }
  ASSERT_FALSE(acknowledged.empty());
  store_.reset();
  OpenStore();
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  ASSERT_TRUE(collector.HasOpenRuns()) << "the unfinished run is resumed";
  RunPass(collector);
  ExpectStoreMatchesTruth(*store_);
  ExpectIntegrityOk(*store_);
  auto after = store_->ListDocuments();
  ASSERT_TRUE(after.ok());
  for (const auto& before : acknowledged) {
    bool kept = false;
    for (const auto& d : *after) kept |= d.id == before.id && d.url == before.url;
    EXPECT_TRUE(kept) << before.url;
  }
  // Only what was in flight at the crash may be fetched twice.
  int twice = 0;
  for (const auto& path : server_.RequestedPaths()) {
    int n = server_.RequestCount(path);
    EXPECT_LE(n, 2) << path;
    twice += n == 2;
  }
  EXPECT_LE(twice, 2 * cfg_.daemon.max_in_flight);
}

// A port nothing listens on: bound, read, closed.
int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

// Egress through socks5h: the site's name exists only in the proxy's map, so
// the whole pass succeeding proves every name was resolved by the proxy.
TEST_F(DemoSiteCollectionTest, SourceBehindSocks5hProxyIsCollectedThroughItAndRecordsTheEgress) {
  testing::LoopbackProxy proxy;
  ASSERT_TRUE(proxy.Start());
  proxy.MapName("lantern-listings.test", "127.0.0.1");
  config::SiteProfile& p = cfg_.sources[0];
  p.start_urls = {"http://lantern-listings.test:" + std::to_string(server_.port()) + "/"};
  p.allow_addresses.clear();
  p.proxy = proxy.url();
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  ExpectStoreMatchesTruth(*store_);
  for (const std::string& target : proxy.Targets()) {
    EXPECT_EQ(target, "lantern-listings.test:" + std::to_string(server_.port()));
  }
  EXPECT_EQ(QueryInt(*store_, "SELECT COUNT(*) FROM capture WHERE egress != '" + proxy.url() + "'"),
            0);
  EXPECT_EQ(QueryInt(*store_, "SELECT COUNT(*) FROM capture"), server_.TotalRequests());
}

// A source whose proxy is down fails closed: not one byte goes direct (its
// site is allow-listed, so a direct request would have worked), the failure
// is recorded, and the other source is collected in full.
TEST_F(DemoSiteCollectionTest, ProxyDownFailsClosedWhileTheOtherSourceCarriesOn) {
  testing::FixtureServer hidden(kSite);
  ASSERT_TRUE(hidden.StartOn("127.0.0.1"));
  config::SiteProfile behind = cfg_.sources[0];
  behind.name = "behind-proxy";
  behind.start_urls = {hidden.base_url() + "/"};
  behind.proxy = "socks5h://127.0.0.1:" + std::to_string(ClosedPort());
  cfg_.sources.push_back(behind);
  scrapers::CurlFetcher fetcher(cfg_.fetch);
  daemon::Collector collector(cfg_, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  EXPECT_EQ(hidden.TotalRequests(), 0);
  EXPECT_EQ(collector.stats().runs_finished, 2);
  auto errors = store_->RecentErrors(20);
  ASSERT_TRUE(errors.ok());
  bool proxy_named = false;
  for (const auto& e : *errors) {
    if (e.source != "behind-proxy") continue;
    proxy_named |= e.error.find(behind.proxy) != std::string::npos;
  }
  EXPECT_TRUE(proxy_named) << "no error of behind-proxy names its proxy";
  // The demo source, collected directly, is complete.
  auto docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  EXPECT_EQ(docs->size(), Truth()["adverts"].size());
}

}  // namespace
}  // namespace harrier
