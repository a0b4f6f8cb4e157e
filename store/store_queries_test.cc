// Reads for the CLI and review: summary and shared selectors, search by
// selector, the document view, recent errors and listings.
#include <gtest/gtest.h>

#include "store/store.h"
#include "store/store_test_util.h"

namespace harrier::store {
namespace {

using testing::Advert;
using testing::kT0;
using testing::Mention;
using testing::PageFor;
using testing::StoreFixture;

const std::string kPhone1 = "+447700900001";
const std::string kPhone2 = "+447700900002";
const std::string kPhone3 = "+447700900003";

class StoreQueryTest : public StoreFixture {
 protected:
  // Commits an advert in a run of its own; returns its document id.
  int64_t See(const AdvertInput& ad, int64_t now = kT0) {
    const int64_t run = StartRun({ad.url}, now);
    return Commit(PageFor(LeaseUrl(run, ad.url, now), now, ad)).document_id;
  }
};

TEST_F(StoreQueryTest, SummaryCountsRowsAndSelectorsByKind) {
  See(Advert("https://ex.test/a", "a",
             {Mention(SelectorKind::kPhone, kPhone1),
              Mention(SelectorKind::kEmail, "a@ex.test", "title")}));
  See(Advert("https://ex.test/b", "b",
             {Mention(SelectorKind::kPhone, kPhone1),
              Mention(SelectorKind::kPhone, kPhone2, "body", 20)}));
  See(Advert("https://ex.test/b", "b changed", {Mention(SelectorKind::kPhone, kPhone2)}), kT0 + 10);
  Result<Summary> s = store_->GetSummary();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->documents, 2);
  EXPECT_EQ(s->document_versions, 3);
  EXPECT_EQ(s->captures, 3);
  EXPECT_EQ(s->images, 0);
  EXPECT_EQ(s->mentions, 5);
  ASSERT_EQ(s->selectors_by_kind.size(), 2u);
  EXPECT_EQ(s->selectors_by_kind[0].kind, "email");
  EXPECT_EQ(s->selectors_by_kind[0].count, 1);
  EXPECT_EQ(s->selectors_by_kind[1].kind, "phone");
  EXPECT_EQ(s->selectors_by_kind[1].count, 2);
}

TEST_F(StoreQueryTest, SharedSelectorsAreThoseOfTwoOrMoreCurrentDocumentsMostFirst) {
  auto m = [](SelectorKind kind, const std::string& value) { return Mention(kind, value); };
  const int64_t a =
      See(Advert("https://ex.test/a", "a",
                 {m(SelectorKind::kPhone, kPhone1), m(SelectorKind::kEmail, "e2@x"),
                  m(SelectorKind::kEmail, "e1@x"), m(SelectorKind::kPhone, kPhone3),
                  m(SelectorKind::kPostcode, "B1 1AA"), m(SelectorKind::kPhone, kPhone2)}));
  const int64_t b = See(Advert("https://ex.test/b", "b",
                               {m(SelectorKind::kPhone, kPhone3), m(SelectorKind::kEmail, "e1@x"),
                                m(SelectorKind::kEmail, "e2@x"), m(SelectorKind::kPhone, kPhone1),
                                m(SelectorKind::kPhone, kPhone2)}));
  const int64_t c = See(Advert("https://ex.test/c", "c", {m(SelectorKind::kPhone, kPhone1)}));
  // A's new version drops phone 2: only B's current version still has it.
  See(Advert("https://ex.test/a", "a v2",
             {m(SelectorKind::kPhone, kPhone1), m(SelectorKind::kEmail, "e2@x"),
              m(SelectorKind::kEmail, "e1@x"), m(SelectorKind::kPhone, kPhone3)}),
      kT0 + 10);
  Result<Summary> s = store_->GetSummary();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const struct {
    const char* kind;
    std::string value;
    std::vector<int64_t> documents;
  } kWant[] = {
      {"phone", kPhone1, {a, b, c}},
      {"email", "e1@x", {a, b}},
      {"email", "e2@x", {a, b}},
      {"phone", kPhone3, {a, b}},
  };
  ASSERT_EQ(s->shared.size(), std::size(kWant));
  for (size_t i = 0; i < std::size(kWant); ++i) {
    EXPECT_EQ(s->shared[i].kind, kWant[i].kind) << i;
    EXPECT_EQ(s->shared[i].value, kWant[i].value) << i;
    EXPECT_EQ(s->shared[i].document_ids, kWant[i].documents) << i;
  }
}

TEST_F(StoreQueryTest, SharedSelectorsLeaveOutPlaces) {
  const std::string leeds = "Leeds, City and Borough of Leeds, GB";
  See(Advert("https://ex.test/a", "a", {Mention(SelectorKind::kPlace, leeds)}));
  See(Advert("https://ex.test/b", "b", {Mention(SelectorKind::kPlace, leeds)}));
  Result<Summary> summary = store_->GetSummary();
  ASSERT_TRUE(summary.ok());
  EXPECT_TRUE(summary->shared.empty());
  ASSERT_EQ(summary->selectors_by_kind.size(), 1u);
  EXPECT_EQ(summary->selectors_by_kind[0].kind, "place");
}

TEST_F(StoreQueryTest, FindDocumentsBySelectorLooksAtCurrentVersionsOnly) {
  const int64_t a =
      See(Advert("https://ex.test/a", "a",
                 {Mention(SelectorKind::kPhone, kPhone1), Mention(SelectorKind::kPhone, kPhone2)}));
  const int64_t b =
      See(Advert("https://ex.test/b", "b", {Mention(SelectorKind::kPhone, kPhone1)}), kT0 + 5);
  See(Advert("https://ex.test/a", "a v2", {Mention(SelectorKind::kPhone, kPhone1)}), kT0 + 10);
  const struct {
    std::string value;
    std::vector<int64_t> want;  // newest sighting first
  } kCases[] = {{kPhone1, {a, b}}, {kPhone2, {}}, {kPhone3, {}}};
  for (const auto& c : kCases) {
    Result<std::vector<DocumentSummary>> docs =
        store_->FindDocumentsBySelector(SelectorKind::kPhone, c.value);
    ASSERT_TRUE(docs.ok()) << docs.status().ToString();
    std::vector<int64_t> ids;
    for (const DocumentSummary& d : *docs) ids.push_back(d.id);
    EXPECT_EQ(ids, c.want) << c.value;
  }
  Result<std::vector<DocumentSummary>> docs =
      store_->FindDocumentsBySelector(SelectorKind::kPhone, kPhone1);
  EXPECT_EQ((*docs)[0].source, "demo");
  EXPECT_EQ((*docs)[0].version, 2);
  EXPECT_EQ((*docs)[0].title, "Title of https://ex.test/a");
  EXPECT_EQ((*docs)[0].location, "Birmingham");
}

TEST_F(StoreQueryTest, GetDocumentReturnsMentionsImagesInPageOrderAndCapturesNewestFirst) {
  const std::string url = "https://ex.test/a";
  const std::string img1 = "https://img.ex.test/1.jpg";
  const std::string img2 = "https://img.ex.test/2.jpg";
  AdvertInput ad = Advert(url, "call +44 7700 900001",
                          {Mention(SelectorKind::kPhone, kPhone1, "body", 5)}, {img2, img1});
  ad.mentions[0].selector.raw = "+44 7700 900001";
  const int64_t run = StartRun({url});
  const int64_t id = Commit(PageFor(LeaseUrl(run, url), kT0, ad)).document_id;
  CommitImage(LeaseUrl(run, img1), "jpeg bytes one", kT0 + 1);
  See(ad, kT0 + 50);  // seen again, unchanged: a second capture

  Result<std::optional<DocumentDetail>> got = store_->GetDocument(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->has_value());
  const DocumentDetail& d = **got;
  EXPECT_EQ(d.summary.id, id);
  EXPECT_EQ(d.summary.url, url);
  EXPECT_EQ(d.summary.first_seen_ms, kT0);
  EXPECT_EQ(d.summary.last_seen_ms, kT0 + 50);
  EXPECT_EQ(d.body, "call +44 7700 900001");
  EXPECT_EQ(d.posted, "today");
  EXPECT_EQ(d.versions, 1);
  ASSERT_EQ(d.mentions.size(), 1u);
  EXPECT_EQ(d.mentions[0].kind, "phone");
  EXPECT_EQ(d.mentions[0].value, kPhone1);
  EXPECT_EQ(d.mentions[0].field, "body");
  EXPECT_EQ(d.mentions[0].raw, "+44 7700 900001");
  EXPECT_EQ(d.mentions[0].snippet, "call " + kPhone1 + " now");
  ASSERT_EQ(d.images.size(), 2u);
  EXPECT_EQ(d.images[0].url, img2);
  EXPECT_EQ(d.images[0].sha256, "");  // not fetched
  EXPECT_EQ(d.images[1].url, img1);
  EXPECT_EQ(d.images[1].sha256, Sha256Hex("jpeg bytes one"));
  EXPECT_EQ(d.images[1].size, 14);
  EXPECT_EQ(d.images[1].mime, "image/jpeg");
  EXPECT_EQ(d.images[1].blob_path, "blobs/" + Sha256Hex("jpeg bytes one"));
  ASSERT_EQ(d.captures.size(), 2u);
  EXPECT_EQ(d.captures[0].fetched_ms, kT0 + 50);
  EXPECT_EQ(d.captures[1].fetched_ms, kT0);
  EXPECT_EQ(d.captures[1].http_status, 200);
  EXPECT_EQ(d.captures[1].remote_ip, "192.0.2.1");
  EXPECT_EQ(d.captures[1].body_sha256, Sha256Hex(url + "call +44 7700 900001"));
}

TEST_F(StoreQueryTest, GetDocumentReturnsSelectorDetailAndTheIndicatorScoreWithEveryHit) {
  const std::string url = "https://ex.test/scored";
  AdvertInput ad = Advert(url, "she is waiting for you, 24/7",
                          {Mention(SelectorKind::kPhone, "+441134960000", "body", 0)});
  ad.mentions[0].selector.detail = "Leeds";
  ad.mentions[0].selector.confidence = 0.8;
  IndicatorInput scored{"2026-12-06.1", 3, "review", "T01", {}};
  scored.hits.push_back({"T01", "third-party voice", "text", "medium", true, "body",
                         "she is waiting", "she is waiting for you", 0, 14, "a controller"});
  scored.hits.push_back({"T06", "nationality as selling point", "text", "low", false, "body",
                         "new Ruritanian", "new Ruritanian girl", 20, 34, "gated"});
  ad.indicators = scored;
  const int64_t id = See(ad);

  Result<std::optional<DocumentDetail>> got = store_->GetDocument(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->has_value());
  const DocumentDetail& d = **got;
  ASSERT_EQ(d.mentions.size(), 1u);
  EXPECT_EQ(d.mentions[0].detail, "Leeds");
  EXPECT_DOUBLE_EQ(d.mentions[0].confidence, 0.8);
  ASSERT_TRUE(d.indicators.has_value());
  EXPECT_EQ(d.indicators->ruleset_version, "2026-12-06.1");
  EXPECT_DOUBLE_EQ(d.indicators->score, 3);
  EXPECT_EQ(d.indicators->band, "review");
  EXPECT_EQ(d.indicators->headline, "T01");
  ASSERT_EQ(d.indicators->hits.size(), 2u);
  EXPECT_EQ(d.indicators->hits[0].rule_id, "T01");
  EXPECT_EQ(d.indicators->hits[0].matched, "she is waiting");
  EXPECT_TRUE(d.indicators->hits[0].counted);
  EXPECT_EQ(d.indicators->hits[1].rule_id, "T06");
  EXPECT_FALSE(d.indicators->hits[1].counted);
  EXPECT_EQ(d.indicators->hits[1].rationale, "gated");

  // Scores are evidence of what the rules said at the time: immutable.
  EXPECT_NE(testing::ExecSql(store_->RawHandleForTesting(), "UPDATE indicator_score SET score = 0"),
            SQLITE_OK);
  EXPECT_NE(testing::ExecSql(store_->RawHandleForTesting(), "UPDATE indicator_hit SET counted = 1"),
            SQLITE_OK);
}

TEST_F(StoreQueryTest, AnUnscoredAdvertHasNoIndicatorsAndALaterDetailFillsAnEmptyOne) {
  const int64_t first =
      See(Advert("https://ex.test/p", "x", {Mention(SelectorKind::kPhone, kPhone1)}));
  AdvertInput again = Advert("https://ex.test/q", "y", {Mention(SelectorKind::kPhone, kPhone1)});
  again.mentions[0].selector.detail = "United Kingdom";
  See(again);
  Result<std::optional<DocumentDetail>> got = store_->GetDocument(first);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_FALSE((*got)->indicators.has_value());
  ASSERT_EQ((*got)->mentions.size(), 1u);
  EXPECT_EQ((*got)->mentions[0].detail, "United Kingdom");
}

TEST_F(StoreQueryTest, GetDocumentOfAnUnknownIdIsEmpty) {
  Result<std::optional<DocumentDetail>> got = store_->GetDocument(42);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());
}

TEST_F(StoreQueryTest, RecentErrorsAreNewestFirstWithTheSourceName) {
  const std::string a = "https://ex.test/a";
  const std::string b = "https://ex.test/b";
  std::vector<FrontierItem> items = LeaseAll(StartRun({a, b}));
  ASSERT_EQ(items.size(), 2u);
  ASSERT_TRUE(store_->CommitFailure({items[0], std::nullopt, "http 404", false, 3, kT0 + 10}).ok());
  const FrontierItem& item_b = items[1];
  CaptureRow refused = testing::CaptureFor(item_b, kT0 + 20, "");
  refused.http_status = 0;
  refused.body_sha256 = "";
  refused.error = "connection refused";
  ASSERT_TRUE(
      store_->CommitFailure({item_b, refused, "connection refused", true, 3, kT0 + 20}).ok());
  Result<std::vector<ErrorView>> errors = store_->RecentErrors(10);
  ASSERT_TRUE(errors.ok()) << errors.status().ToString();
  ASSERT_EQ(errors->size(), 2u);
  EXPECT_EQ((*errors)[0].source, "demo");
  EXPECT_EQ((*errors)[0].url, b);
  EXPECT_EQ((*errors)[0].error, "connection refused");
  EXPECT_EQ((*errors)[0].at_ms, kT0 + 20);
  EXPECT_EQ((*errors)[1].url, a);
  EXPECT_EQ((*errors)[1].error, "http 404");
  EXPECT_EQ((*errors)[1].at_ms, kT0 + 10);
  EXPECT_EQ(store_->RecentErrors(1)->size(), 1u);
  EXPECT_TRUE(store_->RecentErrors(0)->empty());
}

TEST_F(StoreQueryTest, ListDocumentsAndSourcesAreOrdered) {
  const int64_t b = See(Advert("https://ex.test/b", "b"));
  const int64_t a = See(Advert("https://ex.test/a", "a"));
  Result<std::vector<DocumentSummary>> docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].id, b);
  EXPECT_EQ((*docs)[1].id, a);
  ASSERT_TRUE(store_->UpsertSource("zeta", "site", "").ok());
  ASSERT_TRUE(store_->UpsertSource("alpha", "site", "").ok());
  std::vector<std::string> names;
  Result<std::vector<SourceRow>> sources = store_->ListSources();
  ASSERT_TRUE(sources.ok());
  for (const SourceRow& s : *sources) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"alpha", "demo", "zeta"}));
}

}  // namespace
}  // namespace harrier::store
