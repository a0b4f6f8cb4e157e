#include "imageproc/phash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "imageproc/pdq_test_images.h"

namespace harrier::imageproc {
namespace {

using testing::Brightness;
using testing::DrawPhotoLike;
using testing::JpegRoundTrip;
using testing::Resized;

PHash Hash(const cv::Mat& image) {
  Result<PHash> h = ComputePHash(image);
  EXPECT_TRUE(h.ok()) << h.status().ToString();
  return h.ok() ? *h : PHash{};
}

std::string OpenCvHex(const cv::Mat& image) {
  cv::Mat bytes;
  cv::img_hash::PHash::create()->compute(image, bytes);
  std::string hex;
  for (int i = 0; i < bytes.cols; ++i) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02x", bytes.at<uint8_t>(0, i));
    hex += buf;
  }
  return hex;
}

TEST(PHashTest, EqualsOpenCvImgHashPHashBitForBit) {
  std::vector<cv::Mat> images;
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    const cv::Mat photo = DrawPhotoLike(seed, 200 + 70 * seed, 480 - 30 * seed);
    images.push_back(photo);
    cv::Mat grey, bgra;
    cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
    cv::cvtColor(photo, bgra, cv::COLOR_BGR2BGRA);
    images.push_back(grey);
    images.push_back(bgra);
  }
  const std::string dir = std::string(HARRIER_SOURCE_DIR) + "/tests/data/pdq/images/";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    images.push_back(cv::imread(entry.path().string(), cv::IMREAD_UNCHANGED));
  }
  for (const cv::Mat& image : images) {
    ASSERT_FALSE(image.empty());
    EXPECT_EQ(Hash(image).ToHex(), OpenCvHex(image)) << image.size() << " " << image.channels();
  }
}

TEST(PHashTest, EditedVariantsStayClose) {
  int worst = 0;
  for (uint64_t seed = 21; seed <= 26; ++seed) {
    const cv::Mat image = DrawPhotoLike(seed, 640, 480);
    const PHash original = Hash(image);
    const cv::Mat edited[] = {JpegRoundTrip(image, 50), JpegRoundTrip(image, 90),
                              Resized(image, 0.25),     Resized(image, 0.5),
                              Resized(image, 2.0),      Brightness(image, -0.2),
                              Brightness(image, 0.2)};
    for (const cv::Mat& e : edited) {
      const int dist = HammingDistance(original, Hash(e));
      EXPECT_LE(dist, 8) << "seed " << seed << " " << e.size();
      worst = std::max(worst, dist);
    }
  }
  RecordProperty("max_bits_off", worst);
}

TEST(PHashTest, UnrelatedImagesAreFarApart) {
  std::vector<PHash> hashes;
  for (uint64_t seed = 200; seed < 216; ++seed) hashes.push_back(Hash(DrawPhotoLike(seed)));
  int closest = 64;
  for (size_t i = 0; i < hashes.size(); ++i) {
    for (size_t j = i + 1; j < hashes.size(); ++j) {
      closest = std::min(closest, HammingDistance(hashes[i], hashes[j]));
    }
  }
  EXPECT_GE(closest, 16);
  RecordProperty("min_bits_apart", closest);
}

TEST(PHashTest, HexIsOpenCvByteOrderAndRoundTrips) {
  PHash h;
  h.bits = 0x01;  // coefficient (0, 0) position: byte 0, printed first
  EXPECT_EQ(h.ToHex(), "0100000000000000");
  h.bits = uint64_t{0x80} << 56;  // coefficient (7, 7): top bit of byte 7, printed last
  EXPECT_EQ(h.ToHex(), "0000000000000080");
  Result<PHash> parsed = PHash::FromHex("0123456789ABCDEF");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->ToHex(), "0123456789abcdef");
  EXPECT_EQ(HammingDistance(*parsed, *parsed), 0);
  PHash other = *parsed;
  other.bits ^= 0x8001;
  EXPECT_EQ(HammingDistance(*parsed, other), 2);
  EXPECT_FALSE(PHash::FromHex("0123").ok());
  EXPECT_FALSE(PHash::FromHex("0123456789abcdeg").ok());
}

TEST(PHashTest, RefusesEmptyAndNon8BitImages) {
  const cv::Mat bad[] = {cv::Mat(), cv::Mat(8, 8, CV_16UC3, cv::Scalar(1)),
                         cv::Mat(8, 8, CV_32FC1)};
  for (const cv::Mat& image : bad) {
    Result<PHash> h = ComputePHash(image);
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(h.status().code(), StatusCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace harrier::imageproc
