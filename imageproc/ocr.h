// OCR of text painted onto advert images (phone numbers on images evade text
// scanners). OcrEngine is the interface, so pipeline tests need no OCR;
// TesseractOcrEngine reads with Tesseract's LSTM after preprocessing (grey,
// upscale small text, binarise, both polarities) within a per-image time budget.
// Thread-safety: an engine is used by one thread at a time (Tesseract's API
// object is not thread-safe); give each worker its own (imageproc/ocr_pool.h).
#ifndef HARRIER_IMAGEPROC_OCR_H_
#define HARRIER_IMAGEPROC_OCR_H_

#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace tesseract {
class TessBaseAPI;
}

namespace harrier::imageproc {

struct OcrOptions {
  // Tesseract language codes joined by '+': "eng", "eng+fra".
  std::string languages = "eng";
  // Folder holding <lang>.traineddata; empty: Tesseract's default
  // (TESSDATA_PREFIX, else the path it was built with).
  std::string tessdata_path;
  // Wall-clock budget for one image, all passes included (milliseconds).
  int time_budget_ms = 2000;
  // Small text is upscaled until its lines are about this tall (pixels),
  // by at most max_upscale, and never past max_pixels.
  int target_text_height = 32;
  double max_upscale = 3.0;
  // Pixel cap of the image Tesseract sees: larger inputs are downscaled.
  int max_pixels = 4'000'000;
  // Read only full-width bands around the text lines the likelihood check
  // found (faster, and a threshold per band beats one for a whole photo);
  // the whole image is read when it found none, or when this is false.
  bool regions_only = true;
};

struct OcrWord {
  std::string text;      // UTF-8
  float confidence = 0;  // 0-100
  cv::Rect box;          // in input image pixels
  size_t begin = 0;      // byte offsets of the word in OcrResult::text
  size_t end = 0;
};

struct OcrResult {
  // Recognised text (UTF-8): words joined by spaces, one line of the image
  // per line, top to bottom.
  std::string text;
  float mean_confidence = 0;  // 0-100 over the words kept; 0 when none
  std::vector<OcrWord> words;
  // The budget ran out: `text` holds what was read before it did.
  bool timed_out = false;

  // The lowest confidence of the words overlapping text[begin, end) (a
  // selector's span), or 0 when none does. OCR misreads digits (3 as 5)
  // and a misread number is still a valid number, so a selector found in
  // OCR text should carry this and be shown, or dropped, accordingly.
  float ConfidenceOf(size_t begin, size_t end) const;
};

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // Reads the text in `image` (CV_8UC1 grey, CV_8UC3 BGR or CV_8UC4 BGRA).
  // InvalidArgument for an empty image or another pixel type; Internal when
  // the OCR library fails. A timeout is not an error: see
  // OcrResult::timed_out. Never throws; blocks for about the time budget at
  // most: Tesseract's layout analysis cannot be interrupted, so a pass
  // already started may run over by its layout time, bounded by max_pixels
  // (0.4 s over a 2 s budget on 4 MP of noise, which unbounded reads for
  // 14 s a pass).
  virtual Result<OcrResult> Recognize(const cv::Mat& image) = 0;
};

class TesseractOcrEngine : public OcrEngine {
 public:
  // NotFound naming the language and the folder when a traineddata file is
  // missing; InvalidArgument for a malformed language list.
  static Result<std::unique_ptr<TesseractOcrEngine>> Create(const OcrOptions& options = {});
  ~TesseractOcrEngine() override;

  Result<OcrResult> Recognize(const cv::Mat& image) override;

  const OcrOptions& options() const { return options_; }

 private:
  TesseractOcrEngine(OcrOptions options, std::unique_ptr<tesseract::TessBaseAPI> api);

  OcrOptions options_;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_OCR_H_
