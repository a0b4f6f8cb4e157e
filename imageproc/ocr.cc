#include "imageproc/ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "imageproc/ocr_preprocess.h"
#include "imageproc/text_likelihood.h"

namespace harrier::imageproc {

namespace {

using Clock = std::chrono::steady_clock;
using ocr_internal::Page;

// A reading this confident (mean word confidence) is kept without trying
// the other binarisations of its band...
constexpr float kConfidentPass = 90;
// ... when its words also span this much of the width of the lines found
// in the band (the rest is spaces between words; a confident "020" out of
// "020 7946 0688" is not enough).
constexpr double kCoveredText = 0.6;
// Words below this confidence are dropped (texture read as letters).
constexpr float kMinWordConfidence = 20;

struct Pass {
  std::vector<OcrWord> words;
  std::vector<int> line_of;  // per word: index of its text line in the page
  bool timed_out = false;

  // Characters read, weighted by the square of their confidence so that
  // a long run of doubtful letters (texture) loses to a short sure reading.
  double Score() const {
    double s = 0;
    for (const OcrWord& word : words) {
      double c = word.confidence / 100;
      s += c * c * word.text.size();
    }
    return s;
  }
  int Coverage() const {  // input pixels of the region's width under words
    int covered = 0;
    for (const OcrWord& word : words) covered += word.box.width;
    return covered;
  }
  float MeanConfidence() const {
    if (words.empty()) return 0;
    float sum = 0;
    for (const OcrWord& word : words) sum += word.confidence;
    return sum / words.size();
  }
};

// Language codes are file names: letters, digits and '_' ("chi_sim"), joined
// by '+'. Anything else (a path, "..") is refused before Tesseract sees it.
Status CheckLanguages(const std::string& languages, std::vector<std::string>* out) {
  std::string current;
  for (size_t i = 0; i <= languages.size(); ++i) {
    char c = i < languages.size() ? languages[i] : '+';
    if (c == '+') {
      if (current.empty())
        return Status::InvalidArgument("ocr languages: empty code in '" + languages + "'");
      out->push_back(current);
      current.clear();
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      current += c;
    } else {
      return Status::InvalidArgument("ocr languages: bad character in '" + languages + "'");
    }
  }
  return Status::Ok();
}

int MsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(left.count());
}

std::string TakeText(char* text) {
  std::string out = text ? text : "";
  delete[] text;
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

// Words of the last recognition (complete or cut short by the deadline).
void CollectWords(tesseract::TessBaseAPI& api, const Page& page, Pass& pass) {
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return;
  int line = -1;
  do {
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
    std::string text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
    float confidence = it->Confidence(tesseract::RIL_WORD);
    if (text.empty() || confidence < kMinWordConfidence) continue;
    int x0, y0, x1, y1;
    if (!it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1)) continue;
    pass.words.push_back({text, confidence, ToInput(page, cv::Rect(x0, y0, x1 - x0, y1 - y0))});
    pass.line_of.push_back(line);
  } while (it->Next(tesseract::RIL_WORD));
}

Pass ReadPage(tesseract::TessBaseAPI& api, const Page& page, Clock::time_point deadline) {
  Pass pass;
  int left = MsLeft(deadline);
  if (left <= 0) {
    pass.timed_out = true;
    return pass;
  }
  const cv::Mat& b = page.binary;
  api.SetImage(b.data, b.cols, b.rows, 1, static_cast<int>(b.step));
  api.SetSourceResolution(300);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(left);
  api.Recognize(&monitor);  // < 0 when cut short; partial results stay readable
  pass.timed_out = monitor.deadline_exceeded();
  CollectWords(api, page, pass);
  api.Clear();
  return pass;
}

// Reads one band with the binarisations most likely to suit it first,
// stopping at the first confident reading; keeps the best one.
Pass ReadBand(tesseract::TessBaseAPI& api, const cv::Mat& image,
              const ocr_internal::ReadingBand& band, int text_height,
              const ocr_internal::PrepareLimits& limits, Clock::time_point deadline) {
  using ocr_internal::Binarisation;
  int height = band.text_height > 0 ? band.text_height : text_height;
  Pass best;
  auto good_enough = [&] {
    return best.MeanConfidence() >= kConfidentPass &&
           best.Coverage() >= kCoveredText * (band.text_right - band.text_left);
  };
  // Round 0 tries every binarisation at the target height; round 1, for a
  // band still unsure, the two best ones half as large again (+2 phones in
  // 100 on the bench for a third more time).
  for (int round = 0; round < 2 && !good_enough() && !best.timed_out; ++round) {
    ocr_internal::PrepareLimits scaled = limits;
    if (round == 1) scaled.target_text_height = limits.target_text_height * 3 / 2;
    ocr_internal::GreyPage grey = ocr_internal::PrepareGrey(image, band.box, height, scaled);
    bool light = ocr_internal::LooksLightOnDark(grey);
    const Binarisation order[] = {
        Binarisation::kBackgroundDistance,
        Binarisation::kOtsu,
        light ? Binarisation::kAdaptiveLightInk : Binarisation::kAdaptiveDarkInk,
        light ? Binarisation::kAdaptiveDarkInk : Binarisation::kAdaptiveLightInk,
        Binarisation::kOtsuInverted,
    };
    for (int i = 0; i < (round == 0 ? 5 : 2); ++i) {
      Pass pass = ReadPage(api, ocr_internal::Binarise(grey, order[i]), deadline);
      bool timed_out = pass.timed_out;
      if (pass.Score() > best.Score()) best = std::move(pass);
      if (timed_out) {
        best.timed_out = true;
        break;
      }
      if (good_enough()) break;
    }
  }
  return best;
}

void Append(const Pass& pass, OcrResult& out) {
  int line = -1;
  for (size_t i = 0; i < pass.words.size(); ++i) {
    if (!out.text.empty()) out.text += pass.line_of[i] == line ? " " : "\n";
    line = pass.line_of[i];
    OcrWord word = pass.words[i];
    word.begin = out.text.size();
    out.text += word.text;
    word.end = out.text.size();
    out.words.push_back(std::move(word));
  }
}

}  // namespace

float OcrResult::ConfidenceOf(size_t begin, size_t end) const {
  float lowest = 101;
  for (const OcrWord& w : words) {
    if (w.begin < end && begin < w.end) lowest = std::min(lowest, w.confidence);
  }
  return lowest > 100 ? 0 : lowest;
}

TesseractOcrEngine::TesseractOcrEngine(OcrOptions options,
                                       std::unique_ptr<tesseract::TessBaseAPI> api)
    : options_(std::move(options)), api_(std::move(api)) {}

TesseractOcrEngine::~TesseractOcrEngine() {
  if (api_) api_->End();
}

Result<std::unique_ptr<TesseractOcrEngine>> TesseractOcrEngine::Create(const OcrOptions& options) {
  std::vector<std::string> languages;
  HARRIER_RETURN_IF_ERROR(CheckLanguages(options.languages, &languages));
  try {
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    // Tesseract prints to stderr; errors come back as a Status instead.
    api->SetVariable("debug_file", "/dev/null");
    const char* path = options.tessdata_path.empty() ? nullptr : options.tessdata_path.c_str();
    int rc = api->Init(path, options.languages.c_str(), tesseract::OEM_LSTM_ONLY);
    std::string where = options.tessdata_path.empty() ? "Tesseract's default tessdata folder"
                                                      : options.tessdata_path;
    if (rc != 0) {
      return Status::NotFound("ocr: cannot load language '" + languages[0] + "' (" + languages[0] +
                              ".traineddata) from " + where);
    }
    // Tesseract skips a missing second language with only a warning.
    std::vector<std::string> loaded;
    api->GetLoadedLanguagesAsVector(&loaded);
    for (const std::string& lang : languages) {
      if (std::find(loaded.begin(), loaded.end(), lang) == loaded.end()) {
        return Status::NotFound("ocr: cannot load language '" + lang + "' (" + lang +
                                ".traineddata) from " + where);
      }
    }
    api->SetPageSegMode(tesseract::PSM_SPARSE_TEXT);
    return std::unique_ptr<TesseractOcrEngine>(new TesseractOcrEngine(options, std::move(api)));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("ocr: tesseract init: ") + e.what());
  }
}

Result<OcrResult> TesseractOcrEngine::Recognize(const cv::Mat& image) {
  Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(options_.time_budget_ms);
  if (image.empty()) return Status::InvalidArgument("ocr: empty image");
  int type = image.type();
  if (type != CV_8UC1 && type != CV_8UC3 && type != CV_8UC4) {
    return Status::InvalidArgument("ocr: unsupported pixel type " + std::to_string(type));
  }
  try {
    Result<TextLikelihood> likely = EstimateTextLikelihood(image);
    if (!likely.ok()) return likely.status();
    std::vector<ocr_internal::ReadingBand> bands;
    if (options_.regions_only) bands = ocr_internal::ReadingBands(likely->lines, image.size());
    if (bands.empty()) bands.push_back({cv::Rect(0, 0, image.cols, image.rows), 0, image.cols});
    ocr_internal::PrepareLimits limits{options_.target_text_height, options_.max_upscale,
                                       options_.max_pixels};
    OcrResult out;
    for (const ocr_internal::ReadingBand& band : bands) {
      if (MsLeft(deadline) <= 0) {
        out.timed_out = true;
        break;
      }
      Pass best = ReadBand(*api_, image, band, likely->text_height, limits, deadline);
      Append(best, out);
      if (best.timed_out) {
        out.timed_out = true;
        break;
      }
    }
    float sum = 0;
    for (const OcrWord& w : out.words) sum += w.confidence;
    out.mean_confidence = out.words.empty() ? 0 : sum / out.words.size();
    return out;
  } catch (const cv::Exception& e) {
    api_->Clear();
    return Status::Internal(std::string("ocr: opencv: ") + e.what());
  } catch (const std::exception& e) {
    api_->Clear();
    return Status::Internal(std::string("ocr: ") + e.what());
  }
}

}  // namespace harrier::imageproc
