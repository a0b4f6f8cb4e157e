// Runs, the durable frontier and the commits: lease order, release after a
// crash, versioning, idempotent replay, link and image re-queue rules,
// failures and retries.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/store.h"
#include "store/store_test_util.h"

namespace harrier::store {
namespace {

using testing::Advert;
using testing::kT0;
using testing::Mention;
using testing::PageFor;
using testing::QueryInt;
using testing::QueryText;
using testing::StoreFixture;

const std::string kListing = "https://ex.test/list";
const std::string kAdvertA = "https://ex.test/ad/a";
const std::string kAdvertB = "https://ex.test/ad/b";
const std::string kImage1 = "https://img.ex.test/1.jpg";
const std::string kImage2 = "https://img.ex.test/2.jpg";

std::vector<std::string> Urls(const std::vector<FrontierItem>& items) {
  std::vector<std::string> urls;
  for (const FrontierItem& item : items) urls.push_back(item.url);
  return urls;
}

class StoreRunTest : public StoreFixture {};

TEST_F(StoreRunTest, StartRunQueuesStartUrlsAsDepthZeroListingsOfTheOpenRun) {
  const int64_t run = StartRun({kListing, kListing + "?p=2", kListing}, kT0);
  EXPECT_EQ(*store_->OpenRun(source_), run);
  EXPECT_EQ(store_->ListSources()->at(0).last_run_started_ms, kT0);
  std::vector<FrontierItem> items = LeaseAll(run);
  ASSERT_EQ(items.size(), 2u);
  for (const FrontierItem& item : items) {
    EXPECT_EQ(item.kind, FrontierKind::kListing);
    EXPECT_EQ(item.depth, 0);
    EXPECT_EQ(item.attempts, 0);
    EXPECT_EQ(item.run_id, run);
    EXPECT_EQ(item.source_id, source_);
  }
}

TEST_F(StoreRunTest, StartRunRequeuesStartUrlsDoneInAnEarlierRun) {
  const int64_t run1 = StartRun({kListing});
  Commit(PageFor(LeaseUrl(run1, kListing), kT0));
  ASSERT_TRUE(store_->FinishRun(run1, kT0 + 1, "").ok());
  const int64_t run2 = StartRun({kListing}, kT0 + 10);
  EXPECT_EQ(StateOf(kListing, "listing"), "pending/" + std::to_string(run2));
  EXPECT_EQ(*store_->CountOutstanding(run2), 1);
  EXPECT_EQ(*store_->CountOutstanding(run1), 0);
}

class StoreFrontierTest : public StoreFixture {};

TEST_F(StoreFrontierTest, LeaseOrderIsPagesBeforeImagesThenOldestFirst) {
  const int64_t run = StartRun({kListing});
  // Images are queued first, so they are the oldest rows.
  Commit(PageFor(LeaseUrl(run, kListing), kT0, Advert(kListing, "x", {}, {kImage1, kImage2}),
                 {kListing + "?p=2"}, {kAdvertA}));
  Result<std::vector<FrontierItem>> first = store_->LeaseFrontier(run, 2, kT0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Urls(*first), (std::vector<std::string>{kListing + "?p=2", kAdvertA}));
  EXPECT_EQ((*first)[1].kind, FrontierKind::kAdvert);
  EXPECT_EQ((*first)[1].depth, 1);
  std::vector<FrontierItem> rest = LeaseAll(run);
  EXPECT_EQ(Urls(rest), (std::vector<std::string>{kImage1, kImage2}));
  EXPECT_EQ(rest[0].kind, FrontierKind::kImage);
}

TEST_F(StoreFrontierTest, LeasedItemsAreNotReturnedTwice) {
  const int64_t run = StartRun({"https://ex.test/1", "https://ex.test/2", "https://ex.test/3"});
  Result<std::vector<FrontierItem>> two = store_->LeaseFrontier(run, 2, kT0);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(Urls(*two), (std::vector<std::string>{"https://ex.test/1", "https://ex.test/2"}));
  EXPECT_EQ(Urls(LeaseAll(run)), (std::vector<std::string>{"https://ex.test/3"}));
  EXPECT_TRUE(LeaseAll(run).empty());
  EXPECT_TRUE(store_->LeaseFrontier(run, 0, kT0)->empty());
}

TEST_F(StoreFrontierTest, ReleaseLeasesPutsLeasedItemsBackToPending) {
  const int64_t run = StartRun({"https://ex.test/1", "https://ex.test/2"});
  ASSERT_EQ(LeaseAll(run).size(), 2u);
  EXPECT_TRUE(LeaseAll(run).empty());
  EXPECT_EQ(*store_->CountOutstanding(run), 2);  // leased still counts
  ASSERT_TRUE(store_->ReleaseLeases().ok());
  EXPECT_EQ(LeaseAll(run).size(), 2u);
}

TEST_F(StoreFrontierTest, RetriedItemIsNotLeasedBeforeItsNotBeforeTime) {
  const int64_t run = StartRun({kListing});
  FailureCommit f{LeaseUrl(run, kListing), std::nullopt, "timeout", true, 3, kT0 + 100};
  ASSERT_TRUE(store_->CommitFailure(f).ok());
  EXPECT_TRUE(store_->LeaseFrontier(run, 10, kT0 + 99)->empty());
  EXPECT_EQ(Urls(*store_->LeaseFrontier(run, 10, kT0 + 100)), (std::vector<std::string>{kListing}));
}

TEST_F(StoreFrontierTest, CountOutstandingReachesZeroWhenEveryItemSettles) {
  const int64_t run = StartRun({kListing});
  Commit(PageFor(LeaseUrl(run, kListing), kT0, std::nullopt, {}, {kAdvertA, kAdvertB}));
  EXPECT_EQ(*store_->CountOutstanding(run), 2);
  std::vector<FrontierItem> items = LeaseAll(run);
  ASSERT_EQ(items.size(), 2u);
  Commit(PageFor(items[0], kT0, Advert(items[0].url, "body", {}, {kImage1})));
  ASSERT_TRUE(store_->CommitFailure({items[1], std::nullopt, "http 404", false, 3, kT0}).ok());
  EXPECT_EQ(*store_->CountOutstanding(run), 1);  // the image
  CommitImage(LeaseUrl(run, kImage1), "jpeg bytes");
  EXPECT_EQ(*store_->CountOutstanding(run), 0);
}

// ---- CommitPage ------------------------------------------------------------------

class StoreCommitTest : public StoreFixture {
 protected:
  // Commits the advert as seen at `now`, in a run of its own.
  PageCommitResult SeeAdvert(const AdvertInput& ad, int64_t now) {
    const int64_t run = StartRun({ad.url}, now);
    return Commit(PageFor(LeaseUrl(run, ad.url, now), now, ad));
  }
  int64_t Count(const std::string& table) {
    return QueryInt(db(), "SELECT COUNT(*) FROM " + table);
  }
};

TEST_F(StoreCommitTest, DocumentVersionsFollowContentChanges) {
  const struct {
    int64_t now;
    const char* body;
    std::vector<std::string> images;
    DocumentChange change;
    int version;
  } kSteps[] = {
      {kT0, "first text", {}, DocumentChange::kNew, 1},
      {kT0 + 1000, "first text", {}, DocumentChange::kUnchanged, 1},
      {kT0 + 2000, "second text", {}, DocumentChange::kChanged, 2},
      {kT0 + 3000, "second text", {}, DocumentChange::kUnchanged, 2},
      {kT0 + 4000, "first text", {}, DocumentChange::kChanged, 3},  // reverted is a change
      {kT0 + 5000, "first text", {kImage1}, DocumentChange::kChanged, 4},
      {kT0 + 6000, "first text", {kImage1}, DocumentChange::kUnchanged, 4},
  };
  int64_t document_id = 0;
  for (const auto& step : kSteps) {
    SCOPED_TRACE(step.now - kT0);
    PageCommitResult r = SeeAdvert(Advert(kAdvertA, step.body, {}, step.images), step.now);
    EXPECT_EQ(r.change, step.change);
    EXPECT_EQ(r.version, step.version);
    if (document_id == 0) document_id = r.document_id;
    EXPECT_EQ(r.document_id, document_id);
    std::vector<DocumentSummary> docs = *store_->ListDocuments();
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_EQ(docs[0].first_seen_ms, kT0);
    EXPECT_EQ(docs[0].last_seen_ms, step.now);
    EXPECT_EQ(docs[0].version, step.version);
    EXPECT_EQ(Count("document_version"), step.version);
  }
  EXPECT_EQ(Count("capture"), 7);
  EXPECT_EQ(QueryText(db(), "SELECT body FROM document_version WHERE version = 4"), "first text");
}

TEST_F(StoreCommitTest, ReplayingACommitChangesNothing) {
  const int64_t run = StartRun({kListing});
  const MentionInput phone = Mention(SelectorKind::kPhone, "+447700900123", "body", 5);
  PageCommit page =
      PageFor(LeaseUrl(run, kListing), kT0,
              Advert(kListing, "body", {phone, Mention(SelectorKind::kEmail, "a@ex.test"), phone},
                     {kImage1}),
              {kListing + "?p=2"}, {kAdvertA});
  PageCommitResult first = Commit(page);
  EXPECT_EQ(first.change, DocumentChange::kNew);
  EXPECT_EQ(first.links_enqueued, 2);
  PageCommitResult again = Commit(page);
  EXPECT_EQ(again.capture_id, first.capture_id);
  EXPECT_EQ(again.document_id, first.document_id);
  EXPECT_EQ(again.version, 1);
  EXPECT_EQ(again.change, DocumentChange::kUnchanged);
  EXPECT_EQ(again.links_enqueued, 0);
  EXPECT_EQ(Count("capture"), 1);
  EXPECT_EQ(Count("document"), 1);
  EXPECT_EQ(Count("document_version"), 1);
  EXPECT_EQ(Count("selector"), 2);
  EXPECT_EQ(Count("mention"), 2);
  EXPECT_EQ(Count("document_image"), 1);
  EXPECT_EQ(Count("frontier"), 4);  // the page, two links, one image
  EXPECT_EQ(StateOf(kListing, "listing"), "done/" + std::to_string(run));
  EXPECT_EQ(*store_->CountOutstanding(run), 3);
}

TEST_F(StoreCommitTest, ReplayOfAnOlderCommitDoesNotBringOldContentBack) {
  const int64_t run1 = StartRun({kAdvertA}, kT0);
  PageCommit old_page = PageFor(LeaseUrl(run1, kAdvertA), kT0, Advert(kAdvertA, "old"));
  Commit(old_page);
  EXPECT_EQ(SeeAdvert(Advert(kAdvertA, "new"), kT0 + 1000).version, 2);
  PageCommitResult replay = Commit(old_page);
  EXPECT_EQ(replay.change, DocumentChange::kUnchanged);
  EXPECT_EQ(replay.version, 2);
  EXPECT_EQ(Count("document_version"), 2);
  EXPECT_EQ(store_->GetDocument(replay.document_id)->value().body, "new");
  EXPECT_EQ(store_->ListDocuments()->at(0).last_seen_ms, kT0 + 1000);
}

TEST_F(StoreCommitTest, LinksAlreadyInThisRunAreLeftAlone) {
  const int64_t run = StartRun({kListing});
  // A page linking to itself does not queue itself again.
  PageCommitResult r = Commit(PageFor(LeaseUrl(run, kListing), kT0, std::nullopt,
                                      {kListing, kListing + "?p=2"}, {kAdvertA, kAdvertB}));
  EXPECT_EQ(r.links_enqueued, 3);
  EXPECT_EQ(StateOf(kListing, "listing"), "done/" + std::to_string(run));
  std::vector<FrontierItem> items = LeaseAll(run);
  ASSERT_EQ(Urls(items), (std::vector<std::string>{kListing + "?p=2", kAdvertA, kAdvertB}));
  Commit(PageFor(items[1], kT0, Advert(kAdvertA, "a")));
  ASSERT_TRUE(store_->CommitFailure({items[2], std::nullopt, "http 410", false, 3, kT0}).ok());
  // Page 2 links back to everything: done, failed and leased rows stay as they are.
  r = Commit(
      PageFor(items[0], kT0, std::nullopt, {kListing, kListing + "?p=2"}, {kAdvertA, kAdvertB}));
  EXPECT_EQ(r.links_enqueued, 0);
  EXPECT_EQ(StateOf(kAdvertA, "advert"), "done/" + std::to_string(run));
  EXPECT_EQ(StateOf(kAdvertB, "advert"), "failed/" + std::to_string(run));
  EXPECT_EQ(*store_->CountOutstanding(run), 0);
}

TEST_F(StoreCommitTest, LinksFromAnEarlierRunAreRequeuedForANewRun) {
  const int64_t run1 = StartRun({kListing});
  Commit(PageFor(LeaseUrl(run1, kListing), kT0, std::nullopt, {}, {kAdvertA, kAdvertB}));
  std::vector<FrontierItem> items = LeaseAll(run1);
  ASSERT_EQ(items.size(), 2u);
  Commit(PageFor(items[0], kT0, Advert(kAdvertA, "a")));
  ASSERT_TRUE(store_->CommitFailure({items[1], std::nullopt, "timeout", true, 1, kT0}).ok());
  ASSERT_TRUE(store_->FinishRun(run1, kT0 + 1, "").ok());

  const int64_t run2 = StartRun({kListing}, kT0 + 100);
  PageCommitResult r = Commit(PageFor(LeaseUrl(run2, kListing, kT0 + 100), kT0 + 100, std::nullopt,
                                      {}, {kAdvertA, kAdvertB}));
  EXPECT_EQ(r.links_enqueued, 2);
  for (const FrontierItem& item : LeaseAll(run2, kT0 + 100)) {
    EXPECT_EQ(item.run_id, run2) << item.url;
    EXPECT_EQ(item.attempts, 0) << item.url;
    EXPECT_EQ(item.depth, 1) << item.url;
  }
  EXPECT_EQ(StateOf(kAdvertA, "advert"), "leased/" + std::to_string(run2));
  EXPECT_EQ(StateOf(kAdvertB, "advert"), "leased/" + std::to_string(run2));
}

TEST_F(StoreCommitTest, ImageUrlsAreQueuedOnceAndNeverAgainOnceFetched) {
  const int64_t run1 = StartRun({kAdvertA, kAdvertB});
  std::vector<FrontierItem> pages = LeaseAll(run1);
  ASSERT_EQ(pages.size(), 2u);
  Commit(PageFor(pages[0], kT0, Advert(kAdvertA, "a", {}, {kImage1})));
  Commit(PageFor(pages[1], kT0, Advert(kAdvertB, "b", {}, {kImage1, kImage2})));
  EXPECT_EQ(QueryInt(db(), "SELECT COUNT(*) FROM frontier WHERE kind = 'image'"), 2);
  CommitImage(LeaseUrl(run1, kImage1), "jpeg one");
  ASSERT_TRUE(store_->FinishRun(run1, kT0 + 1, "").ok());

  SeeAdvert(Advert(kAdvertA, "a", {}, {kImage1}), kT0 + 100);
  EXPECT_EQ(StateOf(kImage1, "image"), "done/" + std::to_string(run1));
  EXPECT_EQ(QueryInt(db(), "SELECT COUNT(*) FROM frontier WHERE kind = 'image'"), 2);
}

TEST_F(StoreCommitTest, ImageThatFailedIsRequeuedInTheNextRun) {
  const int64_t run1 = StartRun({kAdvertA});
  Commit(PageFor(LeaseUrl(run1, kAdvertA), kT0, Advert(kAdvertA, "a", {}, {kImage1})));
  ASSERT_TRUE(
      store_->CommitFailure({LeaseUrl(run1, kImage1), std::nullopt, "too big", false, 3, kT0})
          .ok());
  EXPECT_EQ(StateOf(kImage1, "image"), "failed/" + std::to_string(run1));
  ASSERT_TRUE(store_->FinishRun(run1, kT0 + 1, "").ok());
  const int64_t run2 = StartRun({kAdvertA}, kT0 + 100);
  Commit(PageFor(LeaseUrl(run2, kAdvertA, kT0 + 100), kT0 + 100,
                 Advert(kAdvertA, "a", {}, {kImage1})));
  EXPECT_EQ(StateOf(kImage1, "image"), "pending/" + std::to_string(run2));
}

TEST_F(StoreCommitTest, CommitForAnUnknownItemFailsAndWritesNothing) {
  const int64_t run = StartRun({kListing});
  FrontierItem ghost = LeaseUrl(run, kListing);
  ghost.id = 9999;
  Result<PageCommitResult> r =
      store_->CommitPage(PageFor(ghost, kT0, Advert(kListing, "x"), {}, {kAdvertA}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message().rfind("commit page " + kListing + ": ", 0), 0u);
  EXPECT_EQ(Count("capture"), 0);
  EXPECT_EQ(Count("document"), 0);
  EXPECT_EQ(Count("frontier"), 1);
}

// ---- CommitImage and CommitFailure -----------------------------------------------

TEST_F(StoreCommitTest, SameImageBytesAtTwoUrlsAreStoredOnce) {
  const int64_t run = StartRun({kAdvertA});
  Commit(PageFor(LeaseUrl(run, kAdvertA), kT0, Advert(kAdvertA, "a", {}, {kImage1, kImage2})));
  std::vector<FrontierItem> images = LeaseAll(run);
  ASSERT_EQ(images.size(), 2u);
  CommitImage(images[0], "same bytes");
  CommitImage(images[1], "same bytes");
  EXPECT_EQ(Count("image"), 1);
  EXPECT_EQ(Count("capture"), 3);
  EXPECT_TRUE(*store_->HasImage(Sha256Hex("same bytes")));
  EXPECT_FALSE(*store_->HasImage(Sha256Hex("other bytes")));
  EXPECT_EQ(*store_->CountOutstanding(run), 0);
}

TEST_F(StoreCommitTest, ImageWithAMalformedHashIsRejected) {
  const int64_t run = StartRun({kImage1});
  ImageCommit c{LeaseUrl(run, kImage1),
                testing::CaptureFor({}, kT0, "x"),
                "../../etc/passwd",
                1,
                "image/jpeg",
                "blobs/x",
                kT0,
                {}};
  EXPECT_EQ(store_->CommitImage(c).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Count("capture"), 0);
  EXPECT_EQ(StateOf(kImage1, "listing"), "leased/" + std::to_string(run));
}

TEST_F(StoreCommitTest, FailureRetriesUntilMaxAttemptsThenFails) {
  const struct {
    bool retry;
    int max_attempts;
    int failures;
    const char* state;
  } kCases[] = {
      {true, 3, 1, "pending"}, {true, 3, 2, "pending"}, {true, 3, 3, "failed"},
      {false, 3, 1, "failed"}, {true, 1, 1, "failed"},
  };
  int n = 0;
  for (const auto& c : kCases) {
    const std::string url = "https://ex.test/flaky/" + std::to_string(++n);
    const int64_t run = StartRun({url});
    for (int i = 0; i < c.failures; ++i) {
      FailureCommit f{LeaseUrl(run, url), std::nullopt, "http 503 #" + std::to_string(i), c.retry,
                      c.max_attempts,     kT0};
      ASSERT_TRUE(store_->CommitFailure(f).ok());
    }
    SCOPED_TRACE(url);
    EXPECT_EQ(StateOf(url, "listing"), std::string(c.state) + "/" + std::to_string(run));
    EXPECT_EQ(QueryInt(db(), "SELECT attempts FROM frontier WHERE url = '" + url + "'"),
              c.failures);
    EXPECT_EQ(QueryText(db(), "SELECT last_error FROM frontier WHERE url = '" + url + "'"),
              "http 503 #" + std::to_string(c.failures - 1));
  }
}

TEST_F(StoreCommitTest, ReplayedFailureIsCountedOnceAndKeepsItsCapture) {
  const int64_t run = StartRun({kListing});
  FrontierItem item = LeaseUrl(run, kListing);
  CaptureRow capture = testing::CaptureFor(item, kT0, "server error page");
  capture.http_status = 500;
  FailureCommit f{item, capture, "http 500", true, 3, kT0};
  ASSERT_TRUE(store_->CommitFailure(f).ok());
  ASSERT_TRUE(store_->CommitFailure(f).ok());
  EXPECT_EQ(QueryInt(db(), "SELECT attempts FROM frontier"), 1);
  EXPECT_EQ(QueryInt(db(), "SELECT http_status FROM capture"), 500);
  EXPECT_EQ(Count("capture"), 1);
  f.item.id = 9999;
  EXPECT_EQ(store_->CommitFailure(f).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace harrier::store
