#include "imageproc/ocr_preprocess.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace harrier::imageproc::ocr_internal {

namespace {

constexpr int kMargin = 12;  // page pixels of paper around a region
// Grey levels below the local mean for a pixel to be ink (flat paper stays paper).
constexpr int kAdaptiveOffset = 12;

// Luma. Picking the colour channel where ink and paper separate best was
// tried and lost recall on photos (a blob under the text can match the ink
// in one channel while differing in luma): 77 % vs 68 % of the bench.
cv::Mat Luma(const cv::Mat& crop) {
  if (crop.channels() == 1) return crop;
  cv::Mat grey;
  cv::cvtColor(crop, grey, crop.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return grey;
}

double PageScale(const cv::Rect& region, int text_height, const PrepareLimits& limits) {
  double scale = 1.0;
  if (text_height > 0) {
    scale = static_cast<double>(limits.target_text_height) / text_height;
    scale = std::clamp(scale, 1.0 / 3, std::max(1.0, limits.max_upscale));
    if (scale < 1 && text_height < 2 * limits.target_text_height) scale = 1;
  }
  double pixels = static_cast<double>(region.area()) * scale * scale;
  if (pixels > limits.max_pixels) scale = std::sqrt(limits.max_pixels / double(region.area()));
  return scale;
}

// Whether the rim of a binary page (its outer two pixel rows and columns,
// where the padding put background) is mostly ink.
bool RimIsDark(const cv::Mat& binary) {
  int dark = 0, total = 0;
  auto count = [&](const cv::Mat& strip) {
    dark += static_cast<int>(strip.total()) - cv::countNonZero(strip);
    total += static_cast<int>(strip.total());
  };
  int band = std::min({2, binary.rows, binary.cols});
  count(binary.rowRange(0, band));
  count(binary.rowRange(binary.rows - band, binary.rows));
  count(binary.colRange(0, band));
  count(binary.colRange(binary.cols - band, binary.cols));
  return dark * 2 > total;
}

}  // namespace

std::vector<ReadingBand> ReadingBands(const std::vector<cv::Rect>& lines, cv::Size image) {
  cv::Rect frame(0, 0, image.width, image.height);
  std::vector<ReadingBand> bands;
  for (const cv::Rect& line : lines) {
    // The whole width of the image: a line found in part (a photo's blob
    // hid the rest of its edges) is read in full.
    int pad_y = std::max(4, line.height / 2);
    cv::Rect grown(0, line.y - pad_y, image.width, line.height + 2 * pad_y);
    bands.push_back({grown & frame, line.x, line.br().x, line.height});
  }
  // Merge until no two bands overlap (a handful of bands: quadratic is fine).
  for (bool merged = true; merged;) {
    merged = false;
    for (size_t i = 0; i < bands.size() && !merged; ++i) {
      for (size_t j = i + 1; j < bands.size() && !merged; ++j) {
        if ((bands[i].box & bands[j].box).area() == 0) continue;
        bands[i].box |= bands[j].box;
        bands[i].text_left = std::min(bands[i].text_left, bands[j].text_left);
        bands[i].text_right = std::max(bands[i].text_right, bands[j].text_right);
        bands[i].text_height = std::max(bands[i].text_height, bands[j].text_height);
        bands.erase(bands.begin() + static_cast<long>(j));
        merged = true;
      }
    }
  }
  std::sort(bands.begin(), bands.end(),
            [](const ReadingBand& a, const ReadingBand& b) { return a.box.y < b.box.y; });
  return bands;
}

GreyPage PrepareGrey(const cv::Mat& image, const cv::Rect& region, int text_height,
                     const PrepareLimits& limits) {
  GreyPage page;
  page.source = region & cv::Rect(0, 0, image.cols, image.rows);
  page.scale = PageScale(page.source, text_height, limits);
  cv::Mat plane = Luma(image(page.source));
  if (std::abs(page.scale - 1) < 1e-3) {
    page.grey = plane;
    page.scale = 1;
  } else {
    cv::resize(plane, page.grey, cv::Size(), page.scale, page.scale,
               page.scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
  }
  page.text_height = static_cast<int>(text_height * page.scale + 0.5);
  return page;
}

bool LooksLightOnDark(const GreyPage& page) {
  cv::Mat binary;
  cv::threshold(page.grey, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  return RimIsDark(binary);
}

Page Binarise(const GreyPage& grey, Binarisation method) {
  cv::Mat binary;
  switch (method) {
    case Binarisation::kOtsu:
    case Binarisation::kOtsuInverted: {
      cv::threshold(grey.grey, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
      bool invert = RimIsDark(binary) != (method == Binarisation::kOtsuInverted);
      if (invert) cv::bitwise_not(binary, binary);
      break;
    }
    case Binarisation::kAdaptiveDarkInk:
    case Binarisation::kAdaptiveLightInk: {
      // A window about twice the text height sees ink and paper around each
      // stroke, so a photo's blobs and gradients under the text cancel out.
      int text = grey.text_height > 0 ? grey.text_height : 32;
      int block = std::max(15, 2 * text) | 1;
      cv::Mat source = grey.grey;
      if (method == Binarisation::kAdaptiveLightInk) cv::bitwise_not(grey.grey, source);
      cv::adaptiveThreshold(source, binary, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY,
                            block, kAdaptiveOffset);
      break;
    }
    case Binarisation::kBackgroundDistance: {
      // Text covers well under half of any window three text heights
      // wide, so the median there is the background.
      int text = grey.text_height > 0 ? grey.text_height : 32;
      int k = std::min(255, 3 * text) | 1;
      cv::Mat background, distance;
      cv::medianBlur(grey.grey, background, k);
      cv::absdiff(grey.grey, background, distance);
      cv::threshold(distance, binary, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
      break;
    }
  }
  Page page;
  page.source = grey.source;
  page.scale = grey.scale;
  page.margin = kMargin;
  cv::copyMakeBorder(binary, page.binary, kMargin, kMargin, kMargin, kMargin, cv::BORDER_CONSTANT,
                     cv::Scalar(255));
  return page;
}

cv::Rect ToInput(const Page& page, const cv::Rect& box) {
  double x0 = (box.x - page.margin) / page.scale, y0 = (box.y - page.margin) / page.scale;
  double x1 = (box.br().x - page.margin) / page.scale, y1 = (box.br().y - page.margin) / page.scale;
  cv::Rect r(page.source.x + cvFloor(x0), page.source.y + cvFloor(y0), cvCeil(x1 - x0),
             cvCeil(y1 - y0));
  return r & page.source;
}

}  // namespace harrier::imageproc::ocr_internal
