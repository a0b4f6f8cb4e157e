// PDQ-format hashes of sub-windows of an image, for the crop-, letterbox- and
// overlay-tolerant second matching stage. One 256-bit hash per window, so the
// same Hamming index serves them and the global PDQ. Window hashes are our
// own (PDQ's DCT, median and quality on an exact area-average of the window),
// comparable with each other but not with other tools' PDQ. Thread-safe.
//
// Windows, as fractions of the image (see subwindow_hashes.cc for the why):
//  - kWhole: the whole image.
//  - kContent: the image without uniform borders (letterbox or pillarbox
//    bars), when it has any.
//  - kCrop i: the image with {0, 3.5, 7, 10.5} % trimmed from each edge, at
//    most 10.5 % per axis: 99 windows, so that any crop of up to about 10 %
//    per axis lies within 1.75 % per edge of one of them.
//  - kStrip i: three horizontal and three vertical bands of the image, 40 %
//    deep at 0, 30 and 60 %; a band of text across the image misses one.
// Windows whose quality is below the options' minimum are not kept.
#ifndef HARRIER_IMAGEPROC_SUBWINDOW_HASHES_H_
#define HARRIER_IMAGEPROC_SUBWINDOW_HASHES_H_

#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <span>
#include <vector>

#include "core/status.h"
#include "imageproc/pdq.h"

namespace harrier::imageproc {

// Bump when the windows or the sampling change: stored window hashes of an
// older version must be recomputed, not compared.
inline constexpr int kSubwindowVersion = 1;

enum class WindowKind : uint8_t { kWhole = 0, kContent = 1, kCrop = 2, kStrip = 3 };

inline constexpr int kCropWindowCount = 99;
inline constexpr int kStripWindowCount = 6;

// Fractions trimmed from each edge of the image.
struct WindowTrims {
  float left = 0, top = 0, right = 0, bottom = 0;
};

// The fixed table: kCrop index 0..98, kStrip index 0..5.
WindowTrims CropWindowTrims(int index);
WindowTrims StripWindowTrims(int index);

struct WindowHash {
  WindowKind kind = WindowKind::kWhole;
  uint8_t index = 0;  // position in the kCrop or kStrip table, 0 otherwise
  PdqHash hash;       // with the window's quality
};

struct SubwindowOptions {
  // The crop family costs 99 hashes (3.5 kB encoded) and ~5 ms per image:
  // meant for watchlist photos (references), optional for queries.
  bool crops = false;
  bool strips = true;
  int min_quality = 30;  // windows below are not kept (MatchOptions::window_min_quality)
  // The image is area-resampled so its longer side is at most this before any
  // window is sampled: bounds time and memory, and keeps every window's 64x64
  // grid well above the 16x16 frequencies PDQ keeps.
  int max_side = 256;
};

// Options for a watchlist photo: every window.
inline SubwindowOptions ReferenceSubwindowOptions() { return {.crops = true}; }
// Options for a query (every advert image): whole, content and strips.
inline SubwindowOptions QuerySubwindowOptions() { return {.crops = false}; }

struct SubwindowHashes {
  std::vector<WindowHash> windows;  // kWhole first when its quality suffices
  WindowTrims content;              // borders found (all 0 when none)
};

// Same inputs as ComputePdq (8-bit grey, BGR or BGRA). An image under 16
// pixels on a side, or a flat one, gives no windows (not an error).
// kInvalidArgument for an empty image or another pixel type; OpenCV errors
// become kInternal.
Result<SubwindowHashes> ComputeSubwindowHashes(const cv::Mat& image,
                                               const SubwindowOptions& options = {});

// A compact form to store: "SW", kSubwindowVersion, the content trims (four
// little-endian uint16 in 1/10000), a uint16 count, then per window its kind,
// index and quality (one byte each) and the 256 bits (four little-endian
// uint64, bits[0] first): 13 + 35 bytes per window.
std::vector<uint8_t> EncodeSubwindowHashes(const SubwindowHashes& hashes);
// kInvalidArgument for another kSubwindowVersion (recompute, do not compare);
// kCorrupt for anything malformed (size, kind, index, quality, trims).
Result<SubwindowHashes> DecodeSubwindowHashes(std::span<const uint8_t> bytes);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_SUBWINDOW_HASHES_H_
