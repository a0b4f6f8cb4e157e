#include "imageproc/phash.h"

#include <bit>
#include <exception>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace harrier::imageproc {
namespace {

constexpr int kSide = 32;
constexpr int kKept = 8;

// Reused per thread: the 32x32 images of one hash.
struct Scratch {
  cv::Mat small, grey, grey_f, dct;
};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

PHash Compute(const cv::Mat& image) {
  thread_local Scratch s;
  cv::resize(image, s.small, cv::Size(kSide, kSide), 0, 0, cv::INTER_LINEAR_EXACT);
  if (image.channels() == 3) {
    cv::cvtColor(s.small, s.grey, cv::COLOR_BGR2GRAY);
  } else if (image.channels() == 4) {
    cv::cvtColor(s.small, s.grey, cv::COLOR_BGRA2GRAY);
  }
  const cv::Mat& grey = image.channels() == 1 ? s.small : s.grey;
  grey.convertTo(s.grey_f, CV_32F);
  cv::dct(s.grey_f, s.dct);
  cv::Mat top_left = s.dct(cv::Rect(0, 0, kKept, kKept));
  top_left.at<float>(0, 0) = 0;
  // cv::mean sums in double; rounding its result to float, as OpenCV does,
  // keeps the comparison identical to img_hash's.
  const float mean = static_cast<float>(cv::mean(top_left)[0]);
  PHash hash;
  for (int r = 0; r < kKept; ++r) {
    const float* row = top_left.ptr<float>(r);
    for (int c = 0; c < kKept; ++c) {
      if (row[c] > mean) hash.bits |= uint64_t{1} << (r * kKept + c);
    }
  }
  return hash;
}

}  // namespace

std::string PHash::ToHex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int byte = 0; byte < 8; ++byte) {
    const unsigned v = (bits >> (8 * byte)) & 0xFF;
    out[2 * byte] = kDigits[v >> 4];
    out[2 * byte + 1] = kDigits[v & 0xF];
  }
  return out;
}

Result<PHash> PHash::FromHex(std::string_view hex) {
  if (hex.size() != 16) {
    return Status::InvalidArgument("phash hex: want 16 digits, got " + std::to_string(hex.size()));
  }
  PHash hash;
  for (int byte = 0; byte < 8; ++byte) {
    const int hi = HexDigit(hex[2 * byte]);
    const int lo = HexDigit(hex[2 * byte + 1]);
    if (hi < 0 || lo < 0) return Status::InvalidArgument("phash hex: not a hex digit");
    hash.bits |= uint64_t(hi * 16 + lo) << (8 * byte);
  }
  return hash;
}

int HammingDistance(const PHash& a, const PHash& b) { return std::popcount(a.bits ^ b.bits); }

Result<PHash> ComputePHash(const cv::Mat& image) {
  if (image.empty() || image.dims != 2) return Status::InvalidArgument("phash: empty image");
  const int type = image.type();
  if (type != CV_8UC1 && type != CV_8UC3 && type != CV_8UC4) {
    return Status::InvalidArgument("phash: unsupported pixel type " + cv::typeToString(type) +
                                   " (want 8-bit grey, BGR or BGRA)");
  }
  try {
    return Compute(image);
  } catch (const std::exception& e) {  // cv::Exception, std::bad_alloc
    return Status::Internal(std::string("phash: ") + e.what());
  }
}

}  // namespace harrier::imageproc
