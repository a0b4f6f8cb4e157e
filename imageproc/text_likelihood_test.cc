#include "imageproc/text_likelihood.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <random>
#include <string>

#include "imageproc/ocr_test_images.h"

namespace harrier::imageproc {
namespace {

using testing::Background;

TEST(TextLikelihoodTest, SkipsDrawnPhotosWithoutText) {
  // Ten of every kind of text-free "photo" the generator draws, fixed seeds.
  for (Background kind : testing::kAllBackgrounds) {
    for (unsigned seed = 1; seed <= 10; ++seed) {
      std::mt19937 rng(seed);
      cv::Mat photo = testing::DrawBackground(kind, {640, 480}, rng);
      Result<TextLikelihood> r = EstimateTextLikelihood(photo);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_FALSE(r->likely) << testing::BackgroundName(kind) << " seed " << seed << " score "
                              << r->score;
    }
  }
}

TEST(TextLikelihoodTest, PassesALineOfRenderedTextInEveryFontSizeAndBackground) {
  const int fonts[] = {cv::FONT_HERSHEY_SIMPLEX, cv::FONT_HERSHEY_DUPLEX, cv::FONT_HERSHEY_COMPLEX,
                       cv::FONT_HERSHEY_TRIPLEX};
  const Background backs[] = {Background::kPlain, Background::kGradient, Background::kTexture,
                              Background::kPhoto};
  for (Background back : backs) {
    for (int font : fonts) {
      for (double scale : {0.6, 1.0, 1.5, 2.0}) {
        std::mt19937 rng(7);
        cv::Mat image = testing::DrawBackground(back, {640, 480}, rng);
        double luma = cv::mean(image)[1];
        testing::TextStyle style;
        style.font = font;
        style.scale = scale;
        style.thickness = scale < 1.2 ? 1 : 2;
        style.colour = luma < 128 ? cv::Scalar(255, 255, 255) : cv::Scalar(0, 0, 0);
        style.outline = back == Background::kTexture || back == Background::kPhoto;
        testing::PaintText(image, "Call 07700 900123", {30, 260}, style);
        Result<TextLikelihood> r = EstimateTextLikelihood(image);
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        EXPECT_TRUE(r->likely) << testing::BackgroundName(back) << " font " << font << " scale "
                               << scale << " score " << r->score;
      }
    }
  }
}

TEST(TextLikelihoodTest, LinesCoverThePaintedTextAndMeasureItsHeight) {
  cv::Mat image(480, 640, CV_8UC3, cv::Scalar(40, 30, 20));
  testing::TextStyle style;
  style.scale = 1.2;
  cv::Rect painted = testing::PaintText(image, "TEXT ME 07700 900 456", {40, 300}, style);
  Result<TextLikelihood> r = EstimateTextLikelihood(image);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->lines.empty());
  EXPECT_GT((r->lines[0] & painted).area(), painted.area() / 2);
  EXPECT_GE(r->text_height, painted.height / 2);
  EXPECT_LE(r->text_height, painted.height * 2);
}

TEST(TextLikelihoodTest, AcceptsGreyAndBgraAndRefusesOtherPixelTypes) {
  cv::Mat bgr(240, 320, CV_8UC3, cv::Scalar(255, 255, 255));
  testing::PaintText(bgr, "Call 07700 900123", {10, 120},
                     {cv::FONT_HERSHEY_SIMPLEX, 0.8, 1, {0, 0, 0}});
  cv::Mat grey, bgra;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  for (const cv::Mat& m : {bgr, grey, bgra}) {
    Result<TextLikelihood> r = EstimateTextLikelihood(m);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r->likely) << "channels " << m.channels();
  }
  EXPECT_EQ(EstimateTextLikelihood(cv::Mat()).status().code(), StatusCode::kInvalidArgument);
  cv::Mat wide(10, 10, CV_16UC1, cv::Scalar(0));
  EXPECT_EQ(EstimateTextLikelihood(wide).status().code(), StatusCode::kInvalidArgument);
  cv::Mat floats(10, 10, CV_32FC3, cv::Scalar(0));
  EXPECT_EQ(EstimateTextLikelihood(floats).status().code(), StatusCode::kInvalidArgument);
}

TEST(TextLikelihoodTest, TinyAndHugeImagesAreAnalysedWithoutError) {
  for (cv::Size size : {cv::Size(1, 1), cv::Size(3, 200), cv::Size(5000, 4000)}) {
    cv::Mat image(size, CV_8UC1, cv::Scalar(128));
    cv::RNG(1).fill(image, cv::RNG::UNIFORM, 0, 256);
    Result<TextLikelihood> r = EstimateTextLikelihood(image);
    ASSERT_TRUE(r.ok()) << size << " " << r.status().ToString();
    EXPECT_FALSE(r->likely) << size;
    for (const cv::Rect& line : r->lines) {
      EXPECT_EQ(line & cv::Rect(0, 0, size.width, size.height), line);
    }
  }
}

TEST(TextLikelihoodTest, TextOnALargeImageIsFoundAfterDownscaling) {
  cv::Mat image(2400, 3200, CV_8UC3, cv::Scalar(230, 230, 230));
  testing::PaintText(image, "Call 07700 900123", {200, 1200},
                     {cv::FONT_HERSHEY_DUPLEX, 5.0, 8, {20, 20, 120}});
  Result<TextLikelihood> r = EstimateTextLikelihood(image);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->likely) << r->score;
  ASSERT_FALSE(r->lines.empty());
  EXPECT_GT(r->lines[0].y, 1000);  // in input pixels, not analysis pixels
  EXPECT_LT(r->lines[0].y, 1250);
}

}  // namespace
}  // namespace harrier::imageproc
