// OCR benchmark (issue 5, point 5): advert-style images with a rendered
// drama-range phone number and text-free photo-like images, all drawn with a
// fixed seed. Reports the text-likelihood check's speed, skip rate on
// photos and pass rate on adverts; OCR speed per core; and phone recall as
// an exact E.164 match through the text extractor.
//
//   build/bench/ocr_bench [--images 100] [--seed 5] [--budget-ms 3000] [--verbose]
//
// Single-threaded (one engine): figures are per core. Run with
// OMP_THREAD_LIMIT=1 (Tesseract's OpenMP threads otherwise compete with the
// pool's own workers).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <opencv2/core/utility.hpp>
#include <random>
#include <string>
#include <vector>

#include "extractors/text_extractor.h"
#include "imageproc/ocr.h"
#include "imageproc/ocr_test_images.h"
#include "imageproc/text_likelihood.h"

namespace {

using harrier::Result;
using namespace harrier::imageproc;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// CPU seconds used by this thread: on a shared, busy machine a fairer
// per-core figure than wall time (everything runs on this one thread).
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

std::string Digits(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

struct Tally {
  int total = 0, hits = 0;
};

}  // namespace

int main(int argc, char** argv) {
  int images = 100, budget_ms = 3000;
  unsigned seed = 5;
  bool verbose = false;
  int only = -1;
  int text_height = OcrOptions().target_text_height;  // debugging: OCR just this advert
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--images") && i + 1 < argc)
      images = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
      seed = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--budget-ms") && i + 1 < argc)
      budget_ms = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--verbose"))
      verbose = true;
    else if (!std::strcmp(argv[i], "--text-height") && i + 1 < argc)
      text_height = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc)
      only = std::atoi(argv[++i]);
  }
  cv::setNumThreads(0);  // OpenCV runs on this thread: figures are per core
  std::mt19937 rng(seed);
  std::vector<testing::AdvertImage> adverts, photos;
  for (int i = 0; i < images; ++i) adverts.push_back(testing::RandomAdvert(rng));
  for (int i = 0; i < images; ++i) photos.push_back(testing::RandomPhoto(rng));

  // Text likelihood: a few rounds over both sets for a stable time.
  constexpr int kRounds = 5;
  int photo_skipped = 0, advert_passed = 0;
  std::map<std::string, Tally> pass_by_background;
  auto start = Clock::now();
  double cpu_start = CpuSeconds();
  for (int round = 0; round < kRounds; ++round) {
    for (const auto* set : {&adverts, &photos}) {
      for (const testing::AdvertImage& a : *set) {
        Result<TextLikelihood> r = EstimateTextLikelihood(a.image);
        if (round > 0 || !r.ok()) continue;
        if (set == &photos) photo_skipped += !r->likely;
        if (set == &adverts) {
          advert_passed += r->likely;
          Tally& t = pass_by_background[a.label.substr(0, a.label.find(' '))];
          ++t.total;
          t.hits += r->likely;
          if (!r->likely && verbose) std::printf("  likelihood missed: %s\n", a.label.c_str());
        }
      }
    }
  }
  double likelihood_s = Seconds(start) / (kRounds * 2.0 * images);
  double likelihood_cpu = (CpuSeconds() - cpu_start) / (kRounds * 2.0 * images);

  OcrOptions options;
  options.time_budget_ms = budget_ms;
  options.target_text_height = text_height;
  auto engine = TesseractOcrEngine::Create(options);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    return 1;
  }
  harrier::extractors::TextExtractor extractor;
  int e164_found = 0, digits_found = 0, timeouts = 0, gated_found = 0, false_phones = 0;
  std::map<std::string, Tally> recall_by_background;
  double ocr_s = 0, worst_s = 0, ocr_cpu = 0;
  std::vector<float> right_conf, wrong_conf;  // OCR confidence of phones found
  for (const testing::AdvertImage& a : adverts) {
    if (only >= 0 && &a != &adverts[only]) continue;
    auto t0 = Clock::now();
    double c0 = CpuSeconds();
    Result<OcrResult> r = (*engine)->Recognize(a.image);
    double s = Seconds(t0);
    ocr_cpu += CpuSeconds() - c0;
    ocr_s += s;
    worst_s = std::max(worst_s, s);
    if (!r.ok()) {
      std::fprintf(stderr, "ocr failed: %s\n", r.status().ToString().c_str());
      continue;
    }
    timeouts += r->timed_out;
    bool e164 = false;
    for (const harrier::Selector& sel : extractor.Extract(r->text)) {
      if (sel.kind != harrier::SelectorKind::kPhone) continue;
      e164 |= sel.value == a.e164;
      float conf = r->ConfidenceOf(sel.begin, sel.end);
      (sel.value == a.e164 ? right_conf : wrong_conf).push_back(conf);
      false_phones += sel.value != a.e164;
      if (sel.value != a.e164 && verbose) {
        std::printf("  wrong phone %s (%.0f%%) from %s\n", sel.value.c_str(), conf,
                    a.label.c_str());
      }
    }
    e164_found += e164;
    digits_found += Digits(r->text).find(a.digits) != std::string::npos;
    Result<TextLikelihood> gate = EstimateTextLikelihood(a.image);
    gated_found += e164 && gate.ok() && gate->likely;
    Tally& t = recall_by_background[a.label.substr(0, a.label.find(' '))];
    ++t.total;
    t.hits += e164;
    if (!e164 && verbose) {
      std::printf("  missed #%d %s -> \"%s\" (%.0f%%)\n", static_cast<int>(&a - &adverts[0]),
                  a.label.c_str(), r->text.c_str(), r->mean_confidence);
    }
  }
  double photo_ocr_s = 0, photo_cpu = 0;
  for (const testing::AdvertImage& p : photos) {
    auto t0 = Clock::now();
    double c0 = CpuSeconds();
    Result<OcrResult> r = (*engine)->Recognize(p.image);
    photo_ocr_s += Seconds(t0);
    photo_cpu += CpuSeconds() - c0;
    if (!r.ok()) continue;
    for (const harrier::Selector& sel : extractor.Extract(r->text)) {
      false_phones += sel.kind == harrier::SelectorKind::kPhone;
    }
  }

  std::printf("ocr_bench: %d advert images, %d text-free photos, 640x480, seed %u\n", images,
              images, seed);
  std::printf("text likelihood: %.3f ms/image wall, %.3f ms CPU: %.0f images/s per core (CPU)\n",
              likelihood_s * 1e3, likelihood_cpu * 1e3, 1 / likelihood_cpu);
  std::printf("  skip rate on text-free photos: %d/%d (%.1f%%)\n", photo_skipped, images,
              100.0 * photo_skipped / images);
  std::printf("  pass rate on adverts:          %d/%d (%.1f%%)\n", advert_passed, images,
              100.0 * advert_passed / images);
  for (const auto& [bg, t] : pass_by_background) {
    std::printf("    %-9s %d/%d\n", bg.c_str(), t.hits, t.total);
  }
  std::printf(
      "ocr (adverts): %.1f ms/image wall (worst %.0f), %.1f ms CPU: %.1f images/s per core (CPU)\n",
      ocr_s * 1e3 / images, worst_s * 1e3, ocr_cpu * 1e3 / images, images / ocr_cpu);
  std::printf(
      "ocr (photos, had they not been skipped): %.1f ms/image wall, %.1f ms CPU: %.1f images/s "
      "per core (CPU)\n",
      photo_ocr_s * 1e3 / images, photo_cpu * 1e3 / images, images / photo_cpu);
  std::printf(
      "  phone recall, exact E.164 via TextExtractor: %d/%d (%.1f%%); digits in text: %d/%d\n",
      e164_found, images, 100.0 * e164_found / images, digits_found, images);
  std::printf("  phones read that were not painted (adverts and photos): %d\n", false_phones);
  for (float t : {0.f, 60.f, 75.f, 85.f, 90.f}) {
    auto at_least = [t](const std::vector<float>& v) {
      return std::count_if(v.begin(), v.end(), [t](float c) { return c >= t; });
    };
    std::printf("    phones with OCR confidence >= %2.0f: %ld right, %ld wrong\n", t,
                at_least(right_conf), at_least(wrong_conf));
  }
  std::printf("  recall behind the likelihood gate: %d/%d (%.1f%%); timeouts: %d\n", gated_found,
              images, 100.0 * gated_found / images, timeouts);
  for (const auto& [bg, t] : recall_by_background) {
    std::printf("    %-9s %d/%d\n", bg.c_str(), t.hits, t.total);
  }
  return 0;
}
