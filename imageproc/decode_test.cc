// DecodeImage on valid images of every allowed format: size, channels and
// pixels after normalisation. Refusals (R6, R7, hostile bytes) are in
// decode_refusal_test.cc.
#include "imageproc/decode.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "imageproc/test_images.h"

namespace harrier::imageproc {
namespace {

using testing::DrawScene;
using testing::Encode;

bool SameImage(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

TEST(DecodeTest, EveryAllowedFormatDecodesToItsSizeAndChannels) {
  const cv::Mat scene = DrawScene(64, 48);
  cv::Mat grey, bgra;
  cv::cvtColor(scene, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(scene, bgra, cv::COLOR_BGR2BGRA);
  bgra(cv::Rect(0, 0, 10, 10)).setTo(cv::Scalar(0, 0, 0, 0));  // encoders drop an opaque alpha
  struct Case {
    const char* name;
    std::string bytes;
    const char* mime;
    int channels;  // as decoded
    int type;      // after normalising
  } cases[] = {
      {"jpeg", Encode(scene, ".jpg"), "image/jpeg", 3, CV_8UC3},
      {"grey jpeg stays grey", Encode(grey, ".jpg"), "image/jpeg", 1, CV_8UC1},
      {"progressive jpeg", Encode(scene, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}), "image/jpeg",
       3, CV_8UC3},
      {"png", Encode(scene, ".png"), "image/png", 3, CV_8UC3},
      {"grey png stays grey", Encode(grey, ".png"), "image/png", 1, CV_8UC1},
      {"png with alpha loses it", Encode(bgra, ".png"), "image/png", 4, CV_8UC3},
      {"lossy webp", Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 80}), "image/webp", 3,
       CV_8UC3},
      {"lossless webp", Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}), "image/webp", 3,
       CV_8UC3},
      {"webp with alpha loses it", Encode(bgra, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}),
       "image/webp", 4, CV_8UC3},
      {"webp in a VP8X container", testing::WrapWebpInVp8x(Encode(scene, ".webp"), 64, 48),
       "image/webp", 3, CV_8UC3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_FALSE(c.bytes.empty());
    Result<DecodedImage> image = DecodeImage(c.bytes);
    ASSERT_TRUE(image.ok()) << image.status().ToString();
    EXPECT_EQ(image->mime, c.mime);
    EXPECT_EQ(image->width, 64);
    EXPECT_EQ(image->height, 48);
    EXPECT_EQ(image->channels, c.channels);
    EXPECT_EQ(image->bit_depth, 8);
    EXPECT_EQ(image->pixels.type(), c.type);
    EXPECT_EQ(image->pixels.size(), cv::Size(64, 48));
    EXPECT_TRUE(image->pixels.isContinuous());
  }
}

TEST(DecodeTest, LosslessFormatsKeepEveryPixel) {
  const cv::Mat scene = DrawScene(40, 30);
  cv::Mat grey, bgra;
  cv::cvtColor(scene, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(scene, bgra, cv::COLOR_BGR2BGRA);
  bgra.forEach<cv::Vec4b>([](cv::Vec4b& p, const int* at) { p[3] = (at[1] % 2) ? 0 : 255; });
  struct Case {
    const char* name;
    std::string bytes;
    cv::Mat want;
  } cases[] = {
      {"png", Encode(scene, ".png"), scene},
      {"grey png", Encode(grey, ".png"), grey},
      {"png alpha: the colour under transparency stays", Encode(bgra, ".png"), scene},
      {"lossless webp", Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}), scene},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<DecodedImage> image = DecodeImage(c.bytes);
    ASSERT_TRUE(image.ok()) << image.status().ToString();
    EXPECT_TRUE(SameImage(image->pixels, c.want));
  }
}

TEST(DecodeTest, SixteenBitPngIsScaledToEightBits) {
  cv::Mat wide(2, 3, CV_16UC3);
  const uint16_t samples[] = {0, 257, 257 * 100, 257 * 200, 65535, 1000};
  for (int i = 0; i < 6; ++i) {
    wide.at<cv::Vec3w>(i / 3, i % 3) = cv::Vec3w(samples[i], samples[i], samples[i]);
  }
  Result<DecodedImage> image = DecodeImage(Encode(wide, ".png"));
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_EQ(image->bit_depth, 16);
  ASSERT_EQ(image->pixels.type(), CV_8UC3);
  const int want[] = {0, 1, 100, 200, 255, 4};  // 1000 / 257 = 3.89 rounds to 4
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(image->pixels.at<cv::Vec3b>(i / 3, i % 3)[0], want[i]) << i;
  }
}

TEST(DecodeTest, PalettePngComesOutAsBgr) {
  // 4x1, 8-bit indices 0..3 into a four-colour PLTE (RGB), with and without
  // tRNS (which makes OpenCV decode BGRA; alpha is dropped).
  const std::string plte = testing::PngChunk("PLTE", std::string("\xFF\x00\x00"
                                                                 "\x00\xFF\x00"
                                                                 "\x00\x00\xFF"
                                                                 "\x10\x20\x30",
                                                                 12));
  const std::string row("\x00\x00\x01\x02\x03", 5);  // filter 0, then the indices
  const cv::Vec3b want[] = {{0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0x30, 0x20, 0x10}};
  for (const std::string& extra : {plte, plte + testing::PngChunk("tRNS", std::string(1, '\0'))}) {
    Result<DecodedImage> image = DecodeImage(testing::PngFile(4, 1, 8, 3, row, extra));
    ASSERT_TRUE(image.ok()) << image.status().ToString();
    ASSERT_EQ(image->pixels.type(), CV_8UC3);
    for (int x = 0; x < 4; ++x) EXPECT_EQ(image->pixels.at<cv::Vec3b>(0, x), want[x]) << x;
  }
}

TEST(DecodeTest, JpegEvenWithExifOrientationIsNotRotated) {
  testing::ExifSpec spec;
  spec.orientation = 6;  // "rotate 90 degrees clockwise to view"
  const std::string jpeg =
      testing::InsertApp1(Encode(DrawScene(64, 32), ".jpg"), testing::MakeExifBlock(spec));
  Result<DecodedImage> image = DecodeImage(jpeg);
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_EQ(image->width, 64);
  EXPECT_EQ(image->height, 32);
  EXPECT_EQ(image->exif.orientation, 6);
}

// GIF: two frames written with giflib's encoder; only the first is decoded,
// through its palette into BGR.
class GifDecodeTest : public ::testing::Test {
 protected:
  // RGB palette entries; BGR in the decoded image.
  const std::vector<cv::Vec3b> global_ = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};

  static cv::Mat Quadrants(int width, int height) {
    cv::Mat indices(height, width, CV_8UC1, cv::Scalar(0));
    indices(cv::Rect(width / 2, 0, width - width / 2, height / 2)) = 1;
    indices(cv::Rect(0, height / 2, width / 2, height - height / 2)) = 2;
    indices(cv::Rect(width / 2, height / 2, width - width / 2, height - height / 2)) = 3;
    return indices;
  }
  static cv::Vec3b Bgr(const cv::Vec3b& rgb) { return {rgb[2], rgb[1], rgb[0]}; }
};

TEST_F(GifDecodeTest, OnlyTheFirstOfTwoFramesIsDecoded) {
  const std::string gif = testing::EncodeGif(
      60, 50, global_, {{Quadrants(40, 30)}, {cv::Mat(50, 60, CV_8UC1, cv::Scalar(3))}});
  const uint64_t calls = DecoderCallsForTesting();
  Result<DecodedImage> image = DecodeImage(gif);
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_EQ(DecoderCallsForTesting(), calls + 1);
  EXPECT_EQ(image->mime, "image/gif");
  ASSERT_EQ(image->pixels.type(), CV_8UC3);
  ASSERT_EQ(image->pixels.size(), cv::Size(40, 30));
  EXPECT_EQ(image->channels, 3);
  EXPECT_EQ(image->pixels.at<cv::Vec3b>(0, 0), Bgr(global_[0]));
  EXPECT_EQ(image->pixels.at<cv::Vec3b>(0, 39), Bgr(global_[1]));
  EXPECT_EQ(image->pixels.at<cv::Vec3b>(29, 0), Bgr(global_[2]));
  EXPECT_EQ(image->pixels.at<cv::Vec3b>(29, 39), Bgr(global_[3]));
  EXPECT_TRUE(image->exif.empty());
}

TEST_F(GifDecodeTest, InterlacedRowsLandWhereTheyBelong) {
  cv::Mat indices(23, 5, CV_8UC1);
  for (int y = 0; y < indices.rows; ++y) indices.row(y) = y % 4;
  testing::GifFrame frame{indices};
  frame.interlaced = true;
  Result<DecodedImage> image = DecodeImage(testing::EncodeGif(5, 23, global_, {frame}));
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  for (int y = 0; y < indices.rows; ++y) {
    EXPECT_EQ(image->pixels.at<cv::Vec3b>(y, 2), Bgr(global_[y % 4])) << "row " << y;
  }
}

TEST_F(GifDecodeTest, LocalPaletteWinsAndTransparencyKeepsItsColour) {
  testing::GifFrame frame{Quadrants(8, 8)};
  frame.palette = {{10, 20, 30}, {40, 50, 60}, {70, 80, 90}, {100, 110, 120}};
  frame.transparent_index = 1;
  Result<DecodedImage> image = DecodeImage(testing::EncodeGif(8, 8, global_, {frame}));
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_EQ(image->pixels.at<cv::Vec3b>(0, 0), Bgr(frame.palette[0]));
  EXPECT_EQ(image->pixels.at<cv::Vec3b>(0, 7), Bgr(frame.palette[1]));  // the transparent index
  EXPECT_EQ(image->pixels.at<cv::Vec3b>(7, 7), Bgr(frame.palette[3]));
}

TEST_F(GifDecodeTest, NoColourTableIsDecodeFailed) {
  // 1x1, no global and no local table (giflib's encoder refuses to write one).
  constexpr char kGif[] =
      "GIF89a\x01\0\x01\0\0\0\0"    // screen 1x1, no global table
      "\x2C\0\0\0\0\x01\0\x01\0\0"  // image 1x1, no local table
      "\x02\x02\x44\x01\0\x3B";     // LZW: clear, 0, end; trailer
  const std::string gif(kGif, sizeof kGif - 1);
  Result<DecodedImage> image = DecodeImage(gif);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(DecodeReasonOf(image.status()), DecodeReason::kDecodeFailed);
}

}  // namespace
}  // namespace harrier::imageproc
