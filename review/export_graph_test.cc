// BuildExportGraph over a real store: identities, links, provenance.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "core/sha256.h"
#include "review/export.h"
#include "store/store.h"

namespace harrier::review {
namespace {

constexpr int64_t kT = 1795332930000;  // 2026-11-22T07:35:30Z

class ExportGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::Open({":memory:"});
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    auto source = store_->UpsertSource("demo", "site", "DEMO-0001");
    ASSERT_TRUE(source.ok());
    source_ = *source;
    a_ = Page("http://site.test/advert/1.html", "+447700900123", "anna@example.com",
              "http://site.test/img/1.png", kT);
    b_ = Page("http://site.test/advert/2.html", "+447700900123", "btc:bc1qexampleexample",
              "http://site.test/img/2.png", kT + 3600000);
    ASSERT_TRUE(
        store_
            ->RecordImageMatch(
                {Sha256Hex(Png(1)) < Sha256Hex(Png(2)) ? Sha256Hex(Png(1)) : Sha256Hex(Png(2)),
                 Sha256Hex(Png(1)) < Sha256Hex(Png(2)) ? Sha256Hex(Png(2)) : Sha256Hex(Png(1)), 14,
                 "pdq", kT + 7200000})
            .ok());
  }

  static std::string Png(int n) { return "\x89PNG\r\n\x1a\nimage" + std::to_string(n); }

  // One advert page mentioning a phone and a second selector, showing one image.
  int64_t Page(const std::string& url, const std::string& phone, const std::string& other,
               const std::string& image_url, int64_t at) {
    auto run = store_->StartRun(source_, {url}, at);
    EXPECT_TRUE(run.ok());
    auto items = store_->LeaseFrontier(*run, 10, at);
    EXPECT_TRUE(items.ok() && items->size() == 1u);
    store::PageCommit page;
    page.item = items->front();
    page.item.kind = store::FrontierKind::kAdvert;
    page.capture.source_id = source_;
    page.capture.run_id = *run;
    page.capture.url = page.capture.final_url = url;
    page.capture.http_status = 200;
    page.capture.fetched_ms = at;
    page.capture.body_sha256 = Sha256Hex(url);
    page.capture.warc_file = "harrier-1.warc.gz";
    page.capture.warc_offset = 10;
    page.capture.warc_length = 20;
    store::AdvertInput ad;
    ad.url = url;
    ad.title = "Advert at " + url;
    ad.body = "Call " + phone;
    ad.image_urls = {image_url};
    auto mention = [](SelectorKind k, const std::string& v) {
      store::MentionInput m;
      m.selector.kind = k;
      m.selector.value = m.selector.raw = v;
      m.field = "body";
      return m;
    };
    ad.mentions = {
        mention(SelectorKind::kPhone, phone),
        mention(other.find('@') != std::string::npos ? SelectorKind::kEmail : SelectorKind::kWallet,
                other)};
    page.advert = ad;
    page.now_ms = at;
    auto committed = store_->CommitPage(page);
    EXPECT_TRUE(committed.ok()) << committed.status().ToString();
    auto images = store_->LeaseFrontier(*run, 10, at + 10);
    EXPECT_TRUE(images.ok() && images->size() == 1u);
    std::string png = Png(url.back() == 'l' && url.find("/1.") != std::string::npos ? 1 : 2);
    store::ImageCommit image;
    image.item = images->front();
    image.capture.source_id = source_;
    image.capture.run_id = *run;
    image.capture.url = image.capture.final_url = image.item.url;
    image.capture.http_status = 200;
    image.capture.fetched_ms = at + 10;
    image.capture.body_sha256 = Sha256Hex(png);
    image.sha256 = Sha256Hex(png);
    image.size = static_cast<int64_t>(png.size());
    image.mime = "image/png";
    image.now_ms = at + 10;
    EXPECT_TRUE(store_->CommitImage(image).ok());
    return committed->document_id;
  }

  std::unique_ptr<store::Store> store_;
  int64_t source_ = 0, a_ = 0, b_ = 0;
};

TEST_F(ExportGraphTest, AdvertsSelectorsAndImagesGetStableUniqueIdentities) {
  Result<ExportGraph> g = BuildExportGraph(*store_, {{a_, b_}, {}});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  std::set<std::string> ids;
  for (const ExportEntity& e : g->entities) EXPECT_TRUE(ids.insert(e.identity).second);
  const std::string advert =
      "ADVERT-" + Sha256Hex("demo\nhttp://site.test/advert/1.html").substr(0, 16);
  ASSERT_NE(g->Find(advert), nullptr);
  EXPECT_EQ(g->Find(advert)->document_id, a_);
  ASSERT_NE(g->Find("+447700900123"), nullptr);
  EXPECT_EQ(g->Find("+447700900123")->type, EntityType::kPhone);
  EXPECT_NE(g->Find("anna@example.com"), nullptr);
  EXPECT_NE(g->Find("bc1qexampleexample"), nullptr);  // the address, without Harrier's prefix
  EXPECT_NE(g->Find("IMAGE-" + Sha256Hex(Png(1)).substr(0, 16)), nullptr);
  EXPECT_EQ(ids.size(), 2u + 3u + 2u);  // 2 adverts, 3 selectors, 2 images
}

TEST_F(ExportGraphTest, LinksCarryTheCaptureThatShowedThem) {
  Result<ExportGraph> g = BuildExportGraph(*store_, {{a_, b_}, {}});
  ASSERT_TRUE(g.ok());
  int mentions = 0, shows = 0, near = 0;
  for (const ExportLink& l : g->links) {
    ASSERT_NE(g->Find(l.end1), nullptr);
    ASSERT_NE(g->Find(l.end2), nullptr);
    if (l.type == LinkType::kMentions) {
      ++mentions;
      EXPECT_EQ(l.strength, LinkStrength::kUnconfirmed);
      if (l.end1 == g->entities[0].identity) {
        EXPECT_EQ(l.date_ms, kT);
        EXPECT_EQ(l.source_url, "http://site.test/advert/1.html");
        EXPECT_EQ(l.capture_sha256, Sha256Hex("http://site.test/advert/1.html"));
      }
    }
    if (l.type == LinkType::kShows) ++shows;
    if (l.type == LinkType::kNearDuplicate) {
      ++near;
      EXPECT_EQ(l.distance, 14);
      EXPECT_EQ(l.strength, LinkStrength::kTentative);
    }
  }
  EXPECT_EQ(mentions, 4);
  EXPECT_EQ(shows, 2);
  EXPECT_EQ(near, 1);
  const ExportEntity* advert = g->Find(g->entities[0].identity);
  EXPECT_EQ(advert->provenance.warc_file, "harrier-1.warc.gz");
  EXPECT_EQ(advert->provenance.warc_offset, 10);
  EXPECT_EQ(advert->provenance.source, "demo");
  const ExportEntity* phone = g->Find("+447700900123");
  EXPECT_EQ(phone->provenance.capture_ms, kT);  // the earliest advert that showed it
}

TEST_F(ExportGraphTest, AnalystsDecisionSetsTheNearDuplicateLink) {
  auto near = [&]() -> std::optional<ExportLink> {
    Result<ExportGraph> g = BuildExportGraph(*store_, {{a_, b_}, {}});
    EXPECT_TRUE(g.ok());
    for (const ExportLink& l : g->links) {
      if (l.type == LinkType::kNearDuplicate) return l;
    }
    return std::nullopt;
  };
  ASSERT_EQ(near()->strength, LinkStrength::kTentative);
  // Schema 5's decision columns; the review UI writes them.
  sqlite3* db = store_->RawHandleForTesting();
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE image_match SET status = 'confirmed'", nullptr, nullptr, nullptr),
      SQLITE_OK);
  ASSERT_EQ(near()->strength, LinkStrength::kConfirmed);
  ASSERT_EQ(
      sqlite3_exec(db, "UPDATE image_match SET status = 'rejected'", nullptr, nullptr, nullptr),
      SQLITE_OK);
  EXPECT_FALSE(near().has_value());
}

TEST_F(ExportGraphTest, SelectorSelectionTakesTheAdvertsMentioningIt) {
  Result<ExportGraph> g =
      BuildExportGraph(*store_, {{}, {{SelectorKind::kEmail, "anna@example.com"}}});
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  int adverts = 0;
  for (const ExportEntity& e : g->entities) adverts += e.type == EntityType::kAdvert;
  EXPECT_EQ(adverts, 1);
  // The near-duplicate's other image comes along, its advert does not.
  EXPECT_NE(g->Find("IMAGE-" + Sha256Hex(Png(2)).substr(0, 16)), nullptr);
}

TEST_F(ExportGraphTest, UnknownAdvertOrEmptySelectionIsAnError) {
  EXPECT_EQ(BuildExportGraph(*store_, {{a_ + 100}, {}}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(BuildExportGraph(*store_, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(
      BuildExportGraph(*store_, {{}, {{SelectorKind::kPhone, "+447700900999"}}}).status().code(),
      StatusCode::kInvalidArgument);
}

TEST_F(ExportGraphTest, EveryWriterAcceptsTheGraphAndFtmValidates) {
  Result<ExportGraph> g = BuildExportGraph(*store_, {{a_, b_}, {}});
  ASSERT_TRUE(g.ok());
  Grading grading;
  grading.source_evaluation = '1';
  grading.intelligence_assessment = 'A';
  grading.handling_code = 'P';
  for (ExportFormat f : {ExportFormat::kI2Csv, ExportFormat::kAnx, ExportFormat::kFtm,
                         ExportFormat::kCsv, ExportFormat::kReportHtml, ExportFormat::kReportPdf}) {
    Result<std::string> out = WriteExport(f, *g, grading, {"analyst1", "DS Example", "test", kT});
    ASSERT_TRUE(out.ok()) << ExportFormatName(f) << ": " << out.status().ToString();
    EXPECT_FALSE(out->empty());
    if (f == ExportFormat::kFtm) {
      Status st = ValidateFtm(*out);
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
  }
}

TEST_F(ExportGraphTest, PrepareExportRefusesWithoutRecipientReasonOrGrade) {
  Grading graded;
  graded.source_evaluation = '2';
  graded.intelligence_assessment = 'B';
  graded.handling_code = 'P';
  ExportSelection sel{{a_}, {}};
  EXPECT_EQ(PrepareExport(*store_, sel, ExportFormat::kCsv, graded, {"analyst1", "", "why", kT})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(PrepareExport(*store_, sel, ExportFormat::kCsv, graded, {"analyst1", "DS X", " ", kT})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(
      PrepareExport(*store_, sel, ExportFormat::kCsv, Grading{}, {"analyst1", "DS X", "why", kT})
          .status()
          .code(),
      StatusCode::kInvalidArgument);
}

TEST_F(ExportGraphTest, PreparedAuditRowNamesRecipientGradeObjectsAndDigest) {
  Grading graded;
  graded.source_evaluation = '2';
  graded.intelligence_assessment = 'B';
  graded.handling_code = 'P';
  Result<PreparedExport> p =
      PrepareExport(*store_, {{a_}, {{SelectorKind::kPhone, "+447700900123"}}},
                    ExportFormat::kReportPdf, graded, {"analyst1", "DS X", "OP-TEST-7", kT});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->sha256, Sha256Hex(p->bytes));
  EXPECT_EQ(p->mime_type, "application/pdf");
  EXPECT_EQ(p->file_name, "harrier-report-pdf-20261122T073530Z.pdf");
  EXPECT_EQ(p->audit.action, "disclosure.export");
  EXPECT_EQ(p->audit.actor, "analyst1");
  EXPECT_EQ(p->audit.at_ms, kT);
  EXPECT_EQ(p->audit.object, "export:report-pdf");
  for (const std::string& needle :
       {std::string("\"recipient\":\"DS X\""), std::string("\"grade\":\"2/B/P\""),
        std::string("\"justification\":\"OP-TEST-7\""), "\"sha256\":\"" + p->sha256 + "\"",
        std::string("\"selected_selectors\":[\"phone:+447700900123\"]"),
        "\"adverts\":[" + std::to_string(a_) + "," + std::to_string(b_) + "]"}) {
    EXPECT_NE(p->audit.detail.find(needle), std::string::npos)
        << needle << " in " << p->audit.detail;
  }
}

}  // namespace
}  // namespace harrier::review
