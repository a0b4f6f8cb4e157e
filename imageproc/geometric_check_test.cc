#include "imageproc/geometric_check.h"

#include <gtest/gtest.h>

#include <functional>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "imageproc/match_test_images.h"
#include "imageproc/pdq_test_images.h"

namespace harrier::imageproc {
namespace {

using testing::DrawPhotoLike;
using testing::DrawScene;
using testing::JpegRoundTrip;
using testing::SceneFamily;
using testing::SceneSpec;

OrbFeatures Features(const cv::Mat& image) {
  Result<OrbFeatures> f = ComputeOrbFeatures(image);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return f.ok() ? *f : OrbFeatures{};
}

GeometricMatch Check(const cv::Mat& query, const cv::Mat& reference) {
  Result<GeometricMatch> g = CheckGeometry(Features(query), Features(reference));
  EXPECT_TRUE(g.ok()) << g.status().ToString();
  return g.ok() ? *g : GeometricMatch{};
}

cv::Mat PaintNumber(const cv::Mat& image, const std::string& text, int y) {
  cv::Mat out = image.clone();
  cv::putText(out, text, {20, y}, cv::FONT_HERSHEY_DUPLEX, 2.2, cv::Scalar(0, 0, 0), 10,
              cv::LINE_AA);
  cv::putText(out, text, {20, y}, cv::FONT_HERSHEY_DUPLEX, 2.2, cv::Scalar(0, 255, 255), 5,
              cv::LINE_AA);
  return out;
}

struct Edit {
  const char* name;
  std::function<cv::Mat(const cv::Mat&)> apply;
};

TEST(GeometricCheckTest, ConfirmsCropsLetterboxOverlayAndResize) {
  const Edit edits[] = {
      {"crop 5 %", [](const cv::Mat& m) { return m(cv::Rect(32, 0, 608, 456)).clone(); }},
      {"crop 10 %", [](const cv::Mat& m) { return m(cv::Rect(0, 24, 576, 432)).clone(); }},
      {"letterbox",
       [](const cv::Mat& m) {
         cv::Mat out;
         cv::copyMakeBorder(m, out, 27, 27, 0, 0, cv::BORDER_CONSTANT, cv::Scalar::all(0));
         return out;
       }},
      {"phone number", [](const cv::Mat& m) { return PaintNumber(m, "07700 900218", 260); }},
      {"half size", [](const cv::Mat& m) { return testing::Resized(m, 0.5); }},
      {"rotate 90",
       [](const cv::Mat& m) {
         cv::Mat out;
         cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE);
         return out;
       }},
  };
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    const cv::Mat image = DrawPhotoLike(seed);
    for (const Edit& e : edits) {
      const GeometricMatch g = Check(JpegRoundTrip(e.apply(image), 85), image);
      EXPECT_TRUE(g.same_picture) << e.name << " seed " << seed << ": " << g.inliers << " inliers, "
                                  << g.inlier_ratio << " ratio, spread " << g.inlier_spread;
      EXPECT_GE(g.inliers, 40) << e.name;
    }
  }
}

TEST(GeometricCheckTest, RejectsUnrelatedPicturesAndStyleTwins) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const cv::Mat image = DrawPhotoLike(seed);
    EXPECT_FALSE(Check(JpegRoundTrip(DrawPhotoLike(seed + 100), 85), image).same_picture);
    for (SceneFamily family :
         {SceneFamily::kTexture, SceneFamily::kInterior, SceneFamily::kPoster}) {
      SceneSpec spec{family, seed, seed, seed, {640, 480}};
      const cv::Mat a = DrawScene(spec);
      spec.field = spec.layout = seed + 50;  // same palette, new background field and layout
      const GeometricMatch g = Check(JpegRoundTrip(DrawScene(spec), 85), a);
      EXPECT_FALSE(g.same_picture) << static_cast<int>(family) << " " << seed << ": " << g.inliers;
    }
  }
}

// Agencies stamp the same number on every photo: the text alone matches with
// hundreds of inliers, all in a thin band, and must not make two different
// pictures the same.
TEST(GeometricCheckTest, SamePhoneNumberOnTwoDifferentPicturesIsNotTheSamePicture) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const cv::Mat a = PaintNumber(DrawPhotoLike(seed), "07700 900731", 240);
    const cv::Mat b = PaintNumber(DrawPhotoLike(seed + 40), "07700 900731", 240);
    const GeometricMatch g = Check(JpegRoundTrip(b, 85), a);
    EXPECT_FALSE(g.same_picture) << seed << ": " << g.inliers << " inliers, spread "
                                 << g.inlier_spread;
  }
}

TEST(GeometricCheckTest, TinyAndFlatImagesHaveNoKeypointsAndMatchNothing) {
  const cv::Mat photo = DrawPhotoLike(2);
  const cv::Mat inputs[] = {cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3)),
                            cv::Mat(12, 9, CV_8UC1, cv::Scalar(3)),
                            cv::Mat(480, 640, CV_8UC3, cv::Scalar::all(90)),
                            cv::Mat(200, 300, CV_8UC4, cv::Scalar(0, 0, 0, 0)),
                            cv::Mat(4000, 3, CV_8UC3, cv::Scalar::all(255))};
  for (const cv::Mat& image : inputs) {
    const OrbFeatures f = Features(image);
    EXPECT_EQ(f.size(), 0) << image.cols << "x" << image.rows;
    EXPECT_FALSE(Check(image, photo).same_picture);
    EXPECT_FALSE(Check(photo, image).same_picture);
  }
}

TEST(GeometricCheckTest, KeepsAtMostTheKeypointBudgetWithinTheWorkingImage) {
  cv::Mat big;
  cv::resize(DrawScene({SceneFamily::kPoster, 3, 3, 3, {640, 480}}), big, {2560, 1920});
  GeometricCheckOptions options;
  options.max_keypoints = 200;
  Result<OrbFeatures> f = ComputeOrbFeatures(big, options);
  ASSERT_TRUE(f.ok());
  EXPECT_LE(f->size(), 200);
  EXPECT_GT(f->size(), 100);
  EXPECT_EQ(std::max(f->width, f->height), 640);
  for (int i = 0; i < f->size(); ++i) {
    EXPECT_LE(f->xy[2 * i], f->width);
    EXPECT_LE(f->xy[2 * i + 1], f->height);
  }
}

TEST(GeometricCheckTest, RefusesEmptyAndUnsupportedImages) {
  for (const cv::Mat& image : {cv::Mat(), cv::Mat(64, 64, CV_16UC3, cv::Scalar::all(0))}) {
    Result<OrbFeatures> f = ComputeOrbFeatures(image);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(GeometricCheckTest, RefusesFeaturesWhoseDescriptorsDisagreeWithTheirPoints) {
  OrbFeatures broken = Features(DrawPhotoLike(4));
  ASSERT_GT(broken.size(), 0);
  broken.descriptors.pop_back();
  Result<GeometricMatch> g = CheckGeometry(broken, Features(DrawPhotoLike(4)));
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kInvalidArgument);
}

TEST(GeometricCheckTest, SerializedFeaturesRoundTripAndStillMatch) {
  const cv::Mat image = DrawPhotoLike(6);
  const OrbFeatures f = Features(image);
  const std::vector<uint8_t> bytes = f.Serialize();
  EXPECT_EQ(bytes.size(), f.SerializedSize());
  Result<OrbFeatures> back = OrbFeatures::Parse(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->width, f.width);
  EXPECT_EQ(back->height, f.height);
  EXPECT_EQ(back->xy, f.xy);
  EXPECT_EQ(back->descriptors, f.descriptors);
  const cv::Mat crop = JpegRoundTrip(image(cv::Rect(40, 30, 560, 420)).clone(), 80);
  EXPECT_TRUE(CheckGeometry(Features(crop), *back)->same_picture);
}

TEST(GeometricCheckTest, ParseRefusesMalformedFeatures) {
  const std::vector<uint8_t> good = Features(DrawPhotoLike(7)).Serialize();
  ASSERT_GT(good.size(), 16u);
  std::vector<uint8_t> truncated(good.begin(), good.end() - 5);
  EXPECT_EQ(OrbFeatures::Parse(truncated).status().code(), StatusCode::kCorrupt);
  std::vector<uint8_t> bad_magic = good;
  bad_magic[0] = 'X';
  EXPECT_EQ(OrbFeatures::Parse(bad_magic).status().code(), StatusCode::kCorrupt);
  std::vector<uint8_t> outside = good;
  outside[16 + 3] = 0x7f;  // first x becomes a huge float
  EXPECT_EQ(OrbFeatures::Parse(outside).status().code(), StatusCode::kCorrupt);
  std::vector<uint8_t> huge_count = good;
  huge_count[15] = 0xff;
  EXPECT_EQ(OrbFeatures::Parse(huge_count).status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace harrier::imageproc
