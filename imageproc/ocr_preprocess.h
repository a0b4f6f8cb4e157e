// Internal to imageproc/ocr.cc: turns a region of an advert image into the
// black-on-white pages Tesseract reads best (grey, small text upscaled,
// global or local threshold, either polarity, or distance from background).
// Pure; may throw cv::Exception (the caller catches).
#ifndef HARRIER_IMAGEPROC_OCR_PREPROCESS_H_
#define HARRIER_IMAGEPROC_OCR_PREPROCESS_H_

#include <opencv2/core.hpp>
#include <vector>

namespace harrier::imageproc::ocr_internal {

// A region of the input in grey, scaled so that its text is about the
// target height.
struct GreyPage {
  cv::Mat grey;         // CV_8UC1
  cv::Rect source;      // the region of the input it shows
  double scale = 1;     // page pixels per input pixel
  int text_height = 0;  // expected text height in page pixels (0: unknown)
};

// A binarised page for Tesseract: black ink on white paper with a margin.
struct Page {
  cv::Mat binary;  // CV_8UC1, 0 = ink, 255 = paper
  cv::Rect source;
  double scale = 1;
  int margin = 0;  // paper added around the region, page pixels
};

struct PrepareLimits {
  int target_text_height = 32;
  double max_upscale = 3.0;
  int max_pixels = 4'000'000;
};

// A band of the image to read: a text line the likelihood check found (or
// several that overlap), grown by half its height above and below and to
// the full image width.
struct ReadingBand {
  cv::Rect box;
  int text_left = 0;  // x-extent of the lines found in it, input pixels
  int text_right = 0;
  int text_height = 0;  // tallest line found in it, input pixels
};

// Bands for `lines`, merged where they overlap, top to bottom. Empty input
// gives an empty list.
std::vector<ReadingBand> ReadingBands(const std::vector<cv::Rect>& lines, cv::Size image);

// `region` of `image` (CV_8UC1/3/4) in luma, scaled so that text of height `text_height`
// (input pixels; 0 = unknown) reaches the target, within the limits.
GreyPage PrepareGrey(const cv::Mat& image, const cv::Rect& region, int text_height,
                     const PrepareLimits& limits);

enum class Binarisation {
  kOtsu,                // one global threshold; the rim (background) made paper
  kOtsuInverted,        // the same with ink and paper swapped
  kAdaptiveDarkInk,     // local mean threshold: ink darker than its surround
  kAdaptiveLightInk,    // local mean threshold: ink lighter than its surround
  kBackgroundDistance,  // ink = far from the local background (median) either
                        // way: outlined text reads as solid glyphs
};

// Whether Otsu found the rim dark, i.e. the text is probably light.
bool LooksLightOnDark(const GreyPage& page);

Page Binarise(const GreyPage& page, Binarisation method);

// A box in page pixels mapped back to input pixels.
cv::Rect ToInput(const Page& page, const cv::Rect& box);

}  // namespace harrier::imageproc::ocr_internal

#endif  // HARRIER_IMAGEPROC_OCR_PREPROCESS_H_
