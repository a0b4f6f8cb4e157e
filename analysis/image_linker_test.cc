// ImageLinker over a real (in-memory) store: near-duplicates recorded once,
// watchlist matches raised as alerts with the advert, and a decided pair
// never raised again, whichever side arrives first.
#include "analysis/image_linker.h"

#include <gtest/gtest.h>

#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "imageproc/fingerprint.h"
#include "imageproc/geometric_check.h"
#include "imageproc/match_test_images.h"
#include "imageproc/pdq_test_images.h"
#include "store/store_test_util.h"

namespace harrier::analysis {
namespace {

using store::testing::kT0;

const std::string kAdvert = "http://127.0.0.1:8080/advert/1001";

struct Picture {
  std::string bytes;  // stands in for the image file: only its SHA-256 is used
  imageproc::PdqDihedralHashes pdq;
  imageproc::ImageSignature signature;  // as the daemon computes it for an advert image
  cv::Mat pixels;
};

Picture Draw(const cv::Mat& image, const std::string& name) {
  Result<imageproc::PdqDihedralHashes> pdq = imageproc::ComputePdqDihedral(image);
  EXPECT_TRUE(pdq.ok());
  Result<imageproc::SubwindowHashes> windows =
      imageproc::ComputeSubwindowHashes(image, imageproc::QuerySubwindowOptions());
  EXPECT_TRUE(windows.ok());
  Picture p{name, pdq.ok() ? *pdq : imageproc::PdqDihedralHashes(), {}, image};
  p.signature = {p.pdq[0], p.pdq, windows.ok() ? *windows : imageproc::SubwindowHashes()};
  return p;
}

// What the daemon hands the linker to decode an image again.
ImageLinker::PixelLoader LoaderOf(const Picture& p) {
  return [&p]() -> Result<cv::Mat> { return p.pixels; };
}

class ImageLinkerTest : public store::testing::StoreFixture {
 protected:
  // The advert at kAdvert showing the pictures, each fetched and hashed.
  void StoreAdvertWith(const std::vector<Picture>& pictures, bool with_windows = false) {
    std::vector<std::string> urls;
    for (size_t i = 0; i < pictures.size(); ++i) {
      urls.push_back("http://127.0.0.1:8080/img/" + std::to_string(i) + ".png");
    }
    const int64_t run = StartRun({kAdvert});
    Commit(store::testing::PageFor(LeaseUrl(run, kAdvert), kT0,
                                   store::testing::Advert(kAdvert, "body", {}, urls)));
    std::map<std::string, store::FrontierItem> leased;
    for (const store::FrontierItem& item : LeaseAll(run)) leased[item.url] = item;
    for (size_t i = 0; i < pictures.size(); ++i) {
      store::ImageAnalysis a;
      a.width = 320;
      a.height = 240;
      a.pdq = pictures[i].pdq[0].ToHex();
      a.pdq_quality = pictures[i].pdq[0].quality;
      if (with_windows) {
        a.windows =
            imageproc::ToHexText(imageproc::EncodeSubwindowHashes(pictures[i].signature.windows));
      }
      ASSERT_EQ(leased.count(urls[i]), 1u) << urls[i];
      CommitImage(leased[urls[i]], pictures[i].bytes, kT0 + 10, a);
    }
  }

  // The photo investigators supplied, listed as `watchlist add` lists it:
  // reference windows always, ORB features only when photos are kept.
  store::WatchlistImage Listed(const Picture& p, bool with_features = false) {
    store::WatchlistImage w;
    Result<imageproc::SubwindowHashes> windows =
        imageproc::ComputeSubwindowHashes(p.pixels, imageproc::ReferenceSubwindowOptions());
    EXPECT_TRUE(windows.ok());
    if (windows.ok()) w.windows = imageproc::ToHexText(imageproc::EncodeSubwindowHashes(*windows));
    if (with_features) {
      Result<imageproc::OrbFeatures> orb = imageproc::ComputeOrbFeatures(p.pixels);
      EXPECT_TRUE(orb.ok());
      if (orb.ok()) w.orb = imageproc::ToHexText(orb->Serialize());
    }
    w.operation = "op-heron";
    w.reason = "missing person report 17";
    w.added_by = "analyst1";
    w.added_ms = kT0;
    w.file_name = "supplied.png";
    w.sha256 = Sha256Hex(p.bytes + "-supplied");
    w.pdq = p.pdq[0].ToHex();
    w.pdq_quality = p.pdq[0].quality;
    Result<std::pair<int64_t, bool>> added = store_->AddWatchlistImage(w);
    EXPECT_TRUE(added.ok());
    w.id = added.ok() ? added->first : 0;
    return w;
  }

  FakeClock clock_;
};

TEST_F(ImageLinkerTest, AReSavedPhotoIsLinkedToTheEarlierImageOnce) {
  const cv::Mat scene = imageproc::testing::DrawPhotoLike(11, 320, 240);
  cv::Mat brighter;
  scene.convertTo(brighter, -1, 1.0, 20);
  const Picture first = Draw(scene, "first bytes");
  const Picture again = Draw(brighter, "re-saved bytes");
  ASSERT_GE(first.pdq[0].quality, 50);
  StoreAdvertWith({first, again});
  ImageLinker linker(*store_, clock_, 31, 50);
  // Start-up: only the first image is indexed, as if the second just came.
  ASSERT_TRUE(linker.Load().ok());
  Result<LinkOutcome> linked =
      linker.OnImage(Sha256Hex(again.bytes), again.signature, LoaderOf(again));
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  // Both images were stored, so the index held both after Load: the pair is
  // found once, and the image never matches itself.
  EXPECT_EQ(linked->near_duplicates, 1);
  Result<std::vector<store::ImageMatchRow>> pairs = store_->ImageMatches(Sha256Hex(first.bytes));
  ASSERT_TRUE(pairs.ok());
  ASSERT_EQ(pairs->size(), 1u);
  EXPECT_LE((*pairs)[0].distance, 31);
  EXPECT_EQ(
      linker.OnImage(Sha256Hex(again.bytes), again.signature, LoaderOf(again))->near_duplicates, 0);
}

TEST_F(ImageLinkerTest, AWatchlistPhotoRaisesOneAlertNamingTheAdvertThatShowedIt) {
  const Picture shown = Draw(imageproc::testing::DrawPhotoLike(11, 320, 240), "advert photo");
  StoreAdvertWith({shown});
  ImageLinker linker(*store_, clock_, 31, 50);
  ASSERT_TRUE(linker.Load().ok());
  const store::WatchlistImage entry = Listed(shown);
  Result<LinkOutcome> linked = linker.OnWatchlistEntry(entry, shown.pdq);
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  ASSERT_EQ(linked->alerts.size(), 1u);
  Result<std::optional<store::AlertRow>> alert = store_->GetAlert(linked->alerts[0]);
  ASSERT_TRUE(alert.ok() && alert->has_value());
  EXPECT_EQ((*alert)->url, kAdvert);
  EXPECT_TRUE((*alert)->document_id.has_value());
  EXPECT_EQ((*alert)->captured_ms, kT0 + 10);
  EXPECT_EQ((*alert)->distance, 0);
  EXPECT_EQ((*alert)->image_pdq, shown.pdq[0].ToHex());
  EXPECT_EQ((*alert)->watchlist_pdq, entry.pdq);
  EXPECT_EQ((*alert)->operation, "op-heron");
}

TEST_F(ImageLinkerTest, ARejectedPairIsNotRaisedAgainWhenTheImageIsSeenAgain) {
  const Picture shown = Draw(imageproc::testing::DrawPhotoLike(11, 320, 240), "advert photo");
  StoreAdvertWith({shown});
  const store::WatchlistImage entry = Listed(shown);
  ImageLinker linker(*store_, clock_, 31, 50);
  ASSERT_TRUE(linker.Load().ok());  // the watchlist entry is indexed at start-up
  Result<LinkOutcome> first =
      linker.OnImage(Sha256Hex(shown.bytes), shown.signature, LoaderOf(shown));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->alerts.size(), 1u);
  ASSERT_TRUE(store_->DecideAlert(first->alerts[0], "rejected", "analyst2", "", kT0).ok());
  EXPECT_TRUE(
      linker.OnImage(Sha256Hex(shown.bytes), shown.signature, LoaderOf(shown))->alerts.empty());
  EXPECT_TRUE(linker.OnWatchlistEntry(entry, shown.pdq)->alerts.empty());
  EXPECT_EQ(store_->ListAlerts("", 10)->size(), 1u);
}

TEST_F(ImageLinkerTest, LowQualityHashesAreNeverMatched) {
  const Picture flat = Draw(cv::Mat(240, 320, CV_8UC3, cv::Scalar(90, 90, 90)), "flat");
  ASSERT_LT(flat.pdq[0].quality, 50);
  StoreAdvertWith({flat});
  const store::WatchlistImage entry = Listed(flat);
  ImageLinker linker(*store_, clock_, 31, 50);
  EXPECT_EQ(*linker.Load(), 0u);
  EXPECT_TRUE(linker.OnWatchlistEntry(entry, flat.pdq)->alerts.empty());
  EXPECT_TRUE(
      linker.OnImage(Sha256Hex(flat.bytes), flat.signature, LoaderOf(flat))->alerts.empty());
}

// A 10 % crop of the listed photo with a phone number painted across it:
// global PDQ is far off, the sub-windows find it. With the entry's ORB
// features the match is confirmed ("subwindow+orb"); without them it is
// raised as a hash-only lead ("subwindow") for the analyst to judge.
TEST_F(ImageLinkerTest, ACroppedCopyWithAPaintedNumberIsFoundByTheSecondStage) {
  for (const bool with_features : {true, false}) {
    SCOPED_TRACE(with_features ? "with ORB features" : "hash only");
    SetUp();
    imageproc::testing::SceneSpec spec;
    spec.family = imageproc::testing::SceneFamily::kShapes;
    spec.style = spec.field = spec.layout = with_features ? 41 : 42;
    const cv::Mat original = imageproc::testing::DrawScene(spec);
    cv::RNG rng(7);
    const cv::Mat edited = imageproc::testing::PaintPhoneNumber(
        imageproc::testing::RandomCrop(original, 0.10, rng), rng);
    const Picture supplied = Draw(original, "supplied");
    const Picture advert = Draw(edited, "advert photo");
    ASSERT_GT(imageproc::HammingDistance(advert.pdq[0], supplied.pdq[0]), 31);
    StoreAdvertWith({advert});
    ImageLinker linker(*store_, clock_, 31, 50);
    ASSERT_TRUE(linker.Load().ok());
    const store::WatchlistImage entry = Listed(supplied, with_features);
    ASSERT_TRUE(linker.OnWatchlistEntry(entry, supplied.pdq)->alerts.empty());  // global only
    Result<LinkOutcome> linked =
        linker.OnImage(Sha256Hex(advert.bytes), advert.signature, LoaderOf(advert));
    ASSERT_TRUE(linked.ok()) << linked.status().ToString();
    ASSERT_EQ(linked->alerts.size(), 1u);
    Result<std::optional<store::AlertRow>> alert = store_->GetAlert(linked->alerts[0]);
    ASSERT_TRUE(alert.ok() && alert->has_value());
    EXPECT_EQ((*alert)->method, with_features ? "subwindow+orb" : "subwindow");
    EXPECT_EQ((*alert)->url, kAdvert);
  }
}

TEST_F(ImageLinkerTest, AnUnrelatedPhotoIsNotRaisedByTheSecondStage) {
  imageproc::testing::SceneSpec a, b;
  a.style = a.field = a.layout = 3;
  b.style = b.field = b.layout = 4;
  const Picture supplied = Draw(imageproc::testing::DrawScene(a), "supplied");
  const Picture other = Draw(imageproc::testing::DrawScene(b), "other advert photo");
  StoreAdvertWith({other});
  ImageLinker linker(*store_, clock_, 31, 50);
  ASSERT_TRUE(linker.Load().ok());
  ASSERT_TRUE(linker.OnWatchlistEntry(Listed(supplied, true), supplied.pdq).ok());
  Result<LinkOutcome> linked =
      linker.OnImage(Sha256Hex(other.bytes), other.signature, LoaderOf(other));
  ASSERT_TRUE(linked.ok());
  EXPECT_TRUE(linked->alerts.empty());
}

// The second stage looks up candidates in its window index: among many
// listed photos, the one the advert crops is found and no other.
TEST_F(ImageLinkerTest, AmongManyListedPhotosTheWindowIndexFindsOnlyTheCroppedOne) {
  ImageLinker linker(*store_, clock_, 31, 50);
  imageproc::testing::SceneSpec spec;
  spec.style = spec.field = spec.layout = 77;
  const cv::Mat original = imageproc::testing::DrawScene(spec);
  cv::RNG rng(11);
  const Picture advert = Draw(imageproc::testing::RandomCrop(original, 0.08, rng), "advert photo");
  StoreAdvertWith({advert});
  ASSERT_TRUE(linker.Load().ok());
  for (int i = 0; i < 24; ++i) {
    imageproc::testing::SceneSpec other;
    other.family = imageproc::testing::SceneFamily(i % imageproc::testing::kSceneFamilies);
    other.style = other.field = other.layout = 100 + static_cast<uint64_t>(i);
    const Picture p = Draw(imageproc::testing::DrawScene(other), "other " + std::to_string(i));
    ASSERT_TRUE(linker.OnWatchlistEntry(Listed(p, true), p.pdq).ok());
  }
  const Picture supplied = Draw(original, "supplied");
  const store::WatchlistImage entry = Listed(supplied, true);
  ASSERT_TRUE(linker.OnWatchlistEntry(entry, supplied.pdq).ok());
  Result<LinkOutcome> linked =
      linker.OnImage(Sha256Hex(advert.bytes), advert.signature, LoaderOf(advert));
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  ASSERT_EQ(linked->alerts.size(), 1u);
  EXPECT_EQ(store_->GetAlert(linked->alerts[0])->value().watchlist_image_id, entry.id);
}

// Listing a photo checks the images already collected, by their stored
// windows too: a cropped, painted-over copy found before the photo was
// listed raises an alert at once, confirmed on the image's own pixels.
TEST_F(ImageLinkerTest, APhotoListedAfterItsCroppedCopyWasCollectedIsFoundAtOnce) {
  imageproc::testing::SceneSpec spec;
  spec.style = spec.field = spec.layout = 41;
  const cv::Mat original = imageproc::testing::DrawScene(spec);
  cv::RNG rng(7);
  const Picture advert = Draw(imageproc::testing::PaintPhoneNumber(
                                  imageproc::testing::RandomCrop(original, 0.10, rng), rng),
                              "advert photo");
  StoreAdvertWith({advert}, /*with_windows=*/true);
  ImageLinker linker(*store_, clock_, 31, 50);
  ASSERT_TRUE(linker.Load().ok());
  const Picture supplied = Draw(original, "supplied");
  int decodes = 0;
  const ImageLinker::PixelsOf pixels_of = [&](const std::string& sha) -> Result<cv::Mat> {
    ++decodes;
    EXPECT_EQ(sha, Sha256Hex(advert.bytes));
    return advert.pixels;
  };
  Result<LinkOutcome> linked =
      linker.OnWatchlistEntry(Listed(supplied, true), supplied.pdq, pixels_of);
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  ASSERT_EQ(linked->alerts.size(), 1u);
  EXPECT_EQ(store_->GetAlert(linked->alerts[0])->value().method, "subwindow+orb");
  EXPECT_EQ(decodes, 1);
  // Seen again later, the pair is known: nothing new is raised.
  EXPECT_TRUE(
      linker.OnImage(Sha256Hex(advert.bytes), advert.signature, LoaderOf(advert))->alerts.empty());
}

}  // namespace
}  // namespace harrier::analysis
