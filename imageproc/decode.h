// Safe decoding of advert images (security.md R6, R7): a size cap, then the
// magic bytes (only JPEG, PNG, WebP and GIF reach a decoder), then the
// dimensions read from the header against a pixel limit (before any decoder
// allocates), then the decode. Every failure is a Status with a stable reason
// code (decode_reason.h); no exception escapes. Thread-safe.
#ifndef HARRIER_IMAGEPROC_DECODE_H_
#define HARRIER_IMAGEPROC_DECODE_H_

#include <cstddef>
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <string>
#include <string_view>

#include "core/status.h"
#include "imageproc/decode_reason.h"
#include "imageproc/exif.h"

namespace harrier::imageproc {

struct DecodeLimits {
  size_t max_bytes = size_t{20} << 20;  // encoded size: 20 MiB
  uint64_t max_pixels = 40'000'000;     // width x height: 40 Mpx (160 MB as 8-bit BGRA)
  uint32_t max_side = 16384;            // width and height each
};

struct DecodedImage {
  // 8-bit, continuous: CV_8UC1 for grey images (kept grey: PDQ hashes grey
  // as it is), CV_8UC3 BGR for everything else. Alpha is dropped (the colour
  // stored under a transparent pixel stays); 16-bit samples are scaled to
  // 8 bits (v / 257, rounded). EXIF orientation is NOT applied.
  cv::Mat pixels;
  std::string mime;  // as SniffImageType
  int width = 0;
  int height = 0;
  int channels = 0;    // as the decoder produced them, before normalising: 1, 3 or 4
  int bit_depth = 8;   // as decoded: 8 or 16 (PNG only)
  ImageMetadata exif;  // JPEG, WebP and PNG; empty when absent
};

// Decodes `bytes` in this order, failing with the first reason that applies:
//   too_many_bytes    bytes.size() > limits.max_bytes
//   unsupported_type  SniffImageType refuses the magic bytes (no decoder runs)
//   bad_header        ReadImageHeader cannot read the dimensions
//   image_too_large   header width or height > max_side, or width x height > max_pixels
//   decode_failed     the decoder fails, the data is truncated (a JPEG without
//                     EOI), a JPEG has over 100 scans (a time bomb for
//                     progressive decoding), or the result disagrees with the header
// JPEG, PNG and WebP go through cv::imdecode; a GIF's first frame through
// giflib (OpenCV 4.6 has no GIF decoder), its palette applied into BGR.
// Memory beyond the input: about 12 bytes per pixel at worst (16-bit RGBA PNG
// or progressive JPEG), so about 480 MB at the default 40 Mpx.
Result<DecodedImage> DecodeImage(std::string_view bytes, const DecodeLimits& limits = {});

// How many times DecodeImage has handed bytes to a decoder (OpenCV or
// giflib) in this process; tests check that refusals leave it unchanged.
uint64_t DecoderCallsForTesting();

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_DECODE_H_
