#include "imageproc/ocr.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <vector>

#include "extractors/text_extractor.h"
#include "imageproc/ocr_test_images.h"

namespace harrier::imageproc {
namespace {

using testing::Background;
using testing::TextStyle;

std::string Digits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

std::vector<std::string> Phones(const std::string& text) {
  std::vector<std::string> out;
  for (const Selector& s : extractors::TextExtractor().Extract(text)) {
    if (s.kind == SelectorKind::kPhone) out.push_back(s.value);
  }
  return out;
}

// One engine for the suite: loading the model takes a while.
class OcrTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto engine = TesseractOcrEngine::Create();
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(*engine).release();
  }
  static void TearDownTestSuite() {
    delete engine_;
    engine_ = nullptr;
  }
  static TesseractOcrEngine* engine_;
};
TesseractOcrEngine* OcrTest::engine_ = nullptr;

struct AdvertCase {
  const char* name;
  std::string text;
  const char* e164;
  Background background;
  cv::Size size;
  TextStyle style;
};

cv::Mat DrawCase(const AdvertCase& c) {
  std::mt19937 rng(11);
  cv::Mat image = testing::DrawBackground(c.background, c.size, rng);
  testing::PaintText(image, c.text, {c.size.width / 16, c.size.height * 3 / 5}, c.style);
  return image;
}

const std::vector<AdvertCase>& AdvertCases() {
  static const auto* cases = new std::vector<AdvertCase>{
      {"black on white",
       "Call 07700 900123",
       "+447700900123",
       Background::kPlain,
       {640, 480},
       {cv::FONT_HERSHEY_SIMPLEX, 1.0, 2, {0, 0, 0}}},
      {"white on a dark photo",
       "TEXT ME 07700 900 456",
       "+447700900456",
       Background::kPhoto,
       {640, 480},
       {cv::FONT_HERSHEY_DUPLEX, 1.2, 2, {255, 255, 255}, true}},
      {"over a gradient",
       "07700 900789",
       "+447700900789",
       Background::kGradient,
       {640, 480},
       {cv::FONT_HERSHEY_TRIPLEX, 1.6, 2, {0, 255, 255}, true}},
      {"small text needing upscale",
       "Tel 07700 900321",
       "+447700900321",
       Background::kPlain,
       {320, 240},
       {cv::FONT_HERSHEY_SIMPLEX, 0.5, 1, {20, 20, 20}}},
      {"yellow outlined on texture",
       "Call 01632 960123",
       "+441632960123",
       Background::kTexture,
       {640, 480},
       {cv::FONT_HERSHEY_COMPLEX, 1.3, 2, {0, 255, 255}, true}},
      {"london number, serif",
       "WhatsApp 020 7946 0123",
       "+442079460123",
       Background::kPlain,
       {640, 480},
       {cv::FONT_HERSHEY_COMPLEX, 1.1, 1, {120, 0, 0}}},
  };
  return *cases;
}

TEST_F(OcrTest, FindsThePhoneNumberRenderedInAdvertImages) {
  for (const AdvertCase& c : AdvertCases()) {
    cv::Mat image = DrawCase(c);
    // A plain background in a colour that contrasts with the text.
    if (c.background == Background::kPlain) {
      double luma =
          0.114 * c.style.colour[0] + 0.587 * c.style.colour[1] + 0.299 * c.style.colour[2];
      image.setTo(luma < 128 ? cv::Scalar(235, 240, 245) : cv::Scalar(40, 30, 30));
      testing::PaintText(image, c.text, {c.size.width / 16, c.size.height * 3 / 5}, c.style);
    }
    Result<OcrResult> r = engine_->Recognize(image);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().ToString();
    EXPECT_FALSE(r->timed_out) << c.name;
    EXPECT_NE(Digits(r->text).find(Digits(c.text)), std::string::npos)
        << c.name << ": read \"" << r->text << "\"";
    EXPECT_EQ(Phones(r->text), std::vector<std::string>{c.e164})
        << c.name << ": read \"" << r->text << "\"";
    EXPECT_GT(r->mean_confidence, 50) << c.name;
  }
}

TEST_F(OcrTest, ReadsAnAdvertAfterAJpegRoundTrip) {
  const AdvertCase& c = AdvertCases()[1];
  std::vector<uchar> jpeg;
  ASSERT_TRUE(cv::imencode(".jpg", DrawCase(c), jpeg, {cv::IMWRITE_JPEG_QUALITY, 60}));
  cv::Mat decoded = cv::imdecode(jpeg, cv::IMREAD_COLOR);
  ASSERT_FALSE(decoded.empty());
  Result<OcrResult> r = engine_->Recognize(decoded);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Phones(r->text), std::vector<std::string>{c.e164}) << r->text;
}

TEST_F(OcrTest, WordBoxesAreInInputPixelsOverThePaintedText) {
  const AdvertCase& c = AdvertCases()[3];  // upscaled 2-3x internally
  cv::Mat image(c.size, CV_8UC3, cv::Scalar(240, 240, 240));
  cv::Rect painted = testing::PaintText(image, c.text, {20, 140}, c.style);
  Result<OcrResult> r = engine_->Recognize(image);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->words.empty()) << r->text;
  cv::Rect slack(painted.x - 6, painted.y - 6, painted.width + 12, painted.height + 12);
  for (const OcrWord& w : r->words) {
    EXPECT_EQ(w.box & slack, w.box) << w.text << " " << w.box << " outside " << painted;
    EXPECT_GT(w.box.area(), 0) << w.text;
  }
}

TEST_F(OcrTest, GreyAndBgraInputsAreRead) {
  cv::Mat bgr(200, 500, CV_8UC3, cv::Scalar(255, 255, 255));
  testing::PaintText(bgr, "Call 07700 900123", {20, 110},
                     {cv::FONT_HERSHEY_SIMPLEX, 1.0, 2, {0, 0, 0}});
  cv::Mat grey, bgra;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  for (const cv::Mat& m : {grey, bgra}) {
    Result<OcrResult> r = engine_->Recognize(m);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(Digits(r->text), "07700900123") << "channels " << m.channels() << ": " << r->text;
  }
}

TEST_F(OcrTest, WordOffsetsIndexTheTextAndGiveASelectorItsConfidence) {
  cv::Mat image(200, 640, CV_8UC3, cv::Scalar(250, 250, 250));
  testing::PaintText(image, "New in town", {20, 60}, {cv::FONT_HERSHEY_DUPLEX, 1.0, 2, {0, 0, 0}});
  testing::PaintText(image, "Call 07700 900123", {20, 150},
                     {cv::FONT_HERSHEY_DUPLEX, 1.0, 2, {0, 0, 0}});
  Result<OcrResult> r = engine_->Recognize(image);
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r->words.size(), 4u) << r->text;
  for (const OcrWord& w : r->words) {
    ASSERT_LE(w.end, r->text.size());
    EXPECT_EQ(r->text.substr(w.begin, w.end - w.begin), w.text);
  }
  EXPECT_NE(r->text.find('\n'), std::string::npos) << "two lines: " << r->text;
  std::vector<Selector> found = extractors::TextExtractor().Extract(r->text);
  ASSERT_EQ(found.size(), 1u) << r->text;
  EXPECT_GT(r->ConfidenceOf(found[0].begin, found[0].end), 50);
  EXPECT_EQ(r->ConfidenceOf(r->text.size(), r->text.size() + 5), 0);
}

TEST_F(OcrTest, RefusesEmptyImagesAndUnsupportedPixelTypes) {
  EXPECT_EQ(engine_->Recognize(cv::Mat()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Recognize(cv::Mat(20, 20, CV_16UC1)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(engine_->Recognize(cv::Mat(20, 20, CV_8UC2)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(OcrTest, DegenerateImagesAreReadWithoutError) {
  struct Case {
    cv::Size size;
    int fill;  // -1: noise
  } cases[] = {{{1, 1}, 0},      {{1, 500}, -1},  {{500, 1}, -1},    {{7, 7}, -1},
               {{3000, 20}, -1}, {{640, 480}, 0}, {{640, 480}, 255}, {{20, 3000}, -1},
               {{64, 64}, -1},   {{2, 2}, 255}};
  for (const Case& c : cases) {
    cv::Mat image(c.size, CV_8UC1, cv::Scalar(std::max(0, c.fill)));
    if (c.fill < 0) cv::RNG(c.size.area()).fill(image, cv::RNG::UNIFORM, 0, 256);
    Result<OcrResult> r = engine_->Recognize(image);
    ASSERT_TRUE(r.ok()) << c.size << ": " << r.status().ToString();
    for (const OcrWord& w : r->words) {
      EXPECT_EQ(w.box & cv::Rect(0, 0, c.size.width, c.size.height), w.box) << c.size;
    }
  }
}

TEST_F(OcrTest, TextFreeImageReadsAsNothingMuch) {
  cv::Mat blank(300, 400, CV_8UC3, cv::Scalar(90, 120, 150));
  Result<OcrResult> r = engine_->Recognize(blank);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "");
  EXPECT_TRUE(r->words.empty());
  EXPECT_FALSE(r->timed_out);
}

TEST(OcrBudgetTest, HugeNoisyImageWithAOneMillisecondBudgetTimesOutPromptly) {
  OcrOptions options;
  options.time_budget_ms = 1;
  auto engine = TesseractOcrEngine::Create(options);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  cv::Mat noise(4000, 4000, CV_8UC3);
  cv::RNG(3).fill(noise, cv::RNG::UNIFORM, 0, 256);
  auto start = std::chrono::steady_clock::now();
  Result<OcrResult> r = (*engine)->Recognize(noise);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->timed_out);
  // A hang guard, not a speed test: unbounded, Tesseract spends minutes on this.
  EXPECT_LT(seconds, 10.0);
}

TEST(OcrBudgetTest, RecognitionCutShortByTheMonitorReportsTimeout) {
  // The whole (noisy) page goes to Tesseract; its layout analysis alone
  // outlasts the budget, so the monitor stops recognition at its first check.
  OcrOptions options;
  options.time_budget_ms = 20;
  options.regions_only = false;
  auto engine = TesseractOcrEngine::Create(options);
  ASSERT_TRUE(engine.ok());
  cv::Mat noise(1000, 1000, CV_8UC1);
  cv::RNG(4).fill(noise, cv::RNG::UNIFORM, 0, 256);
  Result<OcrResult> r = (*engine)->Recognize(noise);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->timed_out);
}

TEST(OcrEngineTest, MissingLanguageIsANotFoundErrorNamingIt) {
  struct Case {
    const char* languages;
    const char* tessdata;
    StatusCode code;
    const char* named;
  } cases[] = {
      {"zzz", "", StatusCode::kNotFound, "zzz"},
      {"eng+qqq", "", StatusCode::kNotFound, "qqq"},
      {"eng", "/nonexistent/tessdata", StatusCode::kNotFound, "/nonexistent/tessdata"},
      {"../eng", "", StatusCode::kInvalidArgument, "../eng"},
      {"eng+", "", StatusCode::kInvalidArgument, "eng+"},
      {"", "", StatusCode::kInvalidArgument, "ocr languages"},
  };
  for (const Case& c : cases) {
    OcrOptions options;
    options.languages = c.languages;
    options.tessdata_path = c.tessdata;
    auto engine = TesseractOcrEngine::Create(options);
    ASSERT_FALSE(engine.ok()) << c.languages;
    EXPECT_EQ(engine.status().code(), c.code) << c.languages << ": " << engine.status().ToString();
    EXPECT_NE(engine.status().message().find(c.named), std::string::npos)
        << engine.status().ToString();
  }
}

}  // namespace
}  // namespace harrier::imageproc
