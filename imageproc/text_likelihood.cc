#include "imageproc/text_likelihood.h"

#include <algorithm>
#include <exception>
#include <opencv2/imgproc.hpp>
#include <string>

namespace harrier::imageproc {

namespace {

constexpr int kMaxLines = 16;
constexpr double kMinEvidenceChars = 4;
// Percent of edge pixels allowed in the strips above and below a line.
constexpr int kMaxEdgesAround = 25;

struct Candidate {
  cv::Rect box;  // input pixels
  double chars = 0;
};

// Edge strength: the 3x3 morphological gradient (max - min) of luma. OCR
// reads luma too, so text that shows only in one colour channel would not
// be read anyway; one channel is also three times cheaper than three.
cv::Mat EdgeStrength(const cv::Mat& grey) {
  cv::Mat grad;
  cv::morphologyEx(grey, grad, cv::MORPH_GRADIENT,
                   cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  return grad;
}

// Rising edges (0 -> set) along row `y` of `bw` within [x0, x1).
int Crossings(const cv::Mat& bw, int y, int x0, int x1) {
  const uchar* row = bw.ptr<uchar>(y);
  int n = 0;
  bool prev = false;
  for (int x = x0; x < x1; ++x) {
    bool on = row[x] != 0;
    n += on && !prev;
    prev = on;
  }
  return n;
}

// Characters a text-line-shaped component seems to hold, or 0 when it is not
// text-like. A glyph is ~0.4-1.0 line heights wide and has one to three
// vertical strokes, so a line of text crosses an edge at least about once per
// line height; a bar, a rectangle outline or a blurred blob crosses few.
double TextLineChars(const cv::Mat& bw, const cv::Rect& r, int area, int rows) {
  if (r.height < 6 || r.height > rows / 3) return 0;
  double elongation = static_cast<double>(r.width) / r.height;
  if (elongation < 2.0 || r.width < 24) return 0;
  double fill = static_cast<double>(area) / r.area();
  if (fill < 0.45) return 0;
  // A line of text stands on a quieter background: the strips just above
  // and below it have few edges. Noise and foliage have edges everywhere.
  int strip = std::max(2, r.height / 2);
  for (cv::Rect side :
       {cv::Rect(r.x, r.y - strip, r.width, strip), cv::Rect(r.x, r.br().y, r.width, strip)}) {
    side &= cv::Rect(0, 0, bw.cols, bw.rows);
    if (side.area() > 0 && cv::countNonZero(bw(side)) * 100 > kMaxEdgesAround * side.area()) {
      return 0;
    }
  }
  int best = 0;
  for (int frac : {35, 50, 65}) {
    best = std::max(best, Crossings(bw, r.y + r.height * frac / 100, r.x, r.x + r.width));
  }
  double per_height = best / elongation;
  if (per_height < 0.9 || per_height > 6.0) return 0;  // too few: bars; too many: hatching
  return std::min(best / 1.5, elongation * 1.5);
}

// Glyph-sized edge components chained left to right on a shared baseline
// and top line. Finds text whose line component merged with a shape it
// touches (the glyphs elsewhere in the line still chain).
void FindGlyphChains(const cv::Mat& bw, double to_input, std::vector<Candidate>& out) {
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(bw, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> glyphs;
  for (int i = 1; i < n; ++i) {
    cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
               stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (r.height < 6 || r.height > bw.rows / 4 || r.width < 2 || r.width > 3 * r.height) continue;
    double fill = static_cast<double>(stats.at<int>(i, cv::CC_STAT_AREA)) / r.area();
    if (fill < 0.12 || fill > 0.9) continue;
    glyphs.push_back(r);
  }
  std::sort(glyphs.begin(), glyphs.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  std::vector<int> next(glyphs.size(), -1);
  std::vector<bool> has_prev(glyphs.size(), false);
  for (size_t i = 0; i < glyphs.size(); ++i) {
    const cv::Rect& a = glyphs[i];
    int best = -1, best_gap = 0;
    for (size_t j = i + 1; j < glyphs.size(); ++j) {
      const cv::Rect& b = glyphs[j];
      int h = std::max(a.height, b.height);
      int gap = b.x - (a.x + a.width);
      if (b.x > a.x + a.width + h) break;  // sorted by x: the rest are further
      if (gap < -h / 4 || gap > h || has_prev[j]) continue;
      if (std::abs(a.br().y - b.br().y) * 5 > h) continue;  // shared baseline
      if (std::abs(a.y - b.y) * 5 > h) continue;            // and top line
      if (best < 0 || gap < best_gap) best = static_cast<int>(j), best_gap = gap;
    }
    if (best >= 0) next[i] = best, has_prev[best] = true;
  }
  for (size_t i = 0; i < glyphs.size(); ++i) {
    if (has_prev[i]) continue;
    cv::Rect box = glyphs[i];
    double chars = 0;
    for (int k = static_cast<int>(i); k >= 0; k = next[k]) {
      box |= glyphs[k];
      chars += std::max(1.0, glyphs[k].width / (0.8 * glyphs[k].height));
    }
    if (chars < 5) continue;
    cv::Rect in(cvFloor(box.x * to_input), cvFloor(box.y * to_input), cvCeil(box.width * to_input),
                cvCeil(box.height * to_input));
    out.push_back({in, chars});
  }
}

// Text-line candidates in `image` (grey). `glyph_chains`: also chain
// glyphs (only at full scale: the half-scale image smooths noise into blobs
// of glyph size that chain by chance).
void FindLines(const cv::Mat& image, double to_input, const TextLikelihoodOptions& options,
               bool glyph_chains, std::vector<Candidate>& out) {
  cv::Mat grad = EdgeStrength(image);
  cv::Mat bw;
  double otsu = cv::threshold(grad, bw, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  if (otsu < options.min_edge_contrast) {
    cv::threshold(grad, bw, options.min_edge_contrast - 1, 255, cv::THRESH_BINARY);
  }
  // Edge-dense images (noise, foliage) chain by chance.
  if (glyph_chains && static_cast<size_t>(cv::countNonZero(bw)) < bw.total() / 8) {
    FindGlyphChains(bw, to_input, out);
  }
  cv::Mat closed;
  cv::morphologyEx(bw, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {9, 1}));
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(closed, labels, stats, centroids, 8, CV_32S);
  for (int i = 1; i < n; ++i) {
    cv::Rect r(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
               stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    double chars = TextLineChars(bw, r, stats.at<int>(i, cv::CC_STAT_AREA), image.rows);
    if (chars <= 0) continue;
    cv::Rect in(cvFloor(r.x * to_input), cvFloor(r.y * to_input), cvCeil(r.width * to_input),
                cvCeil(r.height * to_input));
    out.push_back({in, chars});
  }
}

// Keeps the stronger of two candidates that cover the same line (found at
// both scales).
std::vector<Candidate> Dedupe(std::vector<Candidate> all) {
  std::sort(all.begin(), all.end(),
            [](const Candidate& a, const Candidate& b) { return a.chars > b.chars; });
  std::vector<Candidate> kept;
  for (const Candidate& c : all) {
    bool covered = false;
    for (const Candidate& k : kept) {
      int overlap = (c.box & k.box).area();
      if (overlap * 2 > std::min(c.box.area(), k.box.area())) covered = true;
    }
    if (!covered) kept.push_back(c);
  }
  return kept;
}

TextLikelihood Estimate(const cv::Mat& image, const TextLikelihoodOptions& options) {
  int side = std::max(image.cols, image.rows);
  int target = std::max(32, options.analysis_side);
  cv::Mat work = image;
  double to_input = 1.0;
  if (side > target) {
    to_input = static_cast<double>(side) / target;
    cv::resize(image, work, cv::Size(), 1 / to_input, 1 / to_input, cv::INTER_AREA);
  }
  if (work.channels() > 1) {
    cv::cvtColor(work, work, work.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  }
  std::vector<Candidate> all;
  FindLines(work, to_input, options, /*glyph_chains=*/true, all);
  if (std::min(work.cols, work.rows) >= 64) {
    cv::Mat half;
    cv::resize(work, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    FindLines(half, to_input * work.cols / half.cols, options, /*glyph_chains=*/false, all);
  }
  std::vector<Candidate> lines = Dedupe(std::move(all));
  if (lines.size() > kMaxLines) lines.resize(kMaxLines);

  TextLikelihood out;
  std::vector<int> heights;
  for (const Candidate& c : lines) {
    // Short fragments still guide OCR, but only lines of a word or more
    // count as evidence: noise throws up fragments of two or three "glyphs".
    if (c.chars >= kMinEvidenceChars) out.score += c.chars;
    out.lines.push_back(c.box & cv::Rect(0, 0, image.cols, image.rows));
    heights.push_back(c.box.height);
  }
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    out.text_height = heights[heights.size() / 2];
  }
  out.likely = out.score >= options.min_score;
  return out;
}

}  // namespace

Result<TextLikelihood> EstimateTextLikelihood(const cv::Mat& image,
                                              const TextLikelihoodOptions& options) {
  if (image.empty()) return Status::InvalidArgument("text likelihood: empty image");
  int type = image.type();
  if (type != CV_8UC1 && type != CV_8UC3 && type != CV_8UC4) {
    return Status::InvalidArgument("text likelihood: unsupported pixel type " +
                                   std::to_string(type));
  }
  try {
    return Estimate(image, options);
  } catch (const cv::Exception& e) {
    return Status::Internal(std::string("text likelihood: opencv: ") + e.what());
  } catch (const std::exception& e) {
    return Status::Internal(std::string("text likelihood: ") + e.what());
  }
}

}  // namespace harrier::imageproc
