#include "imageproc/subwindow_hashes.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <new>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

// Why these windows (measured on drawn photo-like images; the figures are in
// docs/benchmarks.md, "Watchlist recall", and bench/watchlist_eval
// --tolerance): PDQ is a global hash of the low frequencies. When each edge
// of a window moves by up to 1 % of its size, its hash moves 14 bits (median;
// 32 at most), at 1.75 % 26 (46), at 3.5 % 48 (104). A crop of 10 % per axis
// cannot be met by windows defined relative to the cropped image (they
// scale with it), so the reference keeps a family of crops of itself spaced
// 3.5 % per edge: a query that is a crop of up to ~10 % per axis lies within
// 1.75 % per edge of one of them, while the closest windows of unrelated
// pictures stayed 64+ bits away over 10^7 pairs. Letterbox bars are found and cut
// (kContent) rather than searched for. A phone number painted across the
// picture spoils every window it crosses, so the strips are bands: a band of
// text across the image leaves at least one of three parallel strips clean.
// Crops and strips are taken of the whole image, not of the content: border
// detection also fires on uniform stripes, floors and skies, and an overlay
// can switch it off, so windows relative to it would move between copies.
//
// Each window is sampled exactly, at sub-pixel edges, as a 64x64 grid of
// area averages from one integral image (bilinear interpolation of an
// integral image of a piecewise-constant picture is exact), so a window
// costs the same whatever its size and windows that differ by a fraction of
// a pixel differ by a fraction of a pixel. The grid then goes through
// ComputePdq (PDQ's 64x64 stage is the identity at that size).

namespace harrier::imageproc {
namespace {

constexpr int kGrid = 64;
constexpr int kMinSide = 16;       // smaller images give no windows
constexpr int kMinWindowSide = 8;  // in working pixels
constexpr float kCropStep = 0.035f;

// Pairs (first, second) of trims per axis with first + second <= 3 steps:
// (0,0) (0,1) (0,2) (0,3) (1,0) (1,1) (1,2) (2,0) (2,1) (3,0).
constexpr std::array<std::array<int, 2>, 10> kAxisTrims = {
    {{0, 0}, {0, 1}, {0, 2}, {0, 3}, {1, 0}, {1, 1}, {1, 2}, {2, 0}, {2, 1}, {3, 0}}};

class WindowSampler {
 public:
  explicit WindowSampler(const cv::Mat& grey) : width_(grey.cols), height_(grey.rows) {
    cv::integral(grey, integral_, CV_64F);
  }
  int width() const { return width_; }
  int height() const { return height_; }

  // PDQ of the window [x0, x1) x [y0, y1), in working pixels.
  Result<PdqHash> Hash(double x0, double y0, double x1, double y1) const {
    std::array<int, kGrid + 1> ix, iy;
    std::array<double, kGrid + 1> fx, fy;
    Edges(x0, x1, width_, ix, fx);
    Edges(y0, y1, height_, iy, fy);
    // g[j][i]: the integral at (xs[i], ys[j]), bilinear between grid points.
    std::array<std::array<double, kGrid + 1>, kGrid + 1> g;
    for (int j = 0; j <= kGrid; ++j) {
      const double* r0 = integral_.ptr<double>(iy[j]);
      const double* r1 = integral_.ptr<double>(iy[j] + 1);
      for (int i = 0; i <= kGrid; ++i) {
        const double a = r0[ix[i]] + (r0[ix[i] + 1] - r0[ix[i]]) * fx[i];
        const double b = r1[ix[i]] + (r1[ix[i] + 1] - r1[ix[i]]) * fx[i];
        g[j][i] = a + (b - a) * fy[j];
      }
    }
    const double inv_area = (kGrid * kGrid) / ((x1 - x0) * (y1 - y0));
    cv::Mat cells(kGrid, kGrid, CV_8UC1);
    for (int j = 0; j < kGrid; ++j) {
      uint8_t* row = cells.ptr<uint8_t>(j);
      for (int i = 0; i < kGrid; ++i) {
        const double sum = g[j + 1][i + 1] - g[j][i + 1] - g[j + 1][i] + g[j][i];
        row[i] = cv::saturate_cast<uint8_t>(sum * inv_area);
      }
    }
    return ComputePdq(cells);
  }

 private:
  // Integer cell and fraction of the 65 edges from lo to hi, clamped so
  // that cell + 1 is a valid integral column.
  static void Edges(double lo, double hi, int size, std::array<int, kGrid + 1>& cell,
                    std::array<double, kGrid + 1>& frac) {
    for (int i = 0; i <= kGrid; ++i) {
      const double v = std::clamp(lo + (hi - lo) * i / kGrid, 0.0, static_cast<double>(size));
      cell[i] = std::min(static_cast<int>(v), size - 1);
      frac[i] = v - cell[i];
    }
  }

  int width_, height_;
  cv::Mat integral_;  // (height + 1) x (width + 1), CV_64F
};

// Working grey image: area-resampled so the longer side is at most max_side.
cv::Mat WorkingGrey(const cv::Mat& image, int max_side) {
  cv::Mat small = image;
  const int longer = std::max(image.cols, image.rows);
  if (longer > max_side) {
    const double f = static_cast<double>(max_side) / longer;
    const cv::Size size(std::max(1, static_cast<int>(std::lround(image.cols * f))),
                        std::max(1, static_cast<int>(std::lround(image.rows * f))));
    cv::resize(image, small, size, 0, 0, cv::INTER_AREA);
  }
  if (small.channels() == 1) return small;
  cv::Mat grey;
  cv::cvtColor(small, grey, small.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return grey;
}

// A line (row or column) is border when nearly all of it is within kTolerance
// grey levels of the outermost line's mean: JPEG leaves bars a little noisy.
constexpr int kTolerance = 10;
constexpr double kBorderShare = 0.95;
constexpr double kMaxBorder = 0.35;  // per side

bool IsBorderLine(const cv::Mat& line, double colour) {
  int near = 0;
  for (int i = 0; i < static_cast<int>(line.total()); ++i) {
    near += std::abs(line.at<uint8_t>(i) - colour) <= kTolerance;
  }
  return near >= kBorderShare * line.total();
}

// Number of border lines from one side. `line(k)` is the k-th line inwards.
template <typename LineAt>
int BorderDepth(int lines, LineAt line) {
  const cv::Mat outer = line(0);
  const double colour = cv::mean(outer)[0];
  if (!IsBorderLine(outer, colour)) return 0;
  int depth = 1;
  while (depth < kMaxBorder * lines && IsBorderLine(line(depth), colour)) ++depth;
  return depth >= 2 ? depth : 0;  // one uniform edge line is no bar
}

// The content rectangle's trims, or all zero when there are no bars.
WindowTrims FindContent(const cv::Mat& grey) {
  const int w = grey.cols, h = grey.rows;
  const int top = BorderDepth(h, [&](int k) { return grey.row(k); });
  const int bottom = BorderDepth(h, [&](int k) { return grey.row(h - 1 - k); });
  const int left = BorderDepth(w, [&](int k) { return grey.col(k).clone(); });
  const int right = BorderDepth(w, [&](int k) { return grey.col(w - 1 - k).clone(); });
  if (w - left - right < w / 2 || h - top - bottom < h / 2) return {};
  return {static_cast<float>(left) / w, static_cast<float>(top) / h, static_cast<float>(right) / w,
          static_cast<float>(bottom) / h};
}

bool HasBorders(const WindowTrims& t) {
  return t.left > 0 || t.top > 0 || t.right > 0 || t.bottom > 0;
}

}  // namespace

WindowTrims CropWindowTrims(int index) {
  // Entry 0 of the 10 x 10 product is the untrimmed image, kWhole: the table
  // skips it.
  const int n = index + 1;
  const auto& x = kAxisTrims[n % kAxisTrims.size()];
  const auto& y = kAxisTrims[n / kAxisTrims.size()];
  return {x[0] * kCropStep, y[0] * kCropStep, x[1] * kCropStep, y[1] * kCropStep};
}

WindowTrims StripWindowTrims(int index) {
  static constexpr WindowTrims kStrips[kStripWindowCount] = {
      {0, 0, 0, 0.6f}, {0, 0.3f, 0, 0.3f}, {0, 0.6f, 0, 0},   // horizontal bands
      {0, 0, 0.6f, 0}, {0.3f, 0, 0.3f, 0}, {0.6f, 0, 0, 0}};  // vertical bands
  return kStrips[index];
}

Result<SubwindowHashes> ComputeSubwindowHashes(const cv::Mat& image,
                                               const SubwindowOptions& options) {
  if (image.empty() || image.dims != 2) return Status::InvalidArgument("subwindows: empty image");
  const int type = image.type();
  if (type != CV_8UC1 && type != CV_8UC3 && type != CV_8UC4) {
    return Status::InvalidArgument("subwindows: unsupported pixel type " + cv::typeToString(type));
  }
  SubwindowHashes out;
  if (image.cols < kMinSide || image.rows < kMinSide) return out;
  try {
    const cv::Mat grey = WorkingGrey(image, std::max(kMinSide, options.max_side));
    const WindowSampler sampler(grey);
    const double w = sampler.width(), h = sampler.height();
    auto add = [&](WindowKind kind, int index, const WindowTrims& outer,
                   const WindowTrims& inner) -> Status {
      // inner is relative to the rectangle outer leaves.
      const double x0 = outer.left * w, x1 = (1 - outer.right) * w;
      const double y0 = outer.top * h, y1 = (1 - outer.bottom) * h;
      const double ax = x0 + inner.left * (x1 - x0), bx = x1 - inner.right * (x1 - x0);
      const double ay = y0 + inner.top * (y1 - y0), by = y1 - inner.bottom * (y1 - y0);
      if (bx - ax < kMinWindowSide || by - ay < kMinWindowSide) return Status::Ok();
      Result<PdqHash> hash = sampler.Hash(ax, ay, bx, by);
      if (!hash.ok()) return hash.status();
      if (hash->quality >= options.min_quality) {
        out.windows.push_back({kind, static_cast<uint8_t>(index), *hash});
      }
      return Status::Ok();
    };
    const WindowTrims none;
    HARRIER_RETURN_IF_ERROR(add(WindowKind::kWhole, 0, none, none));
    out.content = FindContent(grey);
    if (HasBorders(out.content)) {
      HARRIER_RETURN_IF_ERROR(add(WindowKind::kContent, 0, out.content, none));
    }
    for (int i = 0; options.crops && i < kCropWindowCount; ++i) {
      HARRIER_RETURN_IF_ERROR(add(WindowKind::kCrop, i, none, CropWindowTrims(i)));
    }
    for (int i = 0; options.strips && i < kStripWindowCount; ++i) {
      HARRIER_RETURN_IF_ERROR(add(WindowKind::kStrip, i, none, StripWindowTrims(i)));
    }
  } catch (const std::bad_alloc&) {
    return Status::Internal("subwindows: out of memory");
  } catch (const std::exception& e) {  // cv::Exception derives from it
    return Status::Internal(std::string("subwindows: ") + e.what());
  }
  return out;
}

}  // namespace harrier::imageproc

namespace harrier::imageproc {
namespace {

constexpr uint8_t kMagic[2] = {'S', 'W'};
constexpr size_t kHeaderBytes = 13;
constexpr size_t kWindowBytes = 35;
constexpr int kMaxWindows = 2 + kCropWindowCount + kStripWindowCount;

void PutLe(std::vector<uint8_t>& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint64_t GetLe(const uint8_t* p, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

bool ValidIndex(WindowKind kind, int index) {
  switch (kind) {
    case WindowKind::kWhole:
    case WindowKind::kContent:
      return index == 0;
    case WindowKind::kCrop:
      return index < kCropWindowCount;
    case WindowKind::kStrip:
      return index < kStripWindowCount;
  }
  return false;
}

}  // namespace

std::vector<uint8_t> EncodeSubwindowHashes(const SubwindowHashes& hashes) {
  std::vector<uint8_t> out(kMagic, kMagic + 2);
  out.reserve(kHeaderBytes + kWindowBytes * hashes.windows.size());
  out.push_back(kSubwindowVersion);
  const WindowTrims& c = hashes.content;
  for (float f : {c.left, c.top, c.right, c.bottom}) {
    PutLe(out, static_cast<uint64_t>(std::lround(std::clamp(f, 0.0f, 1.0f) * 10000)), 2);
  }
  PutLe(out, hashes.windows.size(), 2);
  for (const WindowHash& w : hashes.windows) {
    out.push_back(static_cast<uint8_t>(w.kind));
    out.push_back(w.index);
    out.push_back(static_cast<uint8_t>(std::clamp(w.hash.quality, 0, 100)));
    for (uint64_t limb : w.hash.bits) PutLe(out, limb, 8);
  }
  return out;
}

Result<SubwindowHashes> DecodeSubwindowHashes(std::span<const uint8_t> bytes) {
  if (bytes.size() < kHeaderBytes || bytes[0] != kMagic[0] || bytes[1] != kMagic[1]) {
    return Status::Corrupt("subwindow hashes: bad header");
  }
  if (bytes[2] != kSubwindowVersion) {
    return Status::InvalidArgument("subwindow hashes: version " + std::to_string(bytes[2]) +
                                   ", this build makes " + std::to_string(kSubwindowVersion));
  }
  SubwindowHashes out;
  float* trims[4] = {&out.content.left, &out.content.top, &out.content.right, &out.content.bottom};
  for (int i = 0; i < 4; ++i) {
    const uint64_t v = GetLe(&bytes[3 + 2 * i], 2);
    if (v >= 5000) return Status::Corrupt("subwindow hashes: content trim out of range");
    *trims[i] = static_cast<float>(v) / 10000;
  }
  const size_t n = GetLe(&bytes[11], 2);
  if (n > kMaxWindows || bytes.size() != kHeaderBytes + kWindowBytes * n) {
    return Status::Corrupt("subwindow hashes: " + std::to_string(bytes.size()) + " bytes for " +
                           std::to_string(n) + " windows");
  }
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* p = &bytes[kHeaderBytes + kWindowBytes * i];
    WindowHash w;
    if (p[0] > static_cast<uint8_t>(WindowKind::kStrip)) {
      return Status::Corrupt("subwindow hashes: unknown window kind");
    }
    w.kind = static_cast<WindowKind>(p[0]);
    w.index = p[1];
    if (!ValidIndex(w.kind, w.index) || p[2] > 100) {
      return Status::Corrupt("subwindow hashes: bad window index or quality");
    }
    w.hash.quality = p[2];
    for (int k = 0; k < 4; ++k) w.hash.bits[k] = GetLe(p + 3 + 8 * k, 8);
    out.windows.push_back(w);
  }
  return out;
}

}  // namespace harrier::imageproc
