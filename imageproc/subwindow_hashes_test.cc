#include "imageproc/subwindow_hashes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>
#include <vector>

#include "imageproc/match_test_images.h"
#include "imageproc/pdq_test_images.h"

namespace harrier::imageproc {
namespace {

using testing::DrawPhotoLike;
using testing::JpegRoundTrip;

SubwindowHashes Windows(const cv::Mat& image, const SubwindowOptions& options) {
  Result<SubwindowHashes> h = ComputeSubwindowHashes(image, options);
  EXPECT_TRUE(h.ok()) << h.status().ToString();
  return h.ok() ? *h : SubwindowHashes{};
}

int Count(const SubwindowHashes& h, WindowKind kind) {
  return static_cast<int>(std::count_if(h.windows.begin(), h.windows.end(),
                                        [&](const WindowHash& w) { return w.kind == kind; }));
}

const WindowHash* Find(const SubwindowHashes& h, WindowKind kind, int index = 0) {
  for (const WindowHash& w : h.windows) {
    if (w.kind == kind && w.index == index) return &w;
  }
  return nullptr;
}

// Closest distance from any window of `kinds` in a to any window of `kinds` in b.
int Closest(const SubwindowHashes& a, std::vector<WindowKind> a_kinds, const SubwindowHashes& b,
            std::vector<WindowKind> b_kinds) {
  int best = PdqHash::kBits;
  for (const WindowHash& x : a.windows) {
    if (std::find(a_kinds.begin(), a_kinds.end(), x.kind) == a_kinds.end()) continue;
    for (const WindowHash& y : b.windows) {
      if (std::find(b_kinds.begin(), b_kinds.end(), y.kind) == b_kinds.end()) continue;
      best = std::min(best, HammingDistance(x.hash, y.hash));
    }
  }
  return best;
}

cv::Mat Cropped(const cv::Mat& img, double left, double top, double right, double bottom) {
  const int x0 = cvRound(left * img.cols), y0 = cvRound(top * img.rows);
  const int x1 = cvRound((1 - right) * img.cols), y1 = cvRound((1 - bottom) * img.rows);
  return img(cv::Rect(x0, y0, x1 - x0, y1 - y0)).clone();
}

TEST(SubwindowHashesTest, CropTableCoversEveryCropOfUpTo10PercentPerAxis) {
  // Per axis, any (left, right) with left + right <= 10 % must lie within
  // 1.75 % per edge of some table entry (the untrimmed one is kWhole).
  std::vector<WindowTrims> table = {WindowTrims{}};
  for (int i = 0; i < kCropWindowCount; ++i) table.push_back(CropWindowTrims(i));
  std::vector<std::pair<double, double>> axis;  // (first, second) trims of one axis
  for (int a = 0; a <= 10; ++a) {
    for (int b = 0; a + b <= 10; ++b) axis.emplace_back(a / 100.0, b / 100.0);
  }
  constexpr double kTolerance = 0.0176;
  for (const auto& [l, r] : axis) {
    for (const auto& [t, b] : axis) {
      const bool covered = std::any_of(table.begin(), table.end(), [&](const WindowTrims& w) {
        return std::abs(w.left - l) <= kTolerance && std::abs(w.right - r) <= kTolerance &&
               std::abs(w.top - t) <= kTolerance && std::abs(w.bottom - b) <= kTolerance;
      });
      EXPECT_TRUE(covered) << l << " " << r << " " << t << " " << b;
    }
  }
  for (const WindowTrims& w : table) {
    EXPECT_LE(w.left + w.right, 0.106f);
    EXPECT_LE(w.top + w.bottom, 0.106f);
  }
}

TEST(SubwindowHashesTest, ReferencesKeepCropWindowsQueriesDoNot) {
  const cv::Mat image = DrawPhotoLike(3);
  const SubwindowHashes ref = Windows(image, ReferenceSubwindowOptions());
  const SubwindowHashes query = Windows(image, QuerySubwindowOptions());
  EXPECT_EQ(Count(ref, WindowKind::kWhole), 1);
  EXPECT_EQ(Count(ref, WindowKind::kCrop), kCropWindowCount);
  EXPECT_EQ(Count(ref, WindowKind::kStrip), kStripWindowCount);
  EXPECT_EQ(Count(query, WindowKind::kCrop), 0);
  EXPECT_EQ(Count(query, WindowKind::kStrip), kStripWindowCount);
  ASSERT_NE(Find(query, WindowKind::kWhole), nullptr);
  EXPECT_EQ(Find(query, WindowKind::kWhole)->hash, Find(ref, WindowKind::kWhole)->hash);
}

// The numbers: PDQ is ~90 bits off after a 5-10 % crop. The whole
// window of the crop lands near one of the original's crop windows.
TEST(SubwindowHashesTest, CropOfTheImageComesNearOneOfItsCropWindows) {
  struct Case {
    double l, t, r, b;
  };
  const Case cases[] = {{0.05, 0, 0, 0.05},
                        {0.05, 0.05, 0, 0},
                        {0.1, 0.1, 0, 0},
                        {0, 0.03, 0.1, 0.07},
                        {0.05, 0.05, 0.05, 0.05}};
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const cv::Mat image = DrawPhotoLike(seed);
    const SubwindowHashes ref = Windows(image, ReferenceSubwindowOptions());
    for (const Case& c : cases) {
      const cv::Mat crop = JpegRoundTrip(Cropped(image, c.l, c.t, c.r, c.b), 85);
      const int global = HammingDistance(*ComputePdq(image), *ComputePdq(crop));
      const int windows = Closest(Windows(crop, QuerySubwindowOptions()), {WindowKind::kWhole}, ref,
                                  {WindowKind::kWhole, WindowKind::kCrop});
      EXPECT_GT(global, kPdqMatchThreshold) << seed << " " << c.l << " " << c.t;
      EXPECT_LE(windows, 44) << seed << " " << c.l << " " << c.t << " global " << global;
    }
  }
}

TEST(SubwindowHashesTest, LetterboxBarsAreFoundAndCut) {
  const cv::Mat image = DrawPhotoLike(5, 600, 400);
  cv::Mat boxed;
  cv::copyMakeBorder(image, boxed, 30, 30, 0, 0, cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0));
  boxed = JpegRoundTrip(boxed, 80);
  const SubwindowHashes query = Windows(boxed, QuerySubwindowOptions());
  EXPECT_NEAR(query.content.top, 30.0 / 460, 0.01);
  EXPECT_NEAR(query.content.bottom, 30.0 / 460, 0.01);
  EXPECT_EQ(query.content.left, 0);
  EXPECT_EQ(query.content.right, 0);
  const WindowHash* content = Find(query, WindowKind::kContent);
  ASSERT_NE(content, nullptr);
  const SubwindowHashes original = Windows(image, QuerySubwindowOptions());
  const WindowHash* whole = Find(original, WindowKind::kWhole);
  ASSERT_NE(whole, nullptr);
  EXPECT_LE(HammingDistance(content->hash, whole->hash), 20);
  EXPECT_GT(HammingDistance(*ComputePdq(image), *ComputePdq(boxed)), kPdqMatchThreshold);
}

TEST(SubwindowHashesTest, AnImageWithoutBarsHasNoContentWindow) {
  const SubwindowHashes h = Windows(DrawPhotoLike(6), QuerySubwindowOptions());
  EXPECT_EQ(Count(h, WindowKind::kContent), 0);
  EXPECT_EQ(h.content.top + h.content.bottom + h.content.left + h.content.right, 0);
}

TEST(SubwindowHashesTest, PhoneNumberAcrossTheMiddleLeavesAStripClean) {
  const cv::Mat image = DrawPhotoLike(8);
  cv::Mat painted = image.clone();
  cv::putText(painted, "07700 900461", {30, 250}, cv::FONT_HERSHEY_DUPLEX, 2.4,
              cv::Scalar(255, 255, 255), 6, cv::LINE_AA);
  painted = JpegRoundTrip(painted, 85);
  const SubwindowHashes ref = Windows(image, ReferenceSubwindowOptions());
  const SubwindowHashes query = Windows(painted, QuerySubwindowOptions());
  int best = PdqHash::kBits;
  for (int i = 0; i < kStripWindowCount; ++i) {
    const WindowHash* a = Find(query, WindowKind::kStrip, i);
    const WindowHash* b = Find(ref, WindowKind::kStrip, i);
    if (a != nullptr && b != nullptr) best = std::min(best, HammingDistance(a->hash, b->hash));
  }
  EXPECT_LE(best, 16);
}

TEST(SubwindowHashesTest, UnrelatedImagesWindowsStayFarApart) {
  std::vector<SubwindowHashes> refs;
  for (uint64_t seed = 20; seed < 26; ++seed) {
    refs.push_back(Windows(DrawPhotoLike(seed), ReferenceSubwindowOptions()));
  }
  const std::vector<WindowKind> all = {WindowKind::kWhole, WindowKind::kContent, WindowKind::kCrop,
                                       WindowKind::kStrip};
  for (size_t i = 0; i < refs.size(); ++i) {
    for (size_t j = i + 1; j < refs.size(); ++j) {
      EXPECT_GT(Closest(refs[i], all, refs[j], all), 60) << i << " " << j;
    }
  }
}

TEST(SubwindowHashesTest, TinyAndFlatImagesGiveNoWindowsWithoutError) {
  const cv::Mat inputs[] = {cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3)),
                            cv::Mat(10, 10, CV_8UC1, cv::Scalar(7)),
                            cv::Mat(15, 400, CV_8UC3, cv::Scalar(0, 0, 0)),
                            cv::Mat(480, 640, CV_8UC3, cv::Scalar::all(128)),
                            cv::Mat(300, 200, CV_8UC4, cv::Scalar(10, 200, 30, 255)),
                            cv::Mat(3000, 17, CV_8UC1, cv::Scalar(255))};
  for (const cv::Mat& image : inputs) {
    const SubwindowHashes h = Windows(image, ReferenceSubwindowOptions());
    EXPECT_TRUE(h.windows.empty()) << image.cols << "x" << image.rows;
  }
}

TEST(SubwindowHashesTest, RefusesEmptyAndUnsupportedPixelTypes) {
  for (const cv::Mat& image : {cv::Mat(), cv::Mat(64, 64, CV_16UC1, cv::Scalar(0)),
                               cv::Mat(64, 64, CV_32FC3, cv::Scalar::all(0))}) {
    Result<SubwindowHashes> h = ComputeSubwindowHashes(image);
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(SubwindowHashesTest, EncodedFormRoundTrips) {
  cv::Mat boxed;
  cv::copyMakeBorder(DrawPhotoLike(9), boxed, 0, 0, 40, 40, cv::BORDER_CONSTANT,
                     cv::Scalar::all(255));
  const SubwindowHashes h = Windows(boxed, ReferenceSubwindowOptions());
  const std::vector<uint8_t> bytes = EncodeSubwindowHashes(h);
  EXPECT_EQ(bytes.size(), 13 + 35 * h.windows.size());
  Result<SubwindowHashes> back = DecodeSubwindowHashes(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->windows.size(), h.windows.size());
  for (size_t i = 0; i < h.windows.size(); ++i) {
    EXPECT_EQ(back->windows[i].kind, h.windows[i].kind);
    EXPECT_EQ(back->windows[i].index, h.windows[i].index);
    EXPECT_EQ(back->windows[i].hash, h.windows[i].hash);
    EXPECT_EQ(back->windows[i].hash.quality, h.windows[i].hash.quality);
  }
  EXPECT_NEAR(back->content.left, h.content.left, 1e-4);
  EXPECT_NEAR(back->content.right, h.content.right, 1e-4);
}

TEST(SubwindowHashesTest, DecodeRefusesMalformedBytesAndOtherVersions) {
  const std::vector<uint8_t> good =
      EncodeSubwindowHashes(Windows(DrawPhotoLike(10), QuerySubwindowOptions()));
  ASSERT_TRUE(DecodeSubwindowHashes(good).ok());
  std::vector<uint8_t> truncated(good.begin(), good.end() - 1);
  EXPECT_EQ(DecodeSubwindowHashes(truncated).status().code(), StatusCode::kCorrupt);
  std::vector<uint8_t> bad_kind = good;
  bad_kind[13] = 9;
  EXPECT_EQ(DecodeSubwindowHashes(bad_kind).status().code(), StatusCode::kCorrupt);
  std::vector<uint8_t> bad_index = good;
  bad_index[14] = 3;  // the first window is kWhole, whose index is 0
  EXPECT_EQ(DecodeSubwindowHashes(bad_index).status().code(), StatusCode::kCorrupt);
  std::vector<uint8_t> old = good;
  old[2] = kSubwindowVersion + 1;
  EXPECT_EQ(DecodeSubwindowHashes(old).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodeSubwindowHashes(std::vector<uint8_t>{}).status().code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace harrier::imageproc
