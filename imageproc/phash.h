// A 64-bit DCT perceptual hash (pHash) in OpenCV's img_hash::PHash convention,
// bit for bit, so values compare with any tool that uses OpenCV's. Weaker
// than PDQ (64 bits, no quality); stored beside it as a second opinion.
// Thread-safe: each thread reuses its own scratch images.
#ifndef HARRIER_IMAGEPROC_PHASH_H_
#define HARRIER_IMAGEPROC_PHASH_H_

#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::imageproc {

// The convention (opencv_contrib modules/img_hash/src/phash.cpp):
//   1. resize the 8-bit image to 32x32 with cv::INTER_LINEAR_EXACT (colour
//      images are resized first, then turned grey with cv::COLOR_BGR2GRAY or
//      cv::COLOR_BGRA2GRAY, OpenCV's fixed-point 0.299/0.587/0.114);
//   2. 32x32 float DCT-II (cv::dct);
//   3. keep the top-left 8x8 coefficients, DC included in position but set to 0;
//   4. bit (8 * row + column) is set where the coefficient is strictly greater
//      than the mean of those 64 values (the zeroed DC counts in the mean).
struct PHash {
  uint64_t bits = 0;  // bit 8 * row + column; byte r (little-endian) is OpenCV's hash byte r

  // 16 lower-case hex digits: OpenCV's 8 hash bytes in order, two digits each
  // (byte 0 = DCT row 0 first), i.e. the hex dump of PHash::compute's output.
  std::string ToHex() const;
  // 16 hex digits (either case); kInvalidArgument otherwise.
  static Result<PHash> FromHex(std::string_view hex);

  bool operator==(const PHash& other) const = default;
};

// Number of differing bits, 0-64.
int HammingDistance(const PHash& a, const PHash& b);

// pHash of a CV_8UC1, CV_8UC3 (BGR) or CV_8UC4 (BGRA) image of any size >= 1x1.
// kInvalidArgument for an empty image or another pixel type.
Result<PHash> ComputePHash(const cv::Mat& image);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_PHASH_H_
