// FingerprintImage: one decode gives the same hashes as each function on the
// decoded pixels; refusals carry their reason code; EXIF becomes JSON.
#include "imageproc/fingerprint.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "imageproc/test_images.h"

namespace harrier::imageproc {
namespace {

TEST(FingerprintTest, HashesTheDecodedPixelsOnceForEveryHash) {
  const std::string png = testing::Encode(testing::DrawScene(320, 240), ".png");
  cv::Mat pixels;
  Result<ImageFingerprint> f = FingerprintImage(png, DecodeLimits(), &pixels);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->sha256, Sha256Hex(png));
  EXPECT_EQ(f->mime, "image/png");
  EXPECT_EQ(f->width, 320);
  EXPECT_EQ(f->height, 240);
  ASSERT_FALSE(pixels.empty());
  EXPECT_EQ(f->pdq, *ComputePdq(pixels));
  EXPECT_EQ(f->pdq.quality, ComputePdq(pixels)->quality);
  EXPECT_EQ(f->dihedral[0], f->pdq);
  EXPECT_EQ(f->dihedral[3], ComputePdqDihedral(pixels)->at(3));
  EXPECT_EQ(f->phash, *ComputePHash(pixels));
}

TEST(FingerprintTest, ARefusalCarriesTheDecodersReasonCode) {
  const struct {
    std::string bytes;
    DecodeLimits limits;
    std::string code;
  } kCases[] = {
      {testing::PngBomb(50000, 50000, 4096), {}, "image_too_large"},
      {"II*\0 a TIFF is never decoded", {}, "unsupported_type"},
      {std::string(2048, 'x'), {1024, 40'000'000, 16384}, "too_many_bytes"},
  };
  for (const auto& c : kCases) {
    Result<ImageFingerprint> f = FingerprintImage(c.bytes, c.limits);
    ASSERT_FALSE(f.ok()) << c.code;
    EXPECT_EQ(RejectionCode(f.status()), c.code) << f.status().ToString();
  }
  EXPECT_EQ(RejectionCode(Status::Internal("other")), "analysis_failed");
}

TEST(FingerprintTest, ExifBecomesAJsonObjectAndNoExifAnEmptyString) {
  ImageMetadata none;
  EXPECT_EQ(ExifJson(none), "");
  ImageMetadata m;
  m.camera_make = "Acme";
  m.date_time_original = "2026-02-03T10:00:00";
  m.gps_latitude = 53.5;
  m.gps_longitude = -5.25;
  const nlohmann::json j = nlohmann::json::parse(ExifJson(m));
  EXPECT_EQ(j["camera_make"], "Acme");
  EXPECT_EQ(j["date_time_original"], "2026-02-03T10:00:00");
  EXPECT_DOUBLE_EQ(j["gps_latitude"].get<double>(), 53.5);
  EXPECT_DOUBLE_EQ(j["gps_longitude"].get<double>(), -5.25);
  EXPECT_FALSE(j.contains("camera_model"));
}

}  // namespace
}  // namespace harrier::imageproc
