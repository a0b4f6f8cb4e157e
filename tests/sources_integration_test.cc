// End to end for issue 6: a Companies House network, a Telegram channel, a
// Mastodon account and tag, public profile pages and an advert site, all
// served on 127.0.0.1 by SourcesWorld, collected by the real collector
// (CurlFetcher, extractors, SQLite) from profiles the config loader reads,
// then checked: everything collected, each request once, within budget, and
// the advert linked to the registry and the posts by its postcode and phone.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/loader.h"
#include "daemon/blob_store.h"
#include "daemon/collector.h"
#include "registry/api_key.h"
#include "scrapers/curl_fetcher.h"
#include "tests/support/fixture_server.h"
#include "tests/support/sources_world.h"

namespace harrier {
namespace {

using namespace std::chrono_literals;
using testing::SourcesWorld;
namespace fs = std::filesystem;

const std::string kSrc = HARRIER_SOURCE_DIR;

constexpr char kAuthorisation[] = R"t(
[authorisation]
ref = "WORLD-0001"
type = "test"
authorised_by = "Test officer (invented)"
starts = 2026-01-01
expires = 2099-12-31
)t";

int64_t QueryInt(store::Store& s, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(s.RawHandleForTesting(), sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sql;
  int64_t v = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) v = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return v;
}

class SourcesCollectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.Start()) << world_.error();
    world_.SetWallClock([this] { return clock_.WallNow(); });
    fs::create_directories(sources_dir());
    WriteKeyFile(SourcesWorld::kApiKey);
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

  std::string sources_dir() const { return dir_.path() + "/sources"; }

  void WriteKeyFile(const std::string& key) {
    const std::string path = sources_dir() + "/ch.env";
    std::ofstream(path) << "COMPANIES_HOUSE_API_KEY=" << key << "\n";
    ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  }

  void WriteProfile(const std::string& name, const std::string& text) {
    std::ofstream(sources_dir() + "/" + name + ".toml") << text << kAuthorisation;
  }

  void WriteRegistryProfile() {
    WriteProfile(
        "registry",
        "kind = \"companies_house\"\nmax_depth = " + std::to_string(SourcesWorld::kChMaxDepth) +
            "\nmax_requests_per_run = " + std::to_string(SourcesWorld::kChRequestBudget) +
            "\nallow_addresses = [\"127.0.0.1\"]\n"
            "[companies_house]\napi_base = \"" +
            world_.ch_base() + "\"\napi_key_file = \"ch.env\"\ncompany_numbers = [\"" +
            SourcesWorld::kChSeedCompany + "\"]\n");
  }

  void WriteSocialProfiles() {
    WriteProfile("channel", std::string("kind = \"telegram\"\nallow_addresses = [\"127.0.0.1\"]\n"
                                        "[telegram]\nbase = \"") +
                                world_.telegram_base() + "\"\nchannels = [\"" +
                                SourcesWorld::kTelegramChannel + "\", \"" +
                                SourcesWorld::kTelegramPrivateChannel + "\"]\n");
    WriteProfile("fedi", std::string("kind = \"mastodon\"\nallow_addresses = [\"127.0.0.1\"]\n"
                                     "[mastodon]\ninstance = \"") +
                             world_.mastodon_base() + "\"\naccounts = [\"" +
                             SourcesWorld::kMastodonAccount + "\", \"" +
                             SourcesWorld::kMastodonMissingAccount + "\"]\ntags = [\"" +
                             SourcesWorld::kMastodonTag + "\"]\n");
    std::string urls;
    for (const std::string& u : world_.ProfileUrls())
      urls += (urls.empty() ? "\"" : ", \"") + u + "\"";
    WriteProfile(
        "profiles",
        "kind = \"profile\"\nallow_addresses = [\"127.0.0.1\"]\nstart_urls = [" + urls + "]\n");
  }

  // The shipped harrier.toml's options with the sources this test wrote,
  // each read by the real profile loader.
  config::HarrierConfig Config() {
    auto cfg = config::LoadConfig(kSrc + "/config/harrier.toml");
    EXPECT_TRUE(cfg.ok()) << cfg.status().ToString();
    config::HarrierConfig c = *cfg;
    c.sources.clear();
    for (const auto& entry : fs::directory_iterator(sources_dir())) {
      if (entry.path().extension() != ".toml") continue;
      Result<config::SiteProfile> p = config::LoadSiteProfile(entry.path().string());
      EXPECT_TRUE(p.ok()) << p.status().ToString();
      if (p.ok()) c.sources.push_back(*p);
    }
    return c;
  }

  // Steps the collector until its runs end; when nothing is in flight the
  // fake clock moves a second (a rate limit's wait passes).
  void RunPass(daemon::Collector& c) {
    c.MakeAllDueNow();
    for (int i = 0; i < 20000 && (c.HasOpenRuns() || i == 0); ++i) {
      Status st = c.Step(50ms);
      ASSERT_TRUE(st.ok()) << st.ToString();
      if (c.InFlight() == 0) clock_.Advance(1s);
    }
    ASSERT_FALSE(c.HasOpenRuns()) << "pass did not finish";
  }

  int64_t Count(const std::string& sql) { return QueryInt(*store_, sql); }

  int64_t DocumentsOf(const std::string& source, const std::string& kind) {
    return Count(
        "SELECT COUNT(*) FROM document d JOIN source s ON s.id = d.source_id "
        "WHERE s.name = '" +
        source + "' AND d.kind = '" + kind + "'");
  }

  // Exactly the walk's requests, each once (robots.txt is not asked of an API).
  void ExpectEveryChRequestOnce() {
    std::vector<std::string> expected = SourcesWorld::ExpectedChWalkRequests();
    std::vector<std::string> made = world_.ChApiRequests();
    std::sort(expected.begin(), expected.end());
    std::sort(made.begin(), made.end());
    EXPECT_EQ(made, expected);
    EXPECT_EQ(world_.ch().RequestCount("/robots.txt"), 0);
  }

  FakeClock clock_;
  SourcesWorld world_;
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<daemon::BlobStore> blobs_;
  std::unique_ptr<scrapers::WarcWriter> warc_;
};

TEST_F(SourcesCollectionTest, RegistryChannelAndAdvertAreCollectedOnceAndLinkedByPostcodeAndPhone) {
  ASSERT_FALSE(world_.WriteSiteProfile(sources_dir()).empty());
  WriteRegistryProfile();
  WriteSocialProfiles();
  const config::HarrierConfig cfg = Config();
  ASSERT_EQ(cfg.sources.size(), 5u);
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);

  // The registry network, completely and each API resource once. The
  // company that answers 404 is known only from an appointment (no profile).
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_company WHERE current_version > 0"),
            SourcesWorld::ExpectedCompanies());
  EXPECT_EQ(Count(std::string("SELECT current_version FROM registry_company WHERE number = '") +
                  SourcesWorld::kCompanyGone + "'"),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_officer"), SourcesWorld::ExpectedOfficers());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_psc"), SourcesWorld::ExpectedPscs());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_appointment"),
            SourcesWorld::ExpectedAppointmentsIncludingGoneCompany());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_appointment WHERE resigned_on != ''"),
            SourcesWorld::ExpectedResignedAppointments());
  ExpectEveryChRequestOnce();
  EXPECT_LE(Count("SELECT requests FROM run r JOIN source s ON s.id = r.source_id "
                  "WHERE s.name = 'registry'"),
            SourcesWorld::kChRequestBudget);

  // The channel: every post once, each page once; the private channel is a
  // permanent state, not an error retried.
  EXPECT_EQ(DocumentsOf("channel", "post"), SourcesWorld::ExpectedTelegramPosts());
  EXPECT_EQ(DocumentsOf("channel", "profile"), 1);
  const std::string channel = SourcesWorld::kTelegramChannel;
  EXPECT_EQ(world_.telegram().RequestCount("/s/" + channel), 1);
  EXPECT_EQ(world_.telegram().RequestCount("/s/" + channel + "?before=111"), 1);
  EXPECT_EQ(world_.telegram().RequestCount("/s/" + channel + "?before=106"), 1);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT c.body_sha256) FROM capture c JOIN image i "
                  "ON i.sha256 = c.body_sha256 WHERE c.url LIKE '%/img/tg_%'"),
            SourcesWorld::ExpectedTelegramPhotos());
  auto channel_source = store_->ListSources();
  ASSERT_TRUE(channel_source.ok());
  int64_t channel_id = 0;
  for (const auto& s : *channel_source) {
    if (s.name == "channel") channel_id = s.id;
  }
  auto unavailable = store_->ListPermanentFailures(channel_id);  // what `harrier status` shows
  ASSERT_TRUE(unavailable.ok());
  ASSERT_EQ(unavailable->size(), 1u);
  EXPECT_NE(unavailable->front().first.find(SourcesWorld::kTelegramPrivateChannel),
            std::string::npos);
  EXPECT_NE(unavailable->front().second.find("no public preview"), std::string::npos);

  // Mastodon: the account's statuses over two pages and the tag, the media
  // downloaded; the missing account recorded as gone.
  EXPECT_EQ(DocumentsOf("fedi", "post"), SourcesWorld::ExpectedMastodonStatuses());
  EXPECT_EQ(DocumentsOf("fedi", "profile"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM capture WHERE url LIKE '%/media/m_104.png' "
                  "AND http_status = 200"),
            SourcesWorld::ExpectedMastodonImages());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM frontier WHERE last_error LIKE 'permanent:%' "
                  "AND url LIKE '%nobody_here%'"),
            1);

  // Profile pages, and the advert.
  EXPECT_EQ(DocumentsOf("profiles", "profile"), SourcesWorld::ExpectedProfiles());
  EXPECT_EQ(DocumentsOf(SourcesWorld::kSiteProfileName, "advert"), SourcesWorld::ExpectedAdverts());

  // One phone selector, mentioned by the post, the status, the profile and
  // the advert.
  auto phone_docs =
      store_->FindDocumentsBySelector(SelectorKind::kPhone, SourcesWorld::kSharedPhoneE164);
  ASSERT_TRUE(phone_docs.ok());
  EXPECT_EQ(static_cast<int>(phone_docs->size()), SourcesWorld::ExpectedSharedPhoneDocuments());
  EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM selector WHERE kind = 'phone' AND value = '") +
                  SourcesWorld::kSharedPhoneE164 + "'"),
            1);

  // The postcode links the advert to the company registered there.
  auto companies =
      store_->RegistryEntitiesForSelector(SelectorKind::kPostcode, SourcesWorld::kSharedPostcode);
  ASSERT_TRUE(companies.ok());
  int at_postcode = 0;
  for (const auto& e : *companies) {
    if (e.entity_kind == "company") {
      ++at_postcode;
      EXPECT_EQ(e.key, SourcesWorld::kCompanyA);
    }
  }
  EXPECT_EQ(at_postcode, SourcesWorld::ExpectedCompaniesAtSharedPostcode());
  auto postcode_docs =
      store_->FindDocumentsBySelector(SelectorKind::kPostcode, SourcesWorld::kSharedPostcode);
  ASSERT_TRUE(postcode_docs.ok());
  int64_t advert_id = 0;
  for (const auto& d : *postcode_docs) {
    if (d.url == world_.AdvertUrl()) advert_id = d.id;
  }
  ASSERT_NE(advert_id, 0) << "the advert does not mention the shared postcode";

  // The advert and the posts sharing its phone are one cluster.
  auto advert_cluster = store_->ClusterOfDocument(advert_id);
  ASSERT_TRUE(advert_cluster.ok() && advert_cluster->has_value());
  for (const auto& d : *phone_docs) {
    auto c = store_->ClusterOfDocument(d.id);
    ASSERT_TRUE(c.ok() && c->has_value()) << d.url;
    EXPECT_EQ(**c, **advert_cluster) << d.url;
  }

  // Each document says what it is.
  for (const auto& d : *phone_docs) {
    EXPECT_EQ(d.kind, d.url == world_.AdvertUrl()                     ? "advert"
                      : d.url.find("/profiles/") != std::string::npos ? "profile"
                                                                      : "post")
        << d.url;
  }

  // The same person as officer of A and B and as PSC of A: one person_name
  // selector, though the register writes the name two ways.
  auto ashworth =
      store_->RegistryEntitiesForSelector(SelectorKind::kPersonName, "marnie elspeth ashworth");
  ASSERT_TRUE(ashworth.ok());
  std::set<std::string> roles;
  for (const auto& e : *ashworth) {
    roles.insert(e.entity_kind);
    EXPECT_TRUE(e.current) << e.entity_kind << " " << e.role;  // a name does not move away
  }
  EXPECT_EQ(roles, (std::set<std::string>{"officer", "psc"}));

  // The API key is in no evidence file: the WARC keeps every byte but it.
  const std::string credential = registry::BasicAuthHeader(SourcesWorld::kApiKey).substr(6);
  int warc_files = 0;
  bool registry_evidence = false;
  for (const auto& entry : fs::recursive_directory_iterator(dir_.path() + "/data/warc")) {
    if (!entry.is_regular_file()) continue;
    ++warc_files;
    const std::string gz = entry.path().string();
    std::string plain;
    FILE* p = popen(("gzip -dc '" + gz + "'").c_str(), "r");
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) plain.append(buf, n);
    pclose(p);
    EXPECT_EQ(plain.find(SourcesWorld::kApiKey), std::string::npos) << gz;
    EXPECT_EQ(plain.find(credential), std::string::npos) << gz;
    registry_evidence =
        registry_evidence || plain.find("GET /company/09999001 ") != std::string::npos;
  }
  EXPECT_GT(warc_files, 0);
  EXPECT_TRUE(registry_evidence) << "the API exchanges are not in the evidence";
}

TEST_F(SourcesCollectionTest, SecondRunReadsOnlyTheNewestPageAndNeverTheChannelWithoutPreview) {
  WriteSocialProfiles();
  const config::HarrierConfig cfg = Config();
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  const std::string channel = SourcesWorld::kTelegramChannel;
  const std::string priv = std::string("/s/") + SourcesWorld::kTelegramPrivateChannel;
  ASSERT_EQ(world_.telegram().RequestCount(priv), 1);
  ASSERT_EQ(world_.telegram().RequestCount("/s/" + channel + "?before=111"), 1);
  const int64_t posts = DocumentsOf("channel", "post");

  RunPass(collector);
  // Nothing new on the newest page: older pages are not read again.
  EXPECT_EQ(world_.telegram().RequestCount("/s/" + channel), 2);
  EXPECT_EQ(world_.telegram().RequestCount("/s/" + channel + "?before=111"), 1);
  EXPECT_EQ(world_.telegram().RequestCount(priv), 1);
  EXPECT_EQ(DocumentsOf("channel", "post"), posts);
  // The account that is gone is not asked for again either.
  int missing_lookups = 0;
  for (const std::string& path : world_.mastodon().RequestedPaths()) {
    if (path.find(SourcesWorld::kMastodonMissingAccount) != std::string::npos) ++missing_lookups;
  }
  EXPECT_EQ(missing_lookups, 1);
}

TEST_F(SourcesCollectionTest, A429WaitsForTheKeysResetThenAsksOnceMoreAndCompletesTheWalk) {
  WriteRegistryProfile();
  const std::string officers = std::string("/company/") + SourcesWorld::kCompanyA + "/officers";
  world_.Fail429Once(officers, 30s);
  const config::HarrierConfig cfg = Config();
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  const WallTime started = clock_.WallNow();
  RunPass(collector);
  EXPECT_GE(clock_.WallNow() - started, 30s) << "the reset was not waited for";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_company WHERE current_version > 0"),
            SourcesWorld::ExpectedCompanies());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_officer"), SourcesWorld::ExpectedOfficers());
  const std::vector<std::string> expected = SourcesWorld::ExpectedChWalkRequests();
  int repeated = 0;
  for (const std::string& path : expected) {
    const int n = world_.ch().RequestCount(path);
    EXPECT_TRUE(n == 1 || (n == 2 && path.starts_with(officers))) << path << " " << n;
    repeated += n - 1;
  }
  EXPECT_EQ(repeated, 1);
}

TEST_F(SourcesCollectionTest, AWrongKeyStopsTheWalkAfterOneRequestAndSaysWhy) {
  WriteKeyFile("00000000-not-the-key");
  WriteRegistryProfile();
  const config::HarrierConfig cfg = Config();
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  // The seed's profile, officers and PSCs go out together; nothing after
  // their 401s.
  EXPECT_LE(world_.ch().TotalRequests(), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_company"), 0);
  auto sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_NE(sources->front().state.find("refused the API key"), std::string::npos)
      << sources->front().state;
  EXPECT_EQ(sources->front().state.find("00000000-not-the-key"), std::string::npos);
}

TEST_F(SourcesCollectionTest, MalformedJsonForOneCompanyLosesOnlyThatCompany) {
  WriteRegistryProfile();
  world_.MalformedJson(std::string("/company/") + SourcesWorld::kCompanyC);
  const config::HarrierConfig cfg = Config();
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_company WHERE current_version > 0"),
            SourcesWorld::ExpectedCompanies() - 1);
  EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM registry_company WHERE number = '") +
                  SourcesWorld::kCompanyB + "'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM run WHERE finished_ms IS NOT NULL"), 1);
}

TEST_F(SourcesCollectionTest, AKeyFileOthersCanReadIsRefusedNamingTheProfileLine) {
  WriteRegistryProfile();
  ASSERT_EQ(chmod((sources_dir() + "/ch.env").c_str(), 0644), 0);
  const config::HarrierConfig cfg = Config();
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  const Status st = collector.Init();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("registry.toml:"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("companies_house.api_key_file"), std::string::npos) << st.ToString();
  EXPECT_EQ(st.message().find(SourcesWorld::kApiKey), std::string::npos);
  EXPECT_EQ(world_.ch().TotalRequests(), 0);
}

TEST_F(SourcesCollectionTest, ARefreshRecordsTheRegisteredOfficeMoveAsANewVersion) {
  WriteRegistryProfile();
  const config::HarrierConfig cfg = Config();
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  const std::string a = SourcesWorld::kCompanyA;
  ASSERT_EQ(Count("SELECT current_version FROM registry_company WHERE number = '" + a + "'"), 1);

  // Company A moves its registered office between two runs.
  std::ifstream in(kSrc + "/tests/data/world/ch/company/" + a + ".json");
  std::stringstream text;
  text << in.rdbuf();
  std::string moved = text.str();
  const size_t at = moved.find(SourcesWorld::kSharedPostcode);
  ASSERT_NE(at, std::string::npos);
  moved.replace(at, std::string(SourcesWorld::kSharedPostcode).size(), "TE9 1AA");
  world_.ch().SetHandler("/company/" + a, [moved](const httplib::Request&, httplib::Response& res) {
    res.set_content(moved, "application/json");
  });
  clock_.Advance(std::chrono::hours(7));  // past the source's schedule
  RunPass(collector);
  EXPECT_EQ(Count("SELECT current_version FROM registry_company WHERE number = '" + a + "'"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_change c JOIN registry_company r "
                  "ON r.id = c.company_id WHERE r.number = '" +
                  a + "' AND c.kind = 'address_change'"),
            1);
  // The old postcode still shows the company, as history.
  auto there =
      store_->RegistryEntitiesForSelector(SelectorKind::kPostcode, SourcesWorld::kSharedPostcode);
  ASSERT_TRUE(there.ok());
  ASSERT_EQ(there->size(), 1u);
  EXPECT_FALSE(there->front().current);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM run WHERE finished_ms IS NOT NULL"), 2);
}

TEST_F(SourcesCollectionTest, ARestartMidWalkResumesTheRunWithinItsBudgetAndLosesNothing) {
  WriteRegistryProfile();
  const config::HarrierConfig cfg = Config();
  {
    scrapers::CurlFetcher fetcher(cfg.fetch);
    daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
    ASSERT_TRUE(collector.Init().ok());
    collector.MakeAllDueNow();
    // Until some of the network is stored, then the daemon goes away with
    // requests still in flight.
    for (int i = 0; i < 2000 && Count("SELECT COUNT(*) FROM registry_company") < 2; ++i) {
      ASSERT_TRUE(collector.Step(20ms).ok());
    }
    ASSERT_TRUE(collector.HasOpenRuns());
  }
  ASSERT_GE(Count("SELECT COUNT(*) FROM registry_company"), 1);
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM run"), 1) << "the open run was resumed, not a new one";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_company WHERE current_version > 0"),
            SourcesWorld::ExpectedCompanies());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_officer"), SourcesWorld::ExpectedOfficers());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_psc"), SourcesWorld::ExpectedPscs());
  EXPECT_LE(Count("SELECT requests FROM run"), SourcesWorld::kChRequestBudget);
  EXPECT_LE(world_.ch().TotalRequests(), SourcesWorld::kChRequestBudget);
}

TEST_F(SourcesCollectionTest, APostcodeSeedFindsTheCompanyRegisteredThereAndWalksFromIt) {
  WriteProfile("registry",
               "kind = \"companies_house\"\nmax_depth = 0\n"
               "allow_addresses = [\"127.0.0.1\"]\n[companies_house]\napi_base = \"" +
                   world_.ch_base() + "\"\napi_key_file = \"ch.env\"\npostcodes = [\"" +
                   SourcesWorld::kSharedPostcode + "\"]\n");
  const config::HarrierConfig cfg = Config();
  scrapers::CurlFetcher fetcher(cfg.fetch);
  daemon::Collector collector(cfg, *store_, fetcher, clock_, *blobs_, *warc_);
  ASSERT_TRUE(collector.Init().ok());
  RunPass(collector);
  // Only company A is registered at the postcode; depth 0 keeps to it.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM registry_company WHERE current_version > 0"), 1);
  EXPECT_EQ(Count(std::string("SELECT current_version FROM registry_company WHERE number = '") +
                  SourcesWorld::kCompanyA + "'"),
            1);
  bool searched = false;
  for (const std::string& path : world_.ChApiRequests()) {
    searched = searched || path.starts_with("/search/companies");
  }
  EXPECT_TRUE(searched);
}

}  // namespace
}  // namespace harrier
