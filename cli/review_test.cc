// The review commands: watching a selector raises alerts for adverts
// already stored, clusters and movement are shown (and audited first), and
// `audit verify` finds the row whose bytes were changed.
#include "cli/review.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/images.h"
#include "core/sha256.h"

namespace harrier::cli {
namespace {

using nlohmann::json;

constexpr int64_t kDay = 86400000;
constexpr int64_t kT0 = 1767225600000;  // 2026-01-01T00:00:00Z

class ReviewCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
    ASSERT_TRUE(source.ok());
    source_ = *source;
  }

  // Commits an advert mentioning `phone` (E.164), located in `town`, and
  // links it as the daemon does. Returns its id.
  int64_t AddAdvert(const std::string& path, const std::string& phone, const std::string& town,
                    int64_t at, const std::vector<std::string>& images = {}) {
    const std::string url = "http://site.test" + path;
    auto run = store_->StartRun(source_, {url}, at);
    EXPECT_TRUE(run.ok());
    auto items = store_->LeaseFrontier(*run, 10, at);
    EXPECT_TRUE(items.ok() && items->size() == 1u);
    store::PageCommit page;
    page.item = items->front();
    page.capture.source_id = source_;
    page.capture.run_id = *run;
    page.capture.url = page.capture.final_url = url;
    page.capture.http_status = 200;
    page.capture.fetched_ms = at;
    page.capture.body_sha256 = Sha256Hex(url);
    page.now_ms = at;
    store::AdvertInput advert;
    advert.url = url;
    advert.title = "Advert " + path;
    advert.body = "call " + phone;
    advert.location = town;
    advert.image_urls = images;
    store::MentionInput m;
    m.selector.kind = SelectorKind::kPhone;
    m.selector.value = phone;
    m.selector.raw = phone;
    m.field = "body";
    advert.mentions = {m};
    page.advert = advert;
    auto committed = store_->CommitPage(page);
    EXPECT_TRUE(committed.ok()) << committed.status().ToString();
    EXPECT_TRUE(store_->LinkDocument(committed->document_id, at).ok());
    return committed->document_id;
  }

  // Fetches the image at `path` (queued by the advert that shows it) with
  // these bytes and links it. Returns its SHA-256.
  std::string FetchImage(const std::string& path, const std::string& bytes, int64_t at) {
    const std::string url = "http://site.test" + path;
    auto run = store_->StartRun(source_, {}, at);
    EXPECT_TRUE(run.ok());
    EXPECT_TRUE(store_->Enqueue(source_, *run, {url}, store::FrontierKind::kImage, 0, at).ok());
    auto items = store_->LeaseFrontier(*run, 10, at);
    EXPECT_TRUE(items.ok() && items->size() == 1u);
    store::ImageCommit image;
    image.item = items->front();
    image.capture.source_id = source_;
    image.capture.run_id = *run;
    image.capture.url = image.capture.final_url = url;
    image.capture.http_status = 200;
    image.capture.fetched_ms = at;
    image.capture.body_sha256 = image.sha256 = Sha256Hex(bytes);
    image.size = static_cast<int64_t>(bytes.size());
    image.mime = "image/png";
    image.blob_path = "blobs/" + image.sha256;
    image.now_ms = at;
    EXPECT_TRUE(store_->CommitImage(image).ok());
    EXPECT_TRUE(store_->LinkImage(image.sha256, at).ok());
    return image.sha256;
  }

  CommandContext Ctx(bool json = true) {
    return CommandContext{*store_, extractor_, clock_, out_, json, "analyst1", "OP-HERON check"};
  }

  std::vector<std::string> AuditActions(int n) {
    std::vector<std::string> actions;
    Result<std::vector<store::AuditRow>> rows = store_->ListAudit(n);
    EXPECT_TRUE(rows.ok());
    if (rows.ok()) {
      for (const store::AuditRow& row : *rows) actions.push_back(row.action);
    }
    return actions;
  }

  std::unique_ptr<store::Store> store_;
  int64_t source_ = 0;
  extractors::TextExtractor extractor_;
  FakeClock clock_;
  std::ostringstream out_;
};

TEST_F(ReviewCommandsTest, OnlySelectorKindsOtherThanPlaceAreWatchedAsSelectors) {
  EXPECT_TRUE(IsWatchableKind("phone"));
  EXPECT_TRUE(IsWatchableKind("bank_account"));
  EXPECT_FALSE(IsWatchableKind("place"));
  EXPECT_FALSE(IsWatchableKind("photo.png"));  // the photo form of `watchlist add`
}

TEST_F(ReviewCommandsTest, WatchingAPhoneAsTypedRaisesAlertsForTheAdvertsAlreadyStored) {
  AddAdvert("/advert/1", "+447700900123", "Leeds", kT0);
  AddAdvert("/advert/2", "+447700900123", "Hull", kT0 + kDay);
  AddAdvert("/advert/3", "+447700900999", "York", kT0 + kDay);
  auto ctx = Ctx();
  ASSERT_TRUE(
      CmdWatchlistAddSelector(ctx, {"phone", "07700 900123", "op-heron", "report 17"}).ok());
  json added = json::parse(out_.str());
  EXPECT_EQ(added["value"], "+447700900123");
  EXPECT_EQ(added["alerts"].size(), 2u);
  EXPECT_EQ(AuditActions(2),
            (std::vector<std::string>{"combination.watchlist_match", "watchlist.add"}));
  out_.str("");
  ASSERT_TRUE(CmdAlerts(ctx, "open").ok());
  json alerts = json::parse(out_.str());
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0]["kind"], "watchlist_selector");
  EXPECT_EQ(alerts[0]["selector_value"], "+447700900123");
  EXPECT_EQ(alerts[0]["operation"], "op-heron");
  out_.str("");
  ASSERT_TRUE(CmdWatchlistListAll(ctx).ok());
  json listed = json::parse(out_.str());
  EXPECT_EQ(listed["photos"].size(), 0u);
  ASSERT_EQ(listed["selectors"].size(), 1u);
  EXPECT_EQ(listed["selectors"][0]["reason"], "report 17");
  EXPECT_EQ(CmdWatchlistAddSelector(ctx, {"place", "Leeds", "op-heron", "x"}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(CmdWatchlistAddSelector(ctx, {"phone", "not a number", "op-heron", "x"}).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(ReviewCommandsTest,
       AClusterIsListedAndShownWithTheSharedPhoneAfterTheConsultationIsAudited) {
  const int64_t a = AddAdvert("/advert/1", "+447700900123", "Leeds", kT0);
  const int64_t b = AddAdvert("/advert/2", "+447700900123", "Hull", kT0 + kDay);
  AddAdvert("/advert/3", "+447700900999", "York", kT0 + kDay);
  auto ctx = Ctx();
  ASSERT_TRUE(CmdClusters(ctx, 2).ok());
  json clusters = json::parse(out_.str());
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0]["size"], 2);
  EXPECT_EQ(clusters[0]["selectors"]["phone"], 1);
  EXPECT_EQ(clusters[0]["towns"], (std::vector<std::string>{"Hull", "Leeds"}));
  out_.str("");
  ASSERT_TRUE(CmdShowCluster(ctx, clusters[0]["id"].get<int64_t>()).ok());
  json shown = json::parse(out_.str());
  ASSERT_EQ(shown["adverts"].size(), 2u);
  EXPECT_EQ(shown["adverts"][0]["id"], a);
  EXPECT_EQ(shown["adverts"][1]["id"], b);
  ASSERT_EQ(shown["shared_selectors"].size(), 1u);
  EXPECT_EQ(shown["shared_selectors"][0]["value"], "+447700900123");
  EXPECT_EQ(shown["edges"].size(), 2u);
  EXPECT_EQ(AuditActions(2),
            (std::vector<std::string>{"consultation.cluster", "consultation.clusters"}));
  EXPECT_EQ(CmdShowCluster(ctx, 999).code(), StatusCode::kNotFound);
}

TEST_F(ReviewCommandsTest, MovementSaysWhichTownsAndWithinHowManyDays) {
  AddAdvert("/advert/1", "+447700900123", "Leeds", kT0);
  AddAdvert("/advert/2", "+447700900123", "Hull", kT0 + 4 * kDay);
  AddAdvert("/advert/3", "+447700900123", "York", kT0 + 9 * kDay);
  auto ctx = Ctx(/*json=*/false);
  ASSERT_TRUE(CmdMovement(ctx, "phone", "07700 900123").ok());
  EXPECT_NE(out_.str().find("the same number in Leeds, Hull and York within 9 days"),
            std::string::npos)
      << out_.str();
  EXPECT_EQ(AuditActions(1), (std::vector<std::string>{"consultation.movement"}));
}

TEST_F(ReviewCommandsTest, AuditVerifyReportsTheRowWhoseBytesWereChanged) {
  auto ctx = Ctx(/*json=*/false);
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(CmdClusters(ctx, 2).ok());
  out_.str("");
  ASSERT_TRUE(CmdAuditVerify(ctx).ok());
  EXPECT_EQ(out_.str(), "audit chain intact: 5 rows\n");
  // Tampering needs the append-only trigger gone first, as an attacker with
  // the file would do; one byte of row 3's detail is flipped.
  sqlite3* db = store_->RawHandleForTesting();
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audit_no_update", nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE audit SET detail = substr(detail, 1, 2) || "
                         "char((unicode(substr(detail, 3, 1)) | 1) - "
                         "(unicode(substr(detail, 3, 1)) & 1)) || substr(detail, 4) WHERE id = 3",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  out_.str("");
  const Status st = CmdAuditVerify(ctx);
  EXPECT_EQ(st.code(), StatusCode::kCorrupt);
  EXPECT_EQ(out_.str(), "audit chain broken at row 3\n");
}

TEST_F(ReviewCommandsTest, RejectingANearDuplicatePairUnlinksItsAdvertsAndIsAudited) {
  const int64_t a =
      AddAdvert("/advert/1", "+447700900111", "Leeds", kT0, {"http://site.test/img/1.png"});
  const int64_t b =
      AddAdvert("/advert/2", "+447700900222", "Hull", kT0, {"http://site.test/img/2.png"});
  const std::string one = FetchImage("/img/1.png", "first drawn photo", kT0 + 1);
  const std::string two = FetchImage("/img/2.png", "second drawn photo", kT0 + 2);
  ASSERT_TRUE(*store_->RecordImageMatch({one, two, 12, "pdq", kT0 + 3}));
  ASSERT_TRUE(store_->LinkImage(one, kT0 + 3).ok());
  ASSERT_EQ(**store_->ClusterOfDocument(a), **store_->ClusterOfDocument(b));
  auto ctx = Ctx();
  ASSERT_TRUE(CmdPairs(ctx, "open").ok());
  json pairs = json::parse(out_.str());
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0]["adverts_a"].size() + pairs[0]["adverts_b"].size(), 2u);
  out_.str("");
  ASSERT_TRUE(CmdPairDecide(ctx, pairs[0]["id"].get<int64_t>(), "rejected", "not her").ok());
  EXPECT_NE(**store_->ClusterOfDocument(a), **store_->ClusterOfDocument(b));
  EXPECT_EQ(AuditActions(1), (std::vector<std::string>{"alteration.image_pair"}));
}

TEST_F(ReviewCommandsTest, DecidingAPairThatDoesNotExistIsNotFoundAndStillAudited) {
  auto ctx = Ctx(/*json=*/false);
  ASSERT_TRUE(CmdPairs(ctx, "open").ok());
  EXPECT_EQ(out_.str(), "(no image pairs)\n");
  EXPECT_EQ(CmdPairDecide(ctx, 42, "rejected", "not her").code(), StatusCode::kNotFound);
  EXPECT_EQ(AuditActions(2),
            (std::vector<std::string>{"alteration.image_pair", "consultation.image_pairs"}));
}

}  // namespace
}  // namespace harrier::cli
