#include "imageproc/image_header.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "imageproc/decode_reason.h"
#include "imageproc/test_images.h"

namespace harrier::imageproc {
namespace {

using namespace std::literals;
using testing::DrawScene;
using testing::Encode;

std::string TwoFrameGif() {
  const std::vector<cv::Vec3b> palette = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
  return testing::EncodeGif(
      50, 40, palette,
      {{cv::Mat(20, 30, CV_8UC1, cv::Scalar(1))}, {cv::Mat(40, 50, CV_8UC1, cv::Scalar(2))}});
}

TEST(ImageHeaderTest, ReadsTheSizeOfEveryAllowedFormat) {
  const cv::Mat scene = DrawScene(37, 23);
  cv::Mat grey;
  cv::cvtColor(scene, grey, cv::COLOR_BGR2GRAY);
  struct Case {
    const char* name;
    std::string bytes;
    const char* mime;
    uint32_t width, height;
  } cases[] = {
      {"png", Encode(scene, ".png"), "image/png", 37, 23},
      {"jpeg", Encode(scene, ".jpg"), "image/jpeg", 37, 23},
      {"grey jpeg", Encode(grey, ".jpg"), "image/jpeg", 37, 23},
      {"progressive jpeg", Encode(scene, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}), "image/jpeg",
       37, 23},
      {"jpeg with APP1", testing::InsertApp1(Encode(scene, ".jpg"), "Exif\0\0junk"sv), "image/jpeg",
       37, 23},
      {"webp VP8", Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 80}), "image/webp", 37, 23},
      {"webp VP8L", Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}), "image/webp", 37, 23},
      {"webp VP8X", testing::WrapWebpInVp8x(Encode(scene, ".webp"), 37, 23), "image/webp", 37, 23},
      {"gif: first frame, not the screen", TwoFrameGif(), "image/gif", 30, 20},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<ImageHeader> header = ReadImageHeader(c.bytes);
    ASSERT_TRUE(header.ok()) << header.status().ToString();
    EXPECT_EQ(header->mime, c.mime);
    EXPECT_EQ(header->width, c.width);
    EXPECT_EQ(header->height, c.height);
  }
}

TEST(ImageHeaderTest, ReadsHugeClaimedSizesWithoutDecoding) {
  const std::string jpeg = Encode(DrawScene(16, 16), ".jpg");
  std::string vp8x = testing::WrapWebpInVp8x(Encode(DrawScene(16, 16), ".webp"), 1 << 24, 1 << 24);
  struct Case {
    const char* name;
    std::string bytes;
    uint32_t width, height;
  } cases[] = {
      {"png", testing::PngBomb(50000, 50000, 1000), 50000, 50000},
      {"jpeg", testing::PatchJpegSize(jpeg, 65535, 65535), 65535, 65535},
      {"webp VP8X canvas", vp8x, 1 << 24, 1 << 24},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<ImageHeader> header = ReadImageHeader(c.bytes);
    ASSERT_TRUE(header.ok()) << header.status().ToString();
    EXPECT_EQ(header->width, c.width);
    EXPECT_EQ(header->height, c.height);
  }
}

TEST(ImageHeaderTest, RefusesBrokenStructuresAsBadHeader) {
  const std::string png_sig = "\x89PNG\r\n\x1A\n";
  const std::string soi = "\xFF\xD8";
  const std::string sof0_zero_height = "\xFF\xC0\x00\x08\x08\x00\x00\x00\x10\x03"s;
  struct Case {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"png signature only", png_sig},
      {"png first chunk not IHDR", png_sig + testing::PngChunk("tEXt", "0123456789abc")},
      {"png zero width", testing::PngFile(0, 10, 8, 0, "")},
      {"png width 2^31", testing::PngFile(0x80000000u, 10, 8, 0, "")},
      {"png truncated IHDR", testing::PngFile(10, 10, 8, 0, "").substr(0, 20)},
      {"jpeg SOI then ff only", soi + "\xFF\xFF\xFF"},
      {"jpeg segment runs past the end", soi + "\xFF\xE0\xFF\xFF" + "JFIF"},
      {"jpeg segment length 1", soi + "\xFF\xE0\x00\x01"s},
      {"jpeg EOI before a frame", soi + "\xFF\xD9"},
      {"jpeg second SOI", soi + "\xFF\xD8"},
      {"jpeg scan before a frame", soi + "\xFF\xDA\x00\x02"s},
      {"jpeg garbage where a marker belongs", soi + "\xFF\xE0\x00\x04"s + "ab" + "xyz"},
      {"jpeg SOF too short", soi + "\xFF\xC0\x00\x05\x08\x00\x10"s},
      {"jpeg zero height (DNL)", soi + sof0_zero_height},
      {"jpeg ends after restart markers", soi + "\xFF\xD0\xFF\xD1"},
      {"webp truncated", "RIFF\x20\0\0\0WEBPVP8 "s},
      {"webp tiny riff size", "RIFF\x02\0\0\0WEBPVP8 \x10\0\0\0\0\0\0\x9D\x01\x2A\x10\0\x10\0"s},
      {"webp unknown first chunk", "RIFF\x20\0\0\0WEBPALPH\x10\0\0\0"s + std::string(16, '\0')},
      {"webp VP8 bad start code",
       "RIFF\x20\0\0\0WEBPVP8 \x10\0\0\0\0\0\0\x9D\x01\x2B\x10\0\x10\0"s},
      {"webp VP8 not a key frame",
       "RIFF\x20\0\0\0WEBPVP8 \x10\0\0\0\x01\0\0\x9D\x01\x2A\x10\0\x10\0"s},
      {"webp VP8 zero width", "RIFF\x20\0\0\0WEBPVP8 \x10\0\0\0\0\0\0\x9D\x01\x2A\0\0\x10\0"s},
      {"webp VP8L bad signature", "RIFF\x20\0\0\0WEBPVP8L\x10\0\0\0\x2E\0\0\0\0"s},
      {"webp VP8L unknown version", "RIFF\x20\0\0\0WEBPVP8L\x10\0\0\0\x2F\0\0\0\x20"s},
      {"webp VP8X chunk not 10 bytes", "RIFF\x20\0\0\0WEBPVP8X\x0B\0\0\0\0\0\0\0\x10\0\0\x10\0\0"s},
      {"webp VP8X truncated", "RIFF\x20\0\0\0WEBPVP8X\x0A\0\0\0\0\0\0\0\x10\0"s},
      {"gif screen only", "GIF89a\x10\0\x10\0\0\0\0"s},
      {"gif global table truncated", "GIF89a\x10\0\x10\0\x87\0\0\0\0\0"s},
      {"gif trailer first", "GIF89a\x10\0\x10\0\0\0\0\x3B"s},
      {"gif unknown block", "GIF89a\x10\0\x10\0\0\0\0\x99"s},
      {"gif extension never ends", "GIF89a\x10\0\x10\0\0\0\0\x21\xF9\x04\0\0\0\0"s},
      {"gif extension block past the end", "GIF89a\x10\0\x10\0\0\0\0\x21\xFE\xFF"s},
      {"gif truncated descriptor", "GIF89a\x10\0\x10\0\0\0\0\x2C\0\0\0\0\x10"s},
      {"gif zero-width frame", "GIF89a\x10\0\x10\0\0\0\0\x2C\0\0\0\0\0\0\x10\0\0"s},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<ImageHeader> header = ReadImageHeader(c.bytes);
    ASSERT_FALSE(header.ok()) << header->width << "x" << header->height;
    EXPECT_EQ(DecodeReasonOf(header.status()), DecodeReason::kBadHeader)
        << header.status().ToString();
  }
}

TEST(ImageHeaderTest, RefusesOtherFormatsAsUnsupportedType) {
  for (std::string_view bytes : {""sv, "II*\0tiff"sv, "BM6\0\0\0"sv, "<svg/>"sv}) {
    Result<ImageHeader> header = ReadImageHeader(bytes);
    ASSERT_FALSE(header.ok());
    EXPECT_EQ(DecodeReasonOf(header.status()), DecodeReason::kUnsupportedType);
  }
}

// Every prefix of a valid file either still holds the whole header (and then
// the same size) or is refused as bad_header; nothing reads past the end
// (ASan builds check that).
TEST(ImageHeaderTest, EveryTruncationIsTheRightSizeOrBadHeader) {
  const cv::Mat scene = DrawScene(21, 13);
  for (const std::string& file :
       {Encode(scene, ".png"), Encode(scene, ".jpg"), Encode(scene, ".webp"),
        Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}), TwoFrameGif()}) {
    const Result<ImageHeader> whole = ReadImageHeader(file);
    ASSERT_TRUE(whole.ok()) << whole.status().ToString();
    int refused = 0;
    for (size_t n = 0; n < file.size(); ++n) {
      const std::string prefix = file.substr(0, n);
      Result<ImageHeader> header = ReadImageHeader(prefix);
      if (header.ok()) {
        EXPECT_EQ(header->width, whole->width);
        EXPECT_EQ(header->height, whole->height);
      } else {
        ++refused;
        const std::optional<DecodeReason> reason = DecodeReasonOf(header.status());
        EXPECT_TRUE(reason == DecodeReason::kBadHeader || reason == DecodeReason::kUnsupportedType)
            << n << ": " << header.status().ToString();
      }
    }
    EXPECT_GT(refused, 8);  // at least the prefixes shorter than the magic bytes
  }
}

TEST(ImageHeaderTest, LongRunsOfMarkersEndInLinearTime) {
  // A megabyte of fill bytes, and of restart markers: the walk consumes at
  // least one byte per turn, so both end at the data's end as bad_header.
  for (const std::string& tail : {std::string(1 << 20, '\xFF'), [] {
                                    std::string rst;
                                    for (int i = 0; i < (1 << 19); ++i) rst += "\xFF\xD0";
                                    return rst;
                                  }()}) {
    Result<ImageHeader> header = ReadImageHeader("\xFF\xD8" + tail);
    ASSERT_FALSE(header.ok());
    EXPECT_EQ(DecodeReasonOf(header.status()), DecodeReason::kBadHeader);
  }
}

TEST(ImageHeaderTest, JpegSegmentsAreVisitedInOrderUntilTheVisitorStops) {
  const std::string jpeg = testing::InsertApp1(Encode(DrawScene(8, 8), ".jpg"), "Exif\0\0x"sv);
  std::vector<uint8_t> markers;
  ASSERT_TRUE(ForEachJpegSegment(jpeg, [&](const JpegSegment& s) {
                markers.push_back(s.marker);
                return true;
              }).ok());
  ASSERT_GE(markers.size(), 4u);
  EXPECT_EQ(markers.front(), 0xE1);  // inserted right after SOI
  EXPECT_EQ(markers.back(), 0xDA);   // the walk ends at the first scan

  std::string_view first_payload;
  ASSERT_TRUE(ForEachJpegSegment(jpeg, [&](const JpegSegment& s) {
                first_payload = s.payload;
                return false;
              }).ok());
  EXPECT_EQ(first_payload, "Exif\0\0x"sv);
}

}  // namespace
}  // namespace harrier::imageproc
