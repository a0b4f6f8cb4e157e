#include "imageproc/exif.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <random>

#include "imageproc/decode.h"
#include "imageproc/test_images.h"

namespace harrier::imageproc {
namespace {

using namespace std::literals;
using testing::DrawScene;
using testing::Encode;
using testing::ExifSpec;

// An invented camera somewhere in the Irish Sea: 54° 12' 36.36" N, 4° 45' 9" W.
ExifSpec InventedCamera() {
  ExifSpec spec;
  spec.make = "Harrier Test Optics";
  spec.model = "HT-1000 Mk II";
  spec.date_time_original = "2021:06:15 14:30:05";
  spec.offset_time_original = "+01:00";
  spec.latitude_ref = "N";
  spec.latitude = {54, 1, 12, 1, 3636, 100};
  spec.longitude_ref = "W";
  spec.longitude = {4, 1, 45, 1, 9, 1};
  spec.orientation = 6;
  return spec;
}
constexpr double kLatitude = 54 + 12 / 60.0 + 36.36 / 3600;
constexpr double kLongitude = -(4 + 45 / 60.0 + 9 / 3600.0);

void ExpectInventedCamera(const ImageMetadata& m) {
  EXPECT_EQ(m.camera_make, "Harrier Test Optics");
  EXPECT_EQ(m.camera_model, "HT-1000 Mk II");
  EXPECT_EQ(m.date_time_original, "2021-06-15T14:30:05+01:00");
  ASSERT_TRUE(m.gps_latitude && m.gps_longitude);
  EXPECT_NEAR(*m.gps_latitude, kLatitude, 1e-9);
  EXPECT_NEAR(*m.gps_longitude, kLongitude, 1e-9);
  EXPECT_EQ(m.orientation, 6);
}

TEST(ExifTest, ReadsCameraTimeGpsAndOrientationFromJpegInBothByteOrders) {
  for (bool big_endian : {false, true}) {
    SCOPED_TRACE(big_endian ? "Motorola" : "Intel");
    ExifSpec spec = InventedCamera();
    spec.big_endian = big_endian;
    const std::string jpeg =
        testing::InsertApp1(Encode(DrawScene(32, 24), ".jpg"), testing::MakeExifBlock(spec));
    ExpectInventedCamera(ReadExif(jpeg));
    // DecodeImage fills the same metadata.
    Result<DecodedImage> image = DecodeImage(jpeg);
    ASSERT_TRUE(image.ok()) << image.status().ToString();
    ExpectInventedCamera(image->exif);
  }
}

TEST(ExifTest, ReadsWebpExifChunkAndPngExifChunk) {
  const std::string block = testing::MakeExifBlock(InventedCamera());
  const std::string tiff = block.substr(6);  // WebP and PNG store it without "Exif\0\0"
  const cv::Mat scene = DrawScene(32, 24);
  const std::string webp = testing::WrapWebpInVp8x(Encode(scene, ".webp"), 32, 24, tiff);
  ExpectInventedCamera(ReadExif(webp));
  Result<DecodedImage> decoded = DecodeImage(webp);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ExpectInventedCamera(decoded->exif);

  std::string png = Encode(scene, ".png");
  png.insert(33, testing::PngChunk("eXIf", tiff));  // right after IHDR
  ExpectInventedCamera(ReadExif(png));
}

TEST(ExifTest, SouthAndEastAreSignedAndParsedBlocksNeedNoPrefix) {
  ExifSpec spec = InventedCamera();
  spec.latitude_ref = "S";
  spec.longitude_ref = "E";
  const std::string block = testing::MakeExifBlock(spec);
  for (std::string_view b : {std::string_view(block), std::string_view(block).substr(6)}) {
    const ImageMetadata m = ParseExifBlock(b);
    ASSERT_TRUE(m.gps_latitude && m.gps_longitude);
    EXPECT_NEAR(*m.gps_latitude, -kLatitude, 1e-9);
    EXPECT_NEAR(*m.gps_longitude, -kLongitude, 1e-9);
  }
}

TEST(ExifTest, MalformedFieldsAreLeftOut) {
  struct Case {
    const char* name;
    void (*edit)(ExifSpec&);
    bool gps, date, orientation;
  } cases[] = {
      {"zero denominator", [](ExifSpec& s) { s.latitude[1] = 0; }, false, true, true},
      {"0/0 seconds count as zero", [](ExifSpec& s) { s.latitude[4] = s.latitude[5] = 0; }, true,
       true, true},
      {"no latitude reference", [](ExifSpec& s) { s.latitude_ref.clear(); }, false, true, true},
      {"reference not N or S", [](ExifSpec& s) { s.latitude_ref = "X"; }, false, true, true},
      {"latitude over 90", [](ExifSpec& s) { s.latitude[0] = 91; }, false, true, true},
      {"only two rationals", [](ExifSpec& s) { s.longitude.resize(4); }, false, true, true},
      {"clock never set", [](ExifSpec& s) { s.date_time_original = "0000:00:00 00:00:00"; }, true,
       false, true},
      {"date not in EXIF form", [](ExifSpec& s) { s.date_time_original = "15/06/2021 14:30"; },
       true, false, true},
      {"orientation 9", [](ExifSpec& s) { s.orientation = 9; }, true, true, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ExifSpec spec = InventedCamera();
    c.edit(spec);
    const ImageMetadata m = ParseExifBlock(testing::MakeExifBlock(spec));
    EXPECT_EQ(m.gps_latitude.has_value(), c.gps);
    EXPECT_EQ(m.gps_longitude.has_value(), c.gps);
    EXPECT_EQ(m.date_time_original.has_value(), c.date);
    EXPECT_EQ(m.orientation.has_value(), c.orientation);
    EXPECT_EQ(m.camera_make, "Harrier Test Optics");
  }
}

TEST(ExifTest, TextIsPrintableAsciiAndBounded) {
  ExifSpec spec;
  spec.make = "  Odd\x01Maker\x7F\xC3\xA9  ";
  spec.model = std::string(300, 'M');
  spec.date_time_original = "2020:01:02 03:04:05";
  spec.offset_time_original = "local";  // not +HH:MM: ignored
  const ImageMetadata m = ParseExifBlock(testing::MakeExifBlock(spec));
  EXPECT_EQ(m.camera_make, "Odd?Maker???");
  EXPECT_EQ(m.camera_model, std::string(128, 'M'));
  EXPECT_EQ(m.date_time_original, "2020-01-02T03:04:05");
  EXPECT_FALSE(m.gps_latitude);
}

TEST(ExifTest, ImagesWithoutExifGiveEmptyMetadata) {
  const cv::Mat scene = DrawScene(16, 16);
  const std::vector<cv::Vec3b> palette = {{0, 0, 0}, {255, 255, 255}};
  for (const std::string& bytes :
       {Encode(scene, ".jpg"), Encode(scene, ".png"), Encode(scene, ".webp"),
        testing::EncodeGif(16, 16, palette, {{cv::Mat(16, 16, CV_8UC1, cv::Scalar(1))}}),
        std::string("II*\0", 4), std::string()}) {
    EXPECT_TRUE(ReadExif(bytes).empty());
  }
  EXPECT_TRUE(ParseExifBlock("Exif\0\0"sv).empty());
  EXPECT_TRUE(ParseExifBlock(std::string((1 << 20) + 1, 'x')).empty());
}

// libexif on hostile blocks: every truncation and thousands of random byte
// changes (offsets that loop or point outside, huge counts) finish without
// a crash; ASan builds check memory safety.
TEST(ExifTest, TruncatedAndCorruptedBlocksNeverCrash) {
  const std::string block = testing::MakeExifBlock(InventedCamera());
  for (size_t n = 0; n <= block.size(); ++n) (void)ParseExifBlock(block.substr(0, n));
  std::mt19937 random(7);
  int with_gps = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string corrupt = block;
    for (int flips = 1 + random() % 6; flips > 0; --flips) {
      corrupt[6 + random() % (corrupt.size() - 6)] = static_cast<char>(random());
    }
    const ImageMetadata m = ParseExifBlock(corrupt);
    if (m.gps_latitude) {
      ++with_gps;
      EXPECT_LE(std::abs(*m.gps_latitude), 90.0);
      EXPECT_LE(std::abs(*m.gps_longitude), 180.0);
    }
  }
  EXPECT_GT(with_gps, 0);  // the mutations leave many blocks readable
}

}  // namespace
}  // namespace harrier::imageproc
