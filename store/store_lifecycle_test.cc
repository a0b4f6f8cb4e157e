// The store's part in defensible fetching (issue 3): authorisation on the
// source row, durable request budgets, backoff times, conditional-GET
// validators, removed adverts, egress/WARC columns and evidence reads.
#include <gtest/gtest.h>

#include "store/store.h"
#include "store/store_test_util.h"

namespace harrier::store::testing {
namespace {

using LifecycleTest = StoreFixture;

TEST_F(LifecycleTest, SourceKeepsItsAuthorisationAndRefusalState) {
  SourceRegistration reg;
  reg.name = "demo";
  reg.authorisation_ref = "DSA-9";
  reg.authorisation_type = "DSA";
  reg.authorised_by = "Supt Invented";
  reg.authorisation_starts = "2026-01-01";
  reg.authorisation_expires = "2026-03-31";
  Result<int64_t> id = store_->UpsertSource(reg);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, source_);  // same name: same source, profile updated
  ASSERT_TRUE(store_->SetSourceState(source_, "refused: authorisation expired", kT0).ok());
  Result<std::vector<SourceRow>> rows = store_->ListSources();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const SourceRow& row = rows->front();
  EXPECT_EQ(row.authorisation_ref, "DSA-9");
  EXPECT_EQ(row.authorisation_type, "DSA");
  EXPECT_EQ(row.authorised_by, "Supt Invented");
  EXPECT_EQ(row.authorisation_starts, "2026-01-01");
  EXPECT_EQ(row.authorisation_expires, "2026-03-31");
  EXPECT_EQ(row.state, "refused: authorisation expired");
  EXPECT_EQ(row.state_ms, kT0);
  EXPECT_EQ(store_->SetSourceState(999, "", kT0).code(), StatusCode::kNotFound);
}

TEST_F(LifecycleTest, RunRequestCountIsDurableAndAdds) {
  const int64_t run = StartRun({"http://a.test/"});
  EXPECT_EQ(*store_->RunRequests(run), 0);
  ASSERT_TRUE(store_->AddRunRequests(run, 3).ok());
  ASSERT_TRUE(store_->AddRunRequests(run, 2).ok());
  EXPECT_EQ(*store_->RunRequests(run), 5);
  EXPECT_EQ(*store_->RunStartedMs(run), kT0);
  EXPECT_EQ(store_->AddRunRequests(run + 100, 1).code(), StatusCode::kNotFound);
}

TEST_F(LifecycleTest, RetryWaitsUntilItsBackoffTime) {
  const int64_t run = StartRun({"http://a.test/"});
  FrontierItem item = LeaseUrl(run, "http://a.test/");
  FailureCommit f;
  f.item = item;
  f.error = "http status 503";
  f.retry = true;
  f.now_ms = kT0;
  f.retry_at_ms = kT0 + 30'000;
  ASSERT_TRUE(store_->CommitFailure(f).ok());
  EXPECT_TRUE(LeaseAll(run, kT0 + 29'999).empty());
  EXPECT_EQ(LeaseAll(run, kT0 + 30'000).size(), 1u);
}

TEST_F(LifecycleTest, AdvertAnswering410IsMarkedRemovedAndComesBackWhenSeenAgain) {
  const int64_t run = StartRun({"http://a.test/ad/1"});
  FrontierItem item = LeaseUrl(run, "http://a.test/ad/1");
  item.kind = FrontierKind::kAdvert;
  Commit(PageFor(item, kT0, Advert("http://a.test/ad/1", "hello")));

  const int64_t run2 = StartRun({"http://a.test/ad/1"}, kT0 + 1000);
  ASSERT_TRUE(store_->FinishRun(run, kT0 + 500, "").ok());
  FrontierItem again = LeaseUrl(run2, "http://a.test/ad/1", kT0 + 1000);
  FailureCommit gone;
  gone.item = again;
  gone.error = "http status 410";
  gone.gone = true;
  gone.now_ms = kT0 + 2000;
  ASSERT_TRUE(store_->CommitFailure(gone).ok());
  Result<std::vector<DocumentSummary>> docs = store_->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ(docs->front().removed_ms, kT0 + 2000);
  EXPECT_EQ(docs->front().removed_reason, "http status 410");

  const int64_t run3 = StartRun({"http://a.test/ad/1"}, kT0 + 5000);
  FrontierItem back = LeaseUrl(run3, "http://a.test/ad/1", kT0 + 5000);
  back.kind = FrontierKind::kAdvert;
  Commit(PageFor(back, kT0 + 6000, Advert("http://a.test/ad/1", "hello")));
  docs = store_->ListDocuments();
  EXPECT_FALSE(docs->front().removed_ms.has_value());
  EXPECT_EQ(docs->front().removed_reason, "");
}

TEST_F(LifecycleTest, AdvertsNotSeenInACompleteRunAreMarkedRemovedOnce) {
  const int64_t run = StartRun({"http://a.test/ad/1", "http://a.test/ad/2"});
  for (const FrontierItem& item : LeaseAll(run)) {
    FrontierItem advert = item;
    advert.kind = FrontierKind::kAdvert;
    Commit(PageFor(advert, kT0, Advert(item.url, "text of " + item.url)));
  }
  ASSERT_TRUE(store_->FinishRun(run, kT0 + 10, "").ok());
  const int64_t run2 = StartRun({"http://a.test/ad/1"}, kT0 + 1000);
  FrontierItem item = LeaseUrl(run2, "http://a.test/ad/1", kT0 + 1000);
  item.kind = FrontierKind::kAdvert;
  Commit(PageFor(item, kT0 + 1100, Advert(item.url, "text of " + item.url)));

  Result<std::vector<DocumentSummary>> removed =
      store_->MarkUnseenRemoved(source_, kT0 + 1000, kT0 + 1200, "not listed in run 2");
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  ASSERT_EQ(removed->size(), 1u);
  EXPECT_EQ(removed->front().url, "http://a.test/ad/2");
  EXPECT_EQ(removed->front().removed_ms, kT0 + 1200);
  // Already removed: not again, and its time is kept.
  removed = store_->MarkUnseenRemoved(source_, kT0 + 1000, kT0 + 9999, "again");
  ASSERT_TRUE(removed.ok());
  EXPECT_TRUE(removed->empty());
}

TEST_F(LifecycleTest, ValidatorsOfA200AreKeptForTheNextConditionalGet) {
  const int64_t run = StartRun({"http://a.test/"});
  FrontierItem item = LeaseUrl(run, "http://a.test/");
  EXPECT_FALSE(store_->GetValidator(source_, "http://a.test/")->has_value());
  PageCommit page = PageFor(item, kT0);
  page.etag = "\"v1\"";
  page.last_modified = "Sun, 22 Nov 2026 07:00:00 GMT";
  Commit(page);
  Result<std::optional<UrlValidator>> v = store_->GetValidator(source_, "http://a.test/");
  ASSERT_TRUE(v.ok() && v->has_value());
  EXPECT_EQ((*v)->etag, "\"v1\"");
  EXPECT_EQ((*v)->last_modified, "Sun, 22 Nov 2026 07:00:00 GMT");
  EXPECT_EQ((*v)->body_sha256, page.capture.body_sha256);
  EXPECT_EQ((*v)->blob_path, page.capture.blob_path);

  // A 304 in the next run keeps them; a 200 without validators drops them.
  ASSERT_TRUE(store_->FinishRun(run, kT0 + 1, "").ok());
  const int64_t run2 = StartRun({"http://a.test/"}, kT0 + 10);
  PageCommit not_modified = PageFor(LeaseUrl(run2, "http://a.test/", kT0 + 10), kT0 + 20);
  not_modified.capture.http_status = 304;
  Commit(not_modified);
  EXPECT_EQ((*store_->GetValidator(source_, "http://a.test/"))->etag, "\"v1\"");
  ASSERT_TRUE(store_->FinishRun(run2, kT0 + 21, "").ok());
  const int64_t run3 = StartRun({"http://a.test/"}, kT0 + 30);
  Commit(PageFor(LeaseUrl(run3, "http://a.test/", kT0 + 30), kT0 + 40));
  EXPECT_FALSE(store_->GetValidator(source_, "http://a.test/")->has_value());
}

TEST_F(LifecycleTest, EvidenceListsAdvertAndImageCapturesWithEgressAndWarcSpans) {
  const int64_t run = StartRun({"http://a.test/ad/1"});
  FrontierItem item = LeaseUrl(run, "http://a.test/ad/1");
  item.kind = FrontierKind::kAdvert;
  PageCommit page = PageFor(item, kT0, Advert(item.url, "body", {}, {"http://a.test/i.jpg"}));
  page.capture.egress = "socks5h://127.0.0.1:9050";
  page.capture.warc_file = "harrier-1.warc.gz";
  page.capture.warc_offset = 1234;
  page.capture.warc_length = 567;
  page.capture.warc_record_id = "<urn:uuid:0000>";
  const PageCommitResult r = Commit(page);
  FrontierItem image = LeaseUrl(run, "http://a.test/i.jpg");
  CommitImage(image, "jpeg bytes", kT0 + 5);

  Result<std::optional<EvidenceSet>> e = store_->GetEvidence(r.document_id);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_TRUE(e->has_value());
  const EvidenceSet& set = **e;
  EXPECT_EQ(set.source, "demo");
  EXPECT_EQ(set.authorisation_ref, "DSA-1");
  EXPECT_EQ(set.url, "http://a.test/ad/1");
  ASSERT_EQ(set.captures.size(), 2u);
  EXPECT_EQ(set.captures[0].role, "advert");
  EXPECT_EQ(set.captures[0].egress, "socks5h://127.0.0.1:9050");
  EXPECT_EQ(set.captures[0].warc_file, "harrier-1.warc.gz");
  EXPECT_EQ(set.captures[0].warc_offset, 1234);
  EXPECT_EQ(set.captures[0].warc_length, 567);
  EXPECT_EQ(set.captures[0].warc_record_id, "<urn:uuid:0000>");
  EXPECT_EQ(set.captures[1].role, "image");
  EXPECT_EQ(set.captures[1].url, "http://a.test/i.jpg");
  EXPECT_EQ(set.captures[1].body_sha256, Sha256Hex("jpeg bytes"));
  EXPECT_FALSE(store_->GetEvidence(r.document_id + 100)->has_value());
}

}  // namespace
}  // namespace harrier::store::testing
