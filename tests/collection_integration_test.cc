// End to end: the bundled demo site served on 127.0.0.1 (port 0), collected by
// the real daemon code (CurlFetcher, Gumbo/XPath adapter, extractors, SQLite)
// driven by a FakeClock, checked against the site's ground truth. Then the
// real harrierd and harrier binaries: systemd notifications, SIGTERM,
// kill -9 mid-pass, a broken config, and the CLI search.
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
#include "tests/support/fixture_server.h"
#include "tests/support/socks5_proxy.h"

namespace harrier {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
namespace fs = std::filesystem;

const std::string kSrc = HARRIER_SOURCE_DIR;
const std::string kSite = kSrc + "/tests/fixtures/demo-site";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a shell command and returns what it printed on stdout.
std::string RunCapture(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

const json& Truth() {
  static const json truth = json::parse(ReadAll(kSrc + "/tests/fixtures/demo-site.truth.json"));
  return truth;
}

std::string PathOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

int64_t QueryInt(store::Store& s, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(s.RawHandleForTesting(), sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sql;
  int64_t v = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}

std::set<std::string> JsonSet(const json& arr) {
  std::set<std::string> out;
  for (const auto& v : arr) out.insert(v.get<std::string>());
  return out;
}

// Asserts the store holds exactly the site's truth: every advert once, with
// exactly its phones, emails, postcodes and images, and no duplicate rows.
void ExpectStoreMatchesTruth(store::Store& s) {
  const json& truth = Truth();
  auto docs = s.ListDocuments();
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  std::map<std::string, store::DocumentSummary> by_path;
  for (const auto& d : *docs) {
    EXPECT_TRUE(by_path.emplace(PathOf(d.url), d).second) << "duplicate document " << d.url;
  }
  ASSERT_EQ(docs->size(), truth["adverts"].size());
  for (const auto& advert : truth["adverts"]) {
    const std::string path = advert["path"];
    auto it = by_path.find(path);
    ASSERT_NE(it, by_path.end()) << "advert not stored: " << path;
    auto detail = s.GetDocument(it->second.id);
    ASSERT_TRUE(detail.ok() && detail->has_value()) << path;
    std::map<std::string, std::set<std::string>> found;
    for (const auto& m : (*detail)->mentions) found[m.kind].insert(m.value);
    EXPECT_EQ(found["phone"], JsonSet(advert["phones"])) << path;
    EXPECT_EQ(found["email"], JsonSet(advert["emails"])) << path;
    EXPECT_EQ(found["postcode"], JsonSet(advert["postcodes"])) << path;
    std::set<std::string> want_images, got_images;
    for (const auto& im : advert["images"]) want_images.insert(im["sha256"].get<std::string>());
    for (const auto& im : (*detail)->images) got_images.insert(im.sha256);
    EXPECT_EQ(got_images, want_images) << path;
    EXPECT_EQ((*detail)->summary.title, advert["title"].get<std::string>()) << path;
  }
  auto summary = s.GetSummary();
  ASSERT_TRUE(summary.ok());
  std::map<std::string, int64_t> kinds;
  for (const auto& k : summary->selectors_by_kind) kinds[k.kind] = k.count;
  const json& counts = truth["counts"];
  EXPECT_EQ(kinds["phone"], counts["phones"].get<int64_t>());
  EXPECT_EQ(kinds["email"], counts["emails"].get<int64_t>());
  EXPECT_EQ(kinds["postcode"], counts["postcodes"].get<int64_t>());
  EXPECT_EQ(summary->images, counts["distinct_images"].get<int64_t>());
  EXPECT_EQ(QueryInt(s,
                     "SELECT COUNT(*) FROM (SELECT kind, value FROM selector "
                     "GROUP BY kind, value HAVING COUNT(*) > 1)"),
            0);
  EXPECT_EQ(QueryInt(s,
                     "SELECT COUNT(*) FROM (SELECT document_id, version FROM "
                     "document_version GROUP BY 1, 2 HAVING COUNT(*) > 1)"),
            0);
}

void ExpectIntegrityOk(store::Store& s) {
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(s.RawHandleForTesting(), "PRAGMA integrity_check", -1, &stmt, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "ok");
  sqlite3_finalize(stmt);
}

// Loads the shipped config and demo profile, pointed at the test's server.
config::HarrierConfig DemoConfig(const std::string& base_url) {
  auto cfg = config::LoadConfig(kSrc + "/config/harrier.toml");
  EXPECT_TRUE(cfg.ok()) << cfg.status().ToString();
  config::HarrierConfig c = *cfg;
  EXPECT_EQ(c.sources.size(), 1u);
  c.sources.resize(1);
  c.sources[0].start_urls = {base_url + "/"};
  c.sources[0].allowed_hosts.clear();
  c.sources[0].allow_addresses = {"127.0.0.1"};
  return c;
}

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
  auto alerts = store_->ListAlerts("open", 10);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  const store::AlertRow& alert = alerts->front();
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

// ---- the real binaries ------------------------------------------------------

// Writes harrier.toml + sources/demo.toml into `dir`, pointed at `base_url`.
std::string WriteDemoConfig(const std::string& dir, const std::string& base_url) {
  fs::create_directories(dir + "/sources");
  std::string toml = ReadAll(kSrc + "/config/harrier.toml");
  // The gazetteer and rules stay where the shipped config points: named
  // relative to config/, so absolute here.
  for (const std::string key : {"gazetteer = \"", "indicators = \""}) {
    const size_t at = toml.find("\n" + key);
    EXPECT_NE(at, std::string::npos) << key;
    if (at != std::string::npos) toml.insert(at + 1 + key.size(), kSrc + "/config/");
  }
  std::ofstream(dir + "/harrier.toml") << toml;
  std::string demo = ReadAll(kSrc + "/config/sources/demo.toml");
  const std::string shipped = "http://127.0.0.1:18089";
  size_t at = demo.find(shipped);
  EXPECT_NE(at, std::string::npos);
  demo.replace(at, shipped.size(), base_url);
  std::ofstream(dir + "/sources/demo.toml") << demo;
  return dir + "/harrier.toml";
}

// A datagram socket standing in for systemd's NOTIFY_SOCKET.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    reader_ = std::thread([this] {
      char buf[4096];
      for (;;) {
        ssize_t n = recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return;
        std::string msg(buf, static_cast<size_t>(n));
        if (msg == "QUIT") return;
        std::lock_guard<std::mutex> lock(mu_);
        messages_.push_back(msg);
        cv_.notify_all();
      }
    });
  }
  ~NotifySocket() {
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path_.c_str());
    sendto(s, "QUIT", 4, 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    close(s);
    reader_.join();
    close(fd_);
  }
  // Waits (bounded) until a message starting with `prefix` has arrived.
  bool WaitFor(const std::string& prefix, std::chrono::seconds limit) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, limit, [&] { return Has(prefix); });
  }
  bool Seen(const std::string& prefix) {
    std::lock_guard<std::mutex> lock(mu_);
    return Has(prefix);
  }

 private:
  bool Has(const std::string& prefix) const {
    for (const auto& m : messages_) {
      if (m.rfind(prefix, 0) == 0 || m.find("\n" + prefix) != std::string::npos) return true;
    }
    return false;
  }
  std::string path_;
  int fd_ = -1;
  std::thread reader_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> messages_;
};

// Starts a program with extra environment; stderr goes to `err_path`.
// Everything is prepared before fork(): the child only calls dup2 and execve.
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const std::string& err_path) {
  std::vector<std::string> env_strings = env;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  std::vector<char*> envp, argv;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_strings = args;
  for (auto& a : arg_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  pid_t pid = fork();
  if (pid == 0) {
    if (err >= 0) dup2(err, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  if (err >= 0) close(err);
  return pid;
}

// Waits for the child up to `limit`; kills it and returns -1 if it overruns.
int WaitExit(pid_t pid, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(20ms);  // polling another process, not a test wait
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class HarrierdProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start(0));
    config_ = WriteDemoConfig(dir_.path() + "/etc", server_.base_url());
    state_ = dir_.path() + "/state";
  }
  std::vector<std::string> Harrierd(bool once) {
    std::vector<std::string> a = {HARRIERD_PATH, "--config", config_, "--state-dir", state_};
    if (once) a.push_back("--until-first-pass");
    return a;
  }
  int64_t CountDocuments() {
    auto s = store::Store::Open({state_ + "/harrier.db", /*read_only=*/true});
    if (!s.ok()) return 0;
    auto docs = (*s)->ListDocuments();
    return docs.ok() ? static_cast<int64_t>(docs->size()) : 0;
  }

  testing::FixtureServer server_{kSite};
  testing::TempDir dir_;
  std::string config_;
  std::string state_;
};

TEST_F(HarrierdProcessTest, NotifiesSystemdReadyWatchdogAndStoppingAndCollectsDemoSite) {
  NotifySocket notify(dir_.path() + "/notify.sock");
  pid_t pid = Spawn(Harrierd(true),
                    {"NOTIFY_SOCKET=" + dir_.path() + "/notify.sock", "WATCHDOG_USEC=300000"},
                    dir_.path() + "/harrierd.err");
  EXPECT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_TRUE(notify.WaitFor("READY=1", 5s));
  EXPECT_TRUE(notify.WaitFor("STOPPING=1", 5s));
  EXPECT_TRUE(notify.Seen("WATCHDOG=1"));
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  ExpectStoreMatchesTruth(**s);
}

TEST_F(HarrierdProcessTest, StopsCleanlyOnSigterm) {
  NotifySocket notify(dir_.path() + "/notify.sock");
  pid_t pid = Spawn(Harrierd(false), {"NOTIFY_SOCKET=" + dir_.path() + "/notify.sock"},
                    dir_.path() + "/harrierd.err");
  ASSERT_TRUE(notify.WaitFor("READY=1", 30s)) << ReadAll(dir_.path() + "/harrierd.err");
  kill(pid, SIGTERM);
  EXPECT_EQ(WaitExit(pid, 30s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_TRUE(notify.WaitFor("STOPPING=1", 5s));
}

TEST_F(HarrierdProcessTest, KillNineMidPassLosesNoCommittedFinding) {
  // Hold every advert page after the 12th until the daemon has been killed.
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  std::atomic<int> adverts{0};
  server_.SetBeforeRequest([&](const std::string& path) {
    if (path.rfind("/advert/", 0) != 0 || ++adverts <= 12) return;
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, 60s, [&] { return open; });
  });
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (CountDocuments() < 12 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);  // polling another process's database
  }
  std::vector<store::DocumentSummary> acknowledged;
  {
    auto s = store::Store::Open({state_ + "/harrier.db", true});
    ASSERT_TRUE(s.ok());
    acknowledged = *(*s)->ListDocuments();
  }
  ASSERT_GE(acknowledged.size(), 12u);
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
  }
  cv.notify_all();

  pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd2.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd2.err");
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  ExpectIntegrityOk(**s);
  ExpectStoreMatchesTruth(**s);
  auto after = (*s)->ListDocuments();
  for (const auto& before : acknowledged) {
    bool kept = false;
    for (const auto& d : *after) kept |= d.id == before.id && d.url == before.url;
    EXPECT_TRUE(kept) << before.url;
  }
}

// R22: kill -9 at many moments of a pass. After every kill the database is
// intact and holds every advert acknowledged before it; at the end the store
// matches the truth exactly (no duplicates) and every capture's WARC span
// still verifies, however torn the tails of the WARC files are.
TEST_F(HarrierdProcessTest, TwentyKillNinesAtRandomMomentsLoseNothingAndEveryWarcSpanVerifies) {
  // Slow the site a little so a pass lasts long enough to be killed in.
  server_.SetBeforeRequest([](const std::string&) { std::this_thread::sleep_for(3ms); });
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> moment_ms(20, 400);
  std::set<std::string> acknowledged;
  for (int kill_number = 0; kill_number < 20; ++kill_number) {
    pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
    std::this_thread::sleep_for(std::chrono::milliseconds(moment_ms(random)));
    {
      auto s = store::Store::Open({state_ + "/harrier.db", true});
      if (s.ok()) {
        auto docs = (*s)->ListDocuments();
        if (docs.ok()) {
          for (const auto& d : *docs) acknowledged.insert(d.url);
        }
      }
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    auto s = store::Store::Open({state_ + "/harrier.db"});
    if (!s.ok()) continue;  // killed before the database was created
    ExpectIntegrityOk(**s);
    std::set<std::string> now;
    auto docs = (*s)->ListDocuments();
    ASSERT_TRUE(docs.ok());
    for (const auto& d : *docs) now.insert(d.url);
    for (const std::string& url : acknowledged) {
      EXPECT_TRUE(now.count(url)) << "lost after kill " << kill_number << ": " << url;
    }
  }
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  ExpectIntegrityOk(**s);
  ExpectStoreMatchesTruth(**s);
  std::string spans;
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2((*s)->RawHandleForTesting(),
                               "SELECT warc_file, warc_offset, warc_length FROM capture", -1, &q,
                               nullptr),
            SQLITE_OK);
  while (sqlite3_step(q) == SQLITE_ROW) {
    spans += " --span '" + state_ + "/data/warc/" +
             reinterpret_cast<const char*>(sqlite3_column_text(q, 0)) + ":" +
             std::to_string(sqlite3_column_int64(q, 1)) + ":" +
             std::to_string(sqlite3_column_int64(q, 2)) + "'";
  }
  sqlite3_finalize(q);
  json checked = json::parse(RunCapture("python3 " + kSrc + "/tests/tools/warc_check.py" + spans));
  EXPECT_TRUE(checked["ok"].get<bool>()) << checked.dump(2);
}

TEST_F(HarrierdProcessTest, BrokenConfigRefusesToStartNamingFileLineAndKey) {
  std::string toml = ReadAll(config_);
  size_t at = toml.find("parse_workers");
  ASSERT_NE(at, std::string::npos);
  size_t eol = toml.find('\n', at);
  toml.replace(at, eol - at, "parse_workers = \"two\"");
  std::ofstream(config_) << toml;
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  EXPECT_EQ(WaitExit(pid, 30s), 2);
  std::string err = ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_NE(err.find("harrier.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("parse_workers"), std::string::npos) << err;
  EXPECT_EQ(server_.TotalRequests(), 0);
  EXPECT_FALSE(fs::exists(state_ + "/harrier.db"));
}

TEST_F(HarrierdProcessTest, CliSearchFindsEveryAdvertSharingAPhoneTypedAnyWay) {
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  // The truth's most shared phone, typed in national format with spaces.
  std::string phone;
  size_t most = 0;
  for (const auto& [e164, ids] : Truth()["phones"].items()) {
    if (ids.size() > most) most = ids.size(), phone = e164;
  }
  ASSERT_GE(most, 2u);
  std::string national = "0" + phone.substr(3, 4) + " " + phone.substr(7);
  std::string out = RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ +
                               "/harrier.db --json search phone '" + national +
                               "' --reason 'OP-TEST-1 shared number'");
  json j = json::parse(out);
  EXPECT_EQ(j["value"], phone);
  EXPECT_EQ(j["adverts"].size(), most);
  std::string table =
      RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ + "/harrier.db show advert 1");
  EXPECT_NE(table.find("captures (evidence):"), std::string::npos) << table;
  // Both consultations are in the audit log with the reason given after the
  // subcommand, and the chain still verifies.
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  auto rows = (*s)->ListAudit(2);
  ASSERT_TRUE(rows.ok() && rows->size() == 2u);
  EXPECT_EQ((*rows)[0].action, "consultation.show");
  EXPECT_EQ((*rows)[1].action, "consultation.search");
  EXPECT_EQ(json::parse((*rows)[1].detail)["reason"], "OP-TEST-1 shared number");
  EXPECT_EQ(*(*s)->VerifyAuditChain(), 0);
}

// R18: a source whose authorisation has expired is not fetched at all, and
// both the log and `harrier status` say why.
TEST_F(HarrierdProcessTest, ExpiredAuthorisationFetchesNothingAndStatusSaysWhy) {
  const std::string profile = dir_.path() + "/etc/sources/demo.toml";
  std::string demo = ReadAll(profile);
  const std::string far = "expires = 2099-12-31";
  size_t at = demo.find(far);
  ASSERT_NE(at, std::string::npos);
  demo.replace(at, far.size(), "expires = 2026-01-31");
  std::ofstream(profile) << demo;
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 60s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_EQ(server_.TotalRequests(), 0);
  const std::string log = ReadAll(dir_.path() + "/harrierd.err");
  EXPECT_NE(log.find("authorisation DEMO-0001 expired at the end of 2026-01-31"), std::string::npos)
      << log;
  const std::string status =
      RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ + "/harrier.db status");
  EXPECT_NE(status.find("REFUSED"), std::string::npos) << status;
  EXPECT_NE(status.find("expired at the end of 2026-01-31"), std::string::npos) << status;
  json j = json::parse(
      RunCapture(std::string(HARRIER_CLI_PATH) + " --db " + state_ + "/harrier.db --json status"));
  EXPECT_EQ(j["sources"][0]["authorisation"]["expires"], "2026-01-31");
  EXPECT_NE(j["sources"][0]["state"].get<std::string>().find("refused"), std::string::npos);
}

// The continuity bundle from the real binaries: harrierd collects, then
// `harrier evidence` exports one advert; the disclosure is audited first and
// the bundle verifies with sha256sum and the independent WARC reader.
TEST_F(HarrierdProcessTest, EvidenceBundleOfAnAdvertVerifiesAndIsAudited) {
  pid_t pid = Spawn(Harrierd(true), {}, dir_.path() + "/harrierd.err");
  ASSERT_EQ(WaitExit(pid, 120s), 0) << ReadAll(dir_.path() + "/harrierd.err");
  const std::string out_dir = dir_.path() + "/bundles";
  fs::create_directories(out_dir);
  const std::string printed =
      RunCapture(std::string(HARRIER_CLI_PATH) + " --config " + config_ + " --state-dir " + state_ +
                 " evidence 1 --out " + out_dir +
                 " --reason 'OP-TEST-1 continuity' --recipient 'CPS case team'");
  std::vector<fs::path> bundles;
  for (const auto& e : fs::directory_iterator(out_dir)) bundles.push_back(e.path());
  ASSERT_EQ(bundles.size(), 1u) << printed;
  const fs::path bundle = bundles.front();
  EXPECT_NE(printed.find(bundle.filename().string()), std::string::npos) << printed;
  const std::string sums =
      RunCapture("cd '" + bundle.string() + "' && sha256sum -c SHA256SUMS 2>&1; echo rc=$?");
  EXPECT_NE(sums.find("rc=0"), std::string::npos) << sums;
  json checked = json::parse(RunCapture("python3 " + kSrc + "/tests/tools/warc_check.py '" +
                                        bundle.string() + "/records.warc.gz'"));
  EXPECT_TRUE(checked["ok"].get<bool>()) << checked.dump(2);
  json manifest = json::parse(ReadAll(bundle.string() + "/manifest.json"));
  std::set<std::string> roles;
  for (const auto& c : manifest["captures"]) {
    roles.insert(c["role"].get<std::string>());
    EXPECT_EQ(c["egress"], "direct");
    EXPECT_TRUE(c["fetched_at"].get<std::string>().ends_with("Z")) << c.dump();
  }
  EXPECT_EQ(roles, (std::set<std::string>{"advert", "image"}));
  auto s = store::Store::Open({state_ + "/harrier.db"});
  ASSERT_TRUE(s.ok());
  auto rows = (*s)->ListAudit(1);
  ASSERT_TRUE(rows.ok() && rows->size() == 1u);
  EXPECT_EQ((*rows)[0].action, "disclosure.evidence_bundle");
  EXPECT_EQ(json::parse((*rows)[0].detail)["reason"], "OP-TEST-1 continuity");
  EXPECT_EQ(*(*s)->VerifyAuditChain(), 0);
}

}  // namespace
}  // namespace harrier
