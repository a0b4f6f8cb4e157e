// Image rows: analysis stored with the image, watchlist entries, near-
// duplicate pairs, alerts and their decisions.
#include <gtest/gtest.h>

#include "store/store_test_util.h"

namespace harrier::store {
namespace {

using testing::kT0;

const std::string kAdvert = "http://127.0.0.1:8080/advert/1001";
const std::string kImage = "http://127.0.0.1:8080/img/a.jpg";
const std::string kPdqA = std::string(64, 'a');
const std::string kPdqB = std::string(64, 'b');

class StoreImagesTest : public testing::StoreFixture {
 protected:
  // An advert showing kImage, and the image fetched with `analysis`.
  std::string StoreAdvertImage(const std::string& bytes, ImageAnalysis analysis) {
    const int64_t run = StartRun({kAdvert});
    Commit(testing::PageFor(LeaseUrl(run, kAdvert), kT0,
                            testing::Advert(kAdvert, "body", {}, {kImage})));
    CommitImage(LeaseUrl(run, kImage), bytes, kT0 + 5, std::move(analysis));
    return Sha256Hex(bytes);
  }

  WatchlistImage Entry(const std::string& operation, const std::string& sha) {
    WatchlistImage w;
    w.operation = operation;
    w.reason = "missing person report 17";
    w.added_by = "analyst1";
    w.added_ms = kT0;
    w.file_name = "photo1.png";
    w.sha256 = sha;
    w.width = 640;
    w.height = 480;
    w.pdq = kPdqB;
    w.pdq_quality = 90;
    w.phash = std::string(16, 'c');
    return w;
  }

  AlertRow AlertFor(int64_t watchlist_id, const std::string& sha) {
    AlertRow a;
    a.watchlist_image_id = watchlist_id;
    a.image_sha256 = sha;
    a.url = kAdvert;
    a.captured_ms = kT0 + 5;
    a.distance = 12;
    a.method = "pdq";
    a.image_pdq = kPdqA;
    a.watchlist_pdq = kPdqB;
    a.created_ms = kT0 + 6;
    return a;
  }
};

TEST_F(StoreImagesTest, CommitImageKeepsTheAnalysisAndTheIndexListsOnlyGoodQualityHashes) {
  ImageAnalysis good{"", "", 640, 480, kPdqA, 88, "0123456789abcdef", R"({"make":"Acme"})", "", ""};
  const std::string sha = StoreAdvertImage("jpeg bytes", good);
  Result<std::optional<ImageRecord>> image = store_->GetImage(sha);
  ASSERT_TRUE(image.ok() && image->has_value());
  EXPECT_EQ((*image)->analysis.pdq, kPdqA);
  EXPECT_EQ((*image)->analysis.pdq_quality, 88);
  EXPECT_EQ((*image)->analysis.width, 640);
  EXPECT_EQ((*image)->analysis.exif, R"({"make":"Acme"})");
  EXPECT_EQ(store_->ListImageHashes(50)->size(), 1u);
  EXPECT_EQ(store_->ListImageHashes(89)->size(), 0u);
  Result<std::optional<ImageRecord>> by_rowid = store_->GetImageByRowid((*image)->rowid);
  ASSERT_TRUE(by_rowid.ok() && by_rowid->has_value());
  EXPECT_EQ((*by_rowid)->sha256, sha);
}

TEST_F(StoreImagesTest, ARefusedImageIsRecordedWithItsReasonAndNeverIndexed) {
  ImageAnalysis refused;
  refused.rejection = "image_too_large";
  refused.rejection_detail = "50000x50000 pixels is over the 40000000 pixel limit";
  const std::string sha = StoreAdvertImage("bomb bytes", refused);
  Result<std::optional<ImageRecord>> image = store_->GetImage(sha);
  ASSERT_TRUE(image.ok() && image->has_value());
  EXPECT_EQ((*image)->analysis.rejection, "image_too_large");
  EXPECT_TRUE(store_->ListImageHashes(0)->empty());
}

TEST_F(StoreImagesTest, ImageUsesNameTheAdvertAndWhenTheImageWasFetched) {
  const std::string sha = StoreAdvertImage("jpeg bytes", {});
  Result<std::vector<ImageUse>> uses = store_->ImageUses(sha);
  ASSERT_TRUE(uses.ok());
  ASSERT_EQ(uses->size(), 1u);
  EXPECT_EQ((*uses)[0].advert_url, kAdvert);
  EXPECT_EQ((*uses)[0].image_url, kImage);
  EXPECT_EQ((*uses)[0].captured_ms, kT0 + 5);
}

TEST_F(StoreImagesTest, OcrSelectorsBecomeMentionsOfTheAdvertShowingTheImage) {
  ImageAnalysis queued;
  queued.pdq = kPdqA;
  queued.ocr_state = "pending";
  const std::string sha = StoreAdvertImage("png bytes with text", queued);
  Result<std::vector<std::pair<std::string, std::string>>> waiting = store_->ImagesAwaitingOcr(10);
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ((*waiting)[0].first, sha);

  Selector phone;
  phone.kind = SelectorKind::kPhone;
  phone.value = "+447700900123";
  phone.raw = "07700 900123";
  phone.begin = 5;
  phone.end = 17;
  phone.snippet = "CALL 07700 900123";
  const OcrCommit ocr{sha, "done", "CALL 07700 900123", {phone}, kT0 + 20};
  ASSERT_TRUE(store_->CommitOcr(ocr).ok());
  ASSERT_TRUE(store_->CommitOcr(ocr).ok());  // a replay adds nothing
  EXPECT_TRUE(store_->ImagesAwaitingOcr(10)->empty());
  Result<std::vector<DocumentSummary>> docs =
      store_->FindDocumentsBySelector(SelectorKind::kPhone, "+447700900123");
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].url, kAdvert);
  EXPECT_EQ(testing::QueryText(db(), "SELECT origin || ' ' || field FROM mention"),
            "ocr image:" + sha);
  EXPECT_EQ(testing::QueryInt(db(), "SELECT COUNT(*) FROM mention"), 1);
  EXPECT_EQ(store_->CommitOcr({std::string(64, '0'), "done", "", {}, kT0}).code(),
            StatusCode::kNotFound);
}

TEST_F(StoreImagesTest, TheSamePhotoTwiceInOneOperationKeepsTheFirstEntry) {
  Result<std::pair<int64_t, bool>> first = store_->AddWatchlistImage(Entry("op-heron", "ab"));
  Result<std::pair<int64_t, bool>> again = store_->AddWatchlistImage(Entry("op-heron", "ab"));
  Result<std::pair<int64_t, bool>> other = store_->AddWatchlistImage(Entry("op-kite", "ab"));
  ASSERT_TRUE(first.ok() && again.ok() && other.ok());
  EXPECT_TRUE(first->second);
  EXPECT_FALSE(again->second);
  EXPECT_EQ(again->first, first->first);
  EXPECT_TRUE(other->second);
  EXPECT_EQ(store_->ListWatchlistImages()->size(), 2u);
}

TEST_F(StoreImagesTest, AnImagePairIsRecordedOnceWhicheverWayRoundItIsFound) {
  const std::string kOther = "http://127.0.0.1:8080/img/b.jpg";
  const int64_t run = StartRun({kAdvert});
  Commit(testing::PageFor(LeaseUrl(run, kAdvert), kT0,
                          testing::Advert(kAdvert, "body", {}, {kImage, kOther})));
  std::vector<FrontierItem> images = LeaseAll(run);
  ASSERT_EQ(images.size(), 2u);
  CommitImage(images[0], "first bytes");
  CommitImage(images[1], "second bytes");
  std::string low = Sha256Hex("first bytes"), high = Sha256Hex("second bytes");
  if (high < low) std::swap(low, high);
  EXPECT_TRUE(*store_->RecordImageMatch({high, low, 7, "pdq", kT0}));
  EXPECT_FALSE(*store_->RecordImageMatch({low, high, 7, "pdq", kT0}));
  EXPECT_FALSE(*store_->RecordImageMatch({low, low, 0, "pdq", kT0}));
  Result<std::vector<ImageMatchRow>> matches = store_->ImageMatches(high);
  ASSERT_TRUE(matches.ok());
  ASSERT_EQ(matches->size(), 1u);
  EXPECT_EQ((*matches)[0].image_a, low);
  EXPECT_EQ((*matches)[0].distance, 7);
}

TEST_F(StoreImagesTest, ARejectedAlertIsNeverRaisedAgainForTheSamePair) {
  const std::string sha = StoreAdvertImage("jpeg bytes", {});
  const int64_t entry = store_->AddWatchlistImage(Entry("op-heron", "cd"))->first;
  Result<std::optional<int64_t>> raised = store_->RaiseAlert(AlertFor(entry, sha));
  ASSERT_TRUE(raised.ok() && raised->has_value());
  ASSERT_TRUE(
      store_->DecideAlert(**raised, "rejected", "analyst2", "different person", kT0 + 9).ok());
  Result<std::optional<int64_t>> again = store_->RaiseAlert(AlertFor(entry, sha));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  Result<std::optional<AlertRow>> alert = store_->GetAlert(**raised);
  ASSERT_TRUE(alert.ok() && alert->has_value());
  EXPECT_EQ((*alert)->status, "rejected");
  EXPECT_EQ((*alert)->decided_by, "analyst2");
  EXPECT_EQ((*alert)->operation, "op-heron");
  EXPECT_EQ(store_->ListAlerts("open", 10)->size(), 0u);
  EXPECT_EQ(store_->ListAlerts("", 10)->size(), 1u);
}

TEST_F(StoreImagesTest, AnAlertIsDecidedOnceAndOnlyAsConfirmedOrRejected) {
  const std::string sha = StoreAdvertImage("jpeg bytes", {});
  const int64_t entry = store_->AddWatchlistImage(Entry("op-heron", "cd"))->first;
  const int64_t id = **store_->RaiseAlert(AlertFor(entry, sha));
  EXPECT_EQ(store_->DecideAlert(id, "maybe", "analyst2", "", kT0).code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(store_->DecideAlert(id, "confirmed", "analyst2", "same tattoo", kT0).ok());
  const Status twice = store_->DecideAlert(id, "rejected", "analyst3", "", kT0);
  EXPECT_EQ(twice.code(), StatusCode::kRejected);
  EXPECT_NE(twice.message().find("already confirmed by analyst2"), std::string::npos);
  EXPECT_EQ(store_->DecideAlert(id + 100, "rejected", "analyst3", "", kT0).code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace harrier::store
