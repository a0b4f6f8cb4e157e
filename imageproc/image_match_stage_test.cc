#include "imageproc/image_match_stage.h"

#include <gtest/gtest.h>

#include <functional>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "imageproc/match_test_images.h"
#include "imageproc/pdq_test_images.h"

namespace harrier::imageproc {
namespace {

using testing::DrawPhotoLike;
using testing::DrawScene;
using testing::JpegRoundTrip;
using testing::SceneFamily;
using testing::SceneSpec;

// A watchlist entry: every window, and ORB features kept in memory.
struct Reference {
  ImageSignature signature;
  OrbFeatures features;
};

Reference MakeReference(const cv::Mat& image) {
  Reference r;
  Result<ImageSignature> s = ComputeImageSignature(image, ReferenceSubwindowOptions());
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (s.ok()) r.signature = *s;
  Result<OrbFeatures> f = ComputeOrbFeatures(image);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  if (f.ok()) r.features = *f;
  return r;
}

MatchDecision Decide(const cv::Mat& query, const Reference& ref, const MatchOptions& options = {}) {
  Result<ImageSignature> s = ComputeImageSignature(query, QuerySubwindowOptions());
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (!s.ok()) return {};
  LazyOrbFeatures features(query, options.geometry);
  return DecideMatch(*s, features, ref.signature, &ref.features, options);
}

cv::Mat Crop(const cv::Mat& m, int left, int top, int right, int bottom) {
  return m(cv::Rect(left, top, m.cols - left - right, m.rows - top - bottom)).clone();
}

cv::Mat Rotated(const cv::Mat& m, cv::RotateFlags how) {
  cv::Mat out;
  cv::rotate(m, out, how);
  return out;
}

cv::Mat Mirrored(const cv::Mat& m) {
  cv::Mat out;
  cv::flip(m, out, 1);
  return out;
}

cv::Mat Letterboxed(const cv::Mat& m) {
  cv::Mat out;
  cv::copyMakeBorder(m, out, 27, 27, 0, 0, cv::BORDER_CONSTANT, cv::Scalar::all(0));
  return out;
}

// A big phone number across the picture on a dark banner, as adverts carry
// them: enough to push global PDQ past 31 on these images.
cv::Mat PhoneNumber(const cv::Mat& m) {
  cv::Mat out = m.clone();
  cv::Mat banner = out(cv::Rect(0, m.rows / 2 - 20, m.cols, 100));
  banner.convertTo(banner, -1, 0.3);
  cv::putText(out, "07700 900583", {10, m.rows / 2 + 60}, cv::FONT_HERSHEY_DUPLEX, 2.6,
              cv::Scalar(0, 255, 255), 7, cv::LINE_AA);
  return out;
}

struct Case {
  const char* name;
  std::function<cv::Mat(const cv::Mat&)> edit;
  MatchMethod method;
  bool global_pdq_fails;  // the case exists to show the stage it needs
};

TEST(ImageMatchStageTest, EachEditIsMatchedByTheCheapestStageThatCan) {
  const Case cases[] = {
      {"jpeg q60", [](const cv::Mat& m) { return m; }, MatchMethod::kPdq, false},
      {"half size", [](const cv::Mat& m) { return testing::Resized(m, 0.5); }, MatchMethod::kPdq,
       false},
      {"mirror", Mirrored, MatchMethod::kPdqDihedral, true},
      {"rotate 90", [](const cv::Mat& m) { return Rotated(m, cv::ROTATE_90_COUNTERCLOCKWISE); },
       MatchMethod::kPdqDihedral, true},
      {"rotate 180", [](const cv::Mat& m) { return Rotated(m, cv::ROTATE_180); },
       MatchMethod::kPdqDihedral, true},
      {"crop 5 % left and top", [](const cv::Mat& m) { return Crop(m, 32, 24, 0, 0); },
       MatchMethod::kSubwindowOrb, true},
      {"crop 10 % right and bottom", [](const cv::Mat& m) { return Crop(m, 0, 0, 64, 48); },
       MatchMethod::kSubwindowOrb, true},
      {"crop 10 % all round", [](const cv::Mat& m) { return Crop(m, 32, 24, 32, 24); },
       MatchMethod::kSubwindowOrb, true},
      {"letterbox 10 %", Letterboxed, MatchMethod::kSubwindowOrb, true},
      {"phone number", PhoneNumber, MatchMethod::kSubwindowOrb, true},
  };
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const cv::Mat original = DrawPhotoLike(seed);
    const Reference ref = MakeReference(original);
    for (const Case& c : cases) {
      const cv::Mat query =
          JpegRoundTrip(c.edit(original), c.method == MatchMethod::kPdq ? 60 : 85);
      const MatchDecision d = Decide(query, ref);
      EXPECT_TRUE(d.match) << c.name << " seed " << seed;
      EXPECT_EQ(MatchMethodName(d.method), MatchMethodName(c.method)) << c.name << " seed " << seed;
      if (c.global_pdq_fails) {
        EXPECT_GT(HammingDistance(*ComputePdq(query), ref.signature.pdq), kPdqMatchThreshold)
            << c.name << " seed " << seed;
      }
      if (d.method == MatchMethod::kSubwindowOrb) {
        ASSERT_TRUE(d.windows.has_value());
        ASSERT_TRUE(d.geometry.has_value());
        EXPECT_TRUE(d.geometry->same_picture);
        EXPECT_EQ(d.distance, HammingDistance(d.windows->query.hash, d.windows->reference.hash));
      }
    }
  }
}

TEST(ImageMatchStageTest, UnrelatedPicturesAndNearMissesDoNotMatch) {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const Reference ref = MakeReference(DrawPhotoLike(seed));
    const cv::Mat others[] = {
        DrawPhotoLike(seed + 300),
        PhoneNumber(DrawPhotoLike(seed + 301)),
        Crop(DrawPhotoLike(seed + 302), 32, 24, 0, 0),
    };
    for (const cv::Mat& other : others) {
      const MatchDecision d = Decide(JpegRoundTrip(other, 85), ref);
      EXPECT_FALSE(d.match) << seed;
      EXPECT_EQ(d.method, MatchMethod::kNone);
    }
  }
  // Style twins and same-background scenes: a watchlist scene's palette (and
  // background) with something else on it.
  for (SceneFamily family : {SceneFamily::kTexture, SceneFamily::kInterior, SceneFamily::kPattern,
                             SceneFamily::kPoster}) {
    SceneSpec spec{family, 7, 7, 7, {600, 420}};
    const Reference ref = MakeReference(DrawScene(spec));
    SceneSpec twin = spec;
    twin.field = twin.layout = 8;
    SceneSpec same_background = spec;
    same_background.layout = 9;
    for (const SceneSpec& s : {twin, same_background}) {
      const MatchDecision d = Decide(JpegRoundTrip(DrawScene(s), 85), ref);
      EXPECT_FALSE(d.match) << static_cast<int>(family) << " distance " << d.distance;
    }
  }
}

// The other way round: the watchlist photo is the crop and the advert shows
// more. The reference's crop windows cannot help; the query's can.
TEST(ImageMatchStageTest, ReferenceThatIsACropOfTheQueryNeedsQueryCropWindows) {
  const cv::Mat wide = DrawPhotoLike(11);
  const Reference ref = MakeReference(Crop(wide, 0, 0, 64, 48));
  const cv::Mat query = JpegRoundTrip(wide, 85);
  ASSERT_GT(HammingDistance(*ComputePdq(query), ref.signature.pdq), kPdqMatchThreshold);
  EXPECT_FALSE(Decide(query, ref).match);

  SubwindowOptions with_crops = QuerySubwindowOptions();
  with_crops.crops = true;
  const ImageSignature sig = *ComputeImageSignature(query, with_crops);
  LazyOrbFeatures features(query, GeometricCheckOptions{});
  const MatchDecision d = DecideMatch(sig, features, ref.signature, &ref.features);
  EXPECT_TRUE(d.match);
  EXPECT_EQ(d.method, MatchMethod::kSubwindowOrb);
  ASSERT_TRUE(d.windows.has_value());
  EXPECT_EQ(d.windows->query.kind, WindowKind::kCrop);
}

TEST(ImageMatchStageTest, SubwindowCandidateNeedsTheGeometricCheckUnlessTurnedOff) {
  const cv::Mat original = DrawPhotoLike(4);
  const Reference ref = MakeReference(original);
  const cv::Mat query = JpegRoundTrip(Crop(original, 0, 0, 64, 48), 85);
  const ImageSignature sig = *ComputeImageSignature(query, QuerySubwindowOptions());

  LazyOrbFeatures features(query, GeometricCheckOptions{});
  const MatchDecision without = DecideMatch(sig, features, ref.signature, nullptr);
  EXPECT_FALSE(without.match);
  EXPECT_TRUE(without.windows.has_value());  // the candidate is still reported
  EXPECT_LE(without.distance, MatchOptions{}.crop_threshold);

  MatchOptions hash_only;
  hash_only.require_geometry = false;
  const MatchDecision loose = DecideMatch(sig, features, ref.signature, nullptr, hash_only);
  EXPECT_TRUE(loose.match);
  EXPECT_EQ(loose.method, MatchMethod::kSubwindow);
  EXPECT_EQ(MatchMethodName(loose.method), "subwindow");

  MatchOptions no_windows;
  no_windows.subwindows = false;
  EXPECT_FALSE(DecideMatch(sig, features, ref.signature, &ref.features, no_windows).match);
}

TEST(ImageMatchStageTest, QueryFeaturesAreComputedOnlyForSubwindowCandidates) {
  const cv::Mat original = DrawPhotoLike(5);
  const Reference ref = MakeReference(original);
  const cv::Mat copy = JpegRoundTrip(original, 70);
  LazyOrbFeatures copy_features(copy, GeometricCheckOptions{});
  const MatchDecision d =
      DecideMatch(*ComputeImageSignature(copy), copy_features, ref.signature, &ref.features);
  EXPECT_EQ(d.method, MatchMethod::kPdq);
  EXPECT_FALSE(copy_features.computed());

  const cv::Mat unrelated = DrawPhotoLike(500);
  LazyOrbFeatures unrelated_features(unrelated, GeometricCheckOptions{});
  EXPECT_FALSE(DecideMatch(*ComputeImageSignature(unrelated), unrelated_features, ref.signature,
                           &ref.features)
                   .match);
  EXPECT_FALSE(unrelated_features.computed());
}

TEST(ImageMatchStageTest, HostileQueriesNeitherFailNorMatch) {
  const Reference ref = MakeReference(DrawPhotoLike(6));
  const Reference flat_ref = MakeReference(cv::Mat(480, 640, CV_8UC3, cv::Scalar::all(128)));
  const cv::Mat inputs[] = {cv::Mat(1, 1, CV_8UC3, cv::Scalar(9, 9, 9)),
                            cv::Mat(7, 300, CV_8UC1, cv::Scalar(0)),
                            cv::Mat(480, 640, CV_8UC3, cv::Scalar::all(128)),
                            cv::Mat(480, 640, CV_8UC4, cv::Scalar(0, 0, 0, 255))};
  for (const cv::Mat& image : inputs) {
    Result<ImageSignature> sig = ComputeImageSignature(image, ReferenceSubwindowOptions());
    ASSERT_TRUE(sig.ok()) << sig.status().ToString();
    for (const Reference* r : {&ref, &flat_ref}) {
      LazyOrbFeatures features(image, GeometricCheckOptions{});
      const MatchDecision d = DecideMatch(*sig, features, r->signature, &r->features);
      EXPECT_FALSE(d.match) << image.cols << "x" << image.rows;
    }
  }
  // A flat watchlist photo matches nothing either, not even itself.
  const cv::Mat grey(480, 640, CV_8UC3, cv::Scalar::all(128));
  LazyOrbFeatures flat(grey, GeometricCheckOptions{});
  EXPECT_FALSE(DecideMatch(flat_ref.signature, flat, flat_ref.signature, &flat_ref.features).match);
}

TEST(ImageMatchStageTest, MethodNames) {
  EXPECT_EQ(MatchMethodName(MatchMethod::kNone), "none");
  EXPECT_EQ(MatchMethodName(MatchMethod::kPdq), "pdq");
  EXPECT_EQ(MatchMethodName(MatchMethod::kPdqDihedral), "pdq-dihedral");
  EXPECT_EQ(MatchMethodName(MatchMethod::kSubwindowOrb), "subwindow+orb");
}

}  // namespace
}  // namespace harrier::imageproc
