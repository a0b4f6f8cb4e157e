// DecodeImage on what it must refuse: pixel bombs (R6), formats off the
// allow-list (R7), oversize, truncated, random and corrupted bytes.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <random>

#include "imageproc/decode.h"
#include "imageproc/image_header.h"
#include "imageproc/test_images.h"

namespace harrier::imageproc {
namespace {

using namespace std::literals;
using testing::DrawScene;
using testing::Encode;

std::optional<DecodeReason> ReasonOf(const Result<DecodedImage>& r) {
  return r.ok() ? std::nullopt : DecodeReasonOf(r.status());
}

// R6: files of a few KB that claim enormous sizes are refused from their
// header before any decoder runs, and the process never grows for them.
TEST(DecodeRefusalTest, PixelBombsAreRefusedBeforeAllocation) {
  const std::string jpeg = Encode(DrawScene(32, 32), ".jpg");
  const std::string webp_lossy = Encode(DrawScene(32, 32), ".webp", {cv::IMWRITE_WEBP_QUALITY, 80});
  std::string vp8_huge = webp_lossy;  // 14-bit VP8 sizes: 16383 x 16383 = 268 Mpx
  vp8_huge.replace(26, 4, "\xFF\x3F\xFF\x3F"sv);
  std::string vp8l_huge = Encode(DrawScene(32, 32), ".webp", {cv::IMWRITE_WEBP_QUALITY, 101});
  vp8l_huge.replace(21, 4, "\xFF\xFF\xFF\x0F"sv);  // 16384 x 16384
  const std::vector<cv::Vec3b> palette = {{0, 0, 0}, {255, 255, 255}};
  std::string gif_huge =
      testing::EncodeGif(8, 8, palette, {{cv::Mat(8, 8, CV_8UC1, cv::Scalar(1))}});
  const size_t descriptor = gif_huge.find('\x2C', 13 + 6);  // after screen and global table
  ASSERT_NE(descriptor, std::string::npos);
  gif_huge.replace(descriptor + 5, 4, "\xFF\xFF\xFF\xFF"sv);  // a 65535 x 65535 first frame
  struct Case {
    const char* name;
    std::string bytes;
  } cases[] = {
      {"png 50,000 x 50,000 deflate bomb", testing::PngBomb(50000, 50000)},
      {"png 16,000 x 16,000: inflates to 256 MB, sides fine",
       testing::PngBomb(16000, 16000, size_t{16000} * 16001)},
      {"png 7,000 x 7,000: sides fine, 49 Mpx", testing::PngBomb(7000, 7000, 1000)},
      {"png 16,385 x 1: one side too long", testing::PngBomb(16385, 1, 1000)},
      {"jpeg SOF 60,000 x 60,000", testing::PatchJpegSize(jpeg, 60000, 60000)},
      {"webp VP8 16,383 x 16,383", vp8_huge},
      {"webp VP8L 16,384 x 16,384", vp8l_huge},
      {"webp VP8X canvas 2^24 x 2^24", testing::WrapWebpInVp8x(webp_lossy, 1 << 24, 1 << 24)},
      {"gif first frame 65,535 x 65,535", gif_huge},
  };
  const bool reset = testing::ResetPeakRss();
  const uint64_t calls = DecoderCallsForTesting();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_LT(c.bytes.size(), 300000u);
    Result<DecodedImage> image = DecodeImage(c.bytes);
    if (image.ok()) {
      ADD_FAILURE() << "decoded " << image->width << "x" << image->height;
      continue;  // on to the memory check
    }
    EXPECT_EQ(ReasonOf(image), DecodeReason::kImageTooLarge) << image.status().ToString();
    EXPECT_EQ(image.status().code(), StatusCode::kRejected);
  }
  EXPECT_EQ(DecoderCallsForTesting(), calls);
  if (reset) {
    EXPECT_LT(testing::PeakRssKiB(), 200u * 1024) << "VmHWM after the bombs";
  }
}

TEST(DecodeRefusalTest, LimitsAreInclusive) {
  const std::string png = Encode(DrawScene(100, 50), ".png");
  EXPECT_TRUE(
      DecodeImage(png, {.max_bytes = png.size(), .max_pixels = 5000, .max_side = 100}).ok());
  EXPECT_EQ(ReasonOf(DecodeImage(png, {.max_pixels = 4999})), DecodeReason::kImageTooLarge);
  EXPECT_EQ(ReasonOf(DecodeImage(png, {.max_side = 99})), DecodeReason::kImageTooLarge);
  EXPECT_EQ(ReasonOf(DecodeImage(png, {.max_bytes = png.size() - 1})), DecodeReason::kTooManyBytes);
}

TEST(DecodeRefusalTest, OversizeInputIsRefusedBeforeSniffing) {
  const uint64_t calls = DecoderCallsForTesting();
  std::string big = Encode(DrawScene(16, 16), ".png");
  big.resize((size_t{20} << 20) + 1);  // a valid PNG start, padded past 20 MiB
  Result<DecodedImage> image = DecodeImage(big);
  EXPECT_EQ(ReasonOf(image), DecodeReason::kTooManyBytes) << image.status().ToString();
  EXPECT_EQ(DecoderCallsForTesting(), calls);
}

// R7: every format OpenCV could decode but we do not allow is refused at the
// sniff step. Real files where this OpenCV can write them (proof that a
// decoder would have accepted them), magic-byte samples otherwise.
TEST(DecodeRefusalTest, FormatsOffTheAllowListNeverReachADecoder) {
  const cv::Mat scene = DrawScene(24, 16);
  cv::Mat as_float;
  scene.convertTo(as_float, CV_32FC3, 1.0 / 255);
  std::vector<std::pair<std::string, std::string>> samples;
  for (const char* ext : {".bmp", ".tiff", ".ppm", ".pgm", ".pam", ".ras", ".jp2", ".sr"}) {
    std::string file = Encode(scene, ext);
    if (!file.empty()) samples.emplace_back(ext, file);
  }
  for (const char* ext : {".hdr", ".exr", ".pfm"}) {
    std::string file = Encode(as_float, ext);
    if (!file.empty()) samples.emplace_back(ext, file);
  }
  // Keep the files this OpenCV really decodes (EXR, for one, is off unless
  // OPENCV_IO_ENABLE_OPENEXR is set): proof that a decoder would take them.
  std::erase_if(samples, [](const auto& sample) {
    std::vector<uchar> buffer(sample.second.begin(), sample.second.end());
    return cv::imdecode(buffer, cv::IMREAD_UNCHANGED).empty();
  });
  ASSERT_GE(samples.size(), 5u) << "too few real files for the test to mean much";
  samples.insert(samples.end(),
                 {
                     {"tiff big-endian", "MM\0*\0\0\0\x08"s},
                     {"jp2", "\0\0\0\x0CjP  \r\n\x87\n"s},
                     {"j2k codestream", "\xFF\x4F\xFF\x51\0\x2F"s},
                     {"exr", "\x76\x2F\x31\x01\x02\0\0\0"s},
                     {"hdr", "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n"s},
                     {"psd", "8BPS\0\x01\0\0\0\0\0\0"s},
                     {"svg", "<?xml version=\"1.0\"?><svg/>"s},
                     {"svg bare", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"s},
                     {"bmp", "BM\x36\0\0\0\0\0\0\0\x36\0\0\0"s},
                     {"avif",
                      "\0\0\0\x1C"
                      "ftypavif"s},
                     {"ico", "\0\0\x01\0\x01\0"s},
                     {"dicom (GDCM is compiled in)", std::string(128, '\0') + "DICM"},
                 });
  const uint64_t calls = DecoderCallsForTesting();
  for (const auto& [name, bytes] : samples) {
    SCOPED_TRACE(name);
    Result<DecodedImage> image = DecodeImage(bytes);
    ASSERT_FALSE(image.ok());
    EXPECT_EQ(ReasonOf(image), DecodeReason::kUnsupportedType) << image.status().ToString();
  }
  EXPECT_EQ(DecoderCallsForTesting(), calls) << "a refused format reached a decoder";
}

// Found by the decode fuzzer: a RIFF/WEBP file whose first 32 bytes libwebp
// refuses is not claimed by OpenCV's WebP decoder, and imdecode offers it to
// the next decoder in line; GDCM's DICOM decoder claims anything with "DICM"
// at offset 128 and aborted the process. Such a file must stop before imdecode.
TEST(DecodeRefusalTest, WebpThatOpenCvWouldPassToAnotherDecoderIsRefused) {
  std::string webp = Encode(DrawScene(32, 32), ".webp", {cv::IMWRITE_WEBP_QUALITY, 80});
  webp[20] = static_cast<char>(webp[20] | 0x0E);  // VP8 profile 7: libwebp says no
  webp.resize(std::max<size_t>(webp.size(), 200), '\0');
  webp.replace(128, 4, "DICM");
  ASSERT_TRUE(ReadImageHeader(webp).ok());  // our own header check passes it
  const uint64_t calls = DecoderCallsForTesting();
  Result<DecodedImage> image = DecodeImage(webp);
  EXPECT_EQ(ReasonOf(image), DecodeReason::kDecodeFailed) << image.status().ToString();
  EXPECT_EQ(DecoderCallsForTesting(), calls);
}

std::vector<std::pair<std::string, std::string>> ValidFiles() {
  const cv::Mat scene = DrawScene(48, 40);
  const std::vector<cv::Vec3b> palette = {{0, 0, 0}, {90, 90, 90}, {180, 0, 0}, {0, 0, 250}};
  cv::Mat indices(40, 48, CV_8UC1);
  cv::RNG(7).fill(indices, cv::RNG::UNIFORM, 0, 4);
  return {
      {"jpeg", Encode(scene, ".jpg")},
      {"progressive jpeg", Encode(scene, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1})},
      {"png", Encode(scene, ".png")},
      {"webp", Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 80})},
      {"lossless webp", Encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101})},
      {"gif", testing::EncodeGif(48, 40, palette, {{indices}})},
  };
}

TEST(DecodeRefusalTest, TruncatedFilesFailWithAReasonAndNeverCrash) {
  for (const auto& [name, file] : ValidFiles()) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(DecodeImage(file).ok());
    for (size_t n = 0; n < file.size(); n += std::max<size_t>(1, file.size() / 97)) {
      Result<DecodedImage> image = DecodeImage(file.substr(0, n));
      if (image.ok()) {  // a cut in the last bytes some decoders do not need
        EXPECT_EQ(image->width, 48) << n;
        continue;
      }
      const std::optional<DecodeReason> reason = ReasonOf(image);
      EXPECT_TRUE(reason == DecodeReason::kUnsupportedType || reason == DecodeReason::kBadHeader ||
                  reason == DecodeReason::kDecodeFailed)
          << n << ": " << image.status().ToString();
    }
    // Half a file is never an image.
    EXPECT_FALSE(DecodeImage(file.substr(0, file.size() / 2)).ok());
  }
}

TEST(DecodeRefusalTest, TruncatedJpegIsRefusedNotGreyFilled) {
  const std::string jpeg = Encode(DrawScene(64, 64), ".jpg");
  const std::string cut = jpeg.substr(0, jpeg.size() - 40);  // scan data, but no EOI
  Result<DecodedImage> image = DecodeImage(cut);
  EXPECT_EQ(ReasonOf(image), DecodeReason::kDecodeFailed) << image.status().ToString();
  // Data after the EOI is fine: some cameras and editors append trailers.
  EXPECT_TRUE(DecodeImage(jpeg + "trailing bytes").ok());
  // So are stray bytes between segments after the frame header, which
  // libjpeg skips with a warning.
  std::string stray = jpeg;
  stray.insert(stray.find("\xFF\xC0") + 19, "xyz");
  EXPECT_TRUE(DecodeImage(stray).ok()) << DecodeImage(stray).status().ToString();
}

// A progressive JPEG's scans each pass over the whole image: hundreds of
// tiny scans are a time bomb, refused by counting before the decoder runs.
TEST(DecodeRefusalTest, JpegWithTooManyScansIsRefusedBeforeDecoding) {
  const std::string jpeg = Encode(DrawScene(64, 64), ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
  ASSERT_TRUE(DecodeImage(jpeg).ok());
  const size_t last_scan = jpeg.rfind("\xFF\xDA");
  const size_t eoi = jpeg.rfind("\xFF\xD9");
  ASSERT_LT(last_scan, eoi);
  std::string bomb = jpeg.substr(0, eoi);
  const std::string scan = jpeg.substr(last_scan, eoi - last_scan);  // SOS header and its data
  for (int i = 0; i < 150; ++i) bomb += scan;
  bomb += "\xFF\xD9";
  const uint64_t calls = DecoderCallsForTesting();
  Result<DecodedImage> image = DecodeImage(bomb);
  EXPECT_EQ(ReasonOf(image), DecodeReason::kDecodeFailed) << image.status().ToString();
  EXPECT_NE(image.status().message().find("scans"), std::string::npos);
  EXPECT_EQ(DecoderCallsForTesting(), calls);
}

TEST(DecodeRefusalTest, GarbageAfterAValidHeaderIsDecodeFailed) {
  std::mt19937 random(5);
  std::string garbage(3000, '\0');
  for (char& c : garbage) c = static_cast<char>(random());
  const cv::Mat scene = DrawScene(48, 40);
  struct Case {
    const char* name;
    std::string head;  // a valid header, cut just after the dimensions
  } cases[] = {
      {"png", Encode(scene, ".png").substr(0, 33)},
      {"jpeg",
       [&] {
         const std::string jpeg = Encode(scene, ".jpg");
         return jpeg.substr(0, jpeg.find("\xFF\xC0") + 19);  // through SOF0 (3 components)
       }()},
      {"webp", Encode(scene, ".webp").substr(0, 30)},
      {"gif", ValidFiles().back().second.substr(0, 13 + 12 + 10)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_TRUE(ReadImageHeader(c.head).ok()) << ReadImageHeader(c.head).status().ToString();
    Result<DecodedImage> image = DecodeImage(c.head + garbage);
    ASSERT_FALSE(image.ok());
    const std::optional<DecodeReason> reason = ReasonOf(image);
    EXPECT_TRUE(reason == DecodeReason::kDecodeFailed || reason == DecodeReason::kBadHeader)
        << image.status().ToString();
  }
}

// Random bytes, alone and behind each allowed magic, and valid files with
// random bytes flipped: every result is a success of the header's size or a
// refusal with one of the five reasons. ASan builds check memory safety.
TEST(DecodeRefusalTest, RandomAndCorruptedBytesNeverCrash) {
  std::mt19937 random(42);
  auto random_bytes = [&](size_t n) {
    std::string out(n, '\0');
    for (char& c : out) c = static_cast<char>(random());
    return out;
  };
  std::vector<std::string> inputs;
  for (std::string_view magic :
       {""sv, "\xFF\xD8\xFF"sv, "\x89PNG\r\n\x1A\n"sv, "RIFF\0\x10\0\0WEBPVP8 "sv, "GIF89a"sv}) {
    for (int i = 0; i < 60; ++i)
      inputs.push_back(std::string(magic) + random_bytes(random() % 2048));
  }
  for (const auto& [name, file] : ValidFiles()) {
    for (int i = 0; i < 60; ++i) {
      std::string corrupt = file;
      for (int flips = 1 + random() % 8; flips > 0; --flips) {
        corrupt[random() % corrupt.size()] = static_cast<char>(random());
      }
      inputs.push_back(corrupt);
    }
  }
  for (const std::string& input : inputs) {
    Result<DecodedImage> image = DecodeImage(input);
    if (image.ok()) {
      Result<ImageHeader> header = ReadImageHeader(input);
      ASSERT_TRUE(header.ok());
      EXPECT_EQ(image->pixels.cols, static_cast<int>(header->width));
      EXPECT_EQ(image->pixels.rows, static_cast<int>(header->height));
      EXPECT_TRUE(image->pixels.type() == CV_8UC1 || image->pixels.type() == CV_8UC3);
    } else {
      EXPECT_TRUE(ReasonOf(image).has_value()) << image.status().ToString();
    }
  }
}

TEST(DecodeReasonTest, CodesAreStableAndRoundTrip) {
  const std::pair<DecodeReason, std::string_view> codes[] = {
      {DecodeReason::kTooManyBytes, "too_many_bytes"},
      {DecodeReason::kUnsupportedType, "unsupported_type"},
      {DecodeReason::kImageTooLarge, "image_too_large"},
      {DecodeReason::kBadHeader, "bad_header"},
      {DecodeReason::kDecodeFailed, "decode_failed"},
  };
  for (const auto& [reason, code] : codes) {
    EXPECT_EQ(DecodeReasonCode(reason), code);
    const Status status = DecodeFailure(reason, "detail");
    EXPECT_EQ(status.message(), std::string(code) + ": detail");
    EXPECT_EQ(DecodeReasonOf(status), reason);
  }
  EXPECT_EQ(DecodeFailure(DecodeReason::kImageTooLarge, "x").code(), StatusCode::kRejected);
  EXPECT_EQ(DecodeFailure(DecodeReason::kDecodeFailed, "x").code(), StatusCode::kCorrupt);
  EXPECT_EQ(DecodeReasonOf(Status::Ok()), std::nullopt);
  EXPECT_EQ(DecodeReasonOf(Status::Corrupt("bad_headers everywhere")), std::nullopt);
}

}  // namespace
}  // namespace harrier::imageproc
