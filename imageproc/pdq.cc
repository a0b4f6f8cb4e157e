#include "imageproc/pdq.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <exception>
#include <new>
#include <opencv2/core.hpp>

#include "imageproc/pdq_downsample.h"

// The frequency-domain half of PDQ (reference pdqhashing.cpp): quality from
// the 64x64 luma, a 16x64 DCT matrix applied on both sides (rows and columns
// 1..16 of the 64-point DCT-II: the DC terms are dropped), bits set where a
// coefficient is strictly above the median (Torben's algorithm), and the
// dihedral variants as sign flips and transposes of the 16x16 coefficients.
// Like pdq_downsample.cc this file is compiled with -ffp-contract=off.

namespace harrier::imageproc {
namespace {

constexpr int kDim = 64;
constexpr int kCoef = 16;
using Luma64 = float[kDim][kDim];
using Coef16 = float[kCoef][kCoef];

// D[i][j] = sqrt(2/64) * cos(pi/128 * (i+1) * (2j+1)), i < 16, j < 64. The
// scale is rounded to float first and the product is taken in double and
// rounded once, as the reference does: the other roundings change hashes of
// ill-conditioned images.
struct DctMatrix {
  alignas(32) float d[kCoef][kDim];   // D
  alignas(32) float dt[kDim][kCoef];  // its transpose, for the second product
  DctMatrix() {
    constexpr double kPi = 3.14159265358979323846;
    const float scale = static_cast<float>(std::sqrt(2.0 / kDim));
    for (int i = 0; i < kCoef; ++i) {
      for (int j = 0; j < kDim; ++j) {
        const double angle = (kPi / 2.0 / kDim) * (i + 1) * (2 * j + 1);
        d[i][j] = static_cast<float>(scale * std::cos(angle));
        dt[j][i] = d[i][j];
      }
    }
  }
};

const DctMatrix& Dct() {
  static const DctMatrix matrix;
  return matrix;
}

// Quality: the sum over horizontally and vertically adjacent pairs of
// int(|u - v| * 100 / 255) (float, truncated), divided by 90, at most 100.
int Quality(const Luma64& a) {
  int sum = 0;
  for (int i = 0; i < kDim - 1; ++i) {
    for (int j = 0; j < kDim; ++j) {
      sum += std::abs(static_cast<int>((a[i][j] - a[i + 1][j]) * 100.0f / 255.0f));
    }
  }
  for (int i = 0; i < kDim; ++i) {
    for (int j = 0; j < kDim - 1; ++j) {
      sum += std::abs(static_cast<int>((a[i][j] - a[i][j + 1]) * 100.0f / 255.0f));
    }
  }
  return std::min(sum / 90, 100);
}

// B = D A D^T as two matrix products. Each output is a dot product summed
// in the order k = 0..63, as the reference sums it; the loops run over the
// output index innermost, so they vectorise without reordering any sum.
void Dct16(const Luma64& a, Coef16& b) {
  const DctMatrix& m = Dct();
  alignas(32) float t[kCoef][kDim];  // T = D A
  for (int i = 0; i < kCoef; ++i) {
    float* __restrict ti = t[i];
    std::fill(ti, ti + kDim, 0.0f);
    for (int k = 0; k < kDim; ++k) {
      const float dik = m.d[i][k];
      const float* __restrict ak = a[k];
      for (int j = 0; j < kDim; ++j) ti[j] += dik * ak[j];
    }
  }
  for (int i = 0; i < kCoef; ++i) {  // B = T D^T
    float* __restrict bi = b[i];
    std::fill(bi, bi + kCoef, 0.0f);
    for (int k = 0; k < kDim; ++k) {
      const float tik = t[i][k];
      const float* __restrict dk = m.dt[k];
      for (int j = 0; j < kCoef; ++j) bi[j] += tik * dk[j];
    }
  }
}

// Torben Mogensen's median (public domain; N. Devillard's formulation), as
// the reference uses it: bisects on value, so it returns exactly the
// ((n + 1) / 2)-th smallest element, whatever the ties.
float TorbenMedian(const float* m, int n) {
  float lo = *std::min_element(m, m + n);
  float hi = *std::max_element(m, m + n);
  const int half = (n + 1) / 2;
  while (true) {
    const float guess = (lo + hi) / 2;
    int less = 0, greater = 0, equal = 0;
    float max_below = lo, min_above = hi;
    for (int i = 0; i < n; ++i) {
      if (m[i] < guess) {
        ++less;
        max_below = std::max(max_below, m[i]);
      } else if (m[i] > guess) {
        ++greater;
        min_above = std::min(min_above, m[i]);
      } else {
        ++equal;
      }
    }
    if (less <= half && greater <= half) {
      if (less >= half) return max_below;
      if (less + equal >= half) return guess;
      return min_above;
    }
    if (less > greater) {
      hi = max_below;
    } else {
      lo = min_above;
    }
  }
}

PdqHash BitsFromCoefficients(const Coef16& b, int quality) {
  const float median = TorbenMedian(&b[0][0], kCoef * kCoef);
  PdqHash hash;
  hash.quality = quality;
  for (int i = 0; i < kCoef; ++i) {
    for (int j = 0; j < kCoef; ++j) {
      if (b[i][j] > median) hash.SetBit(i * kCoef + j);
    }
  }
  return hash;
}

// The DCT of a transformed image from the original's, B = D A D^T with row
// frequency i and column frequency j (both counted from 1 in the DCT, so
// index 0 is frequency 1, which is odd): mirroring left-right negates odd
// column frequencies (even j), upside down odd row frequencies (even i), and
// transposing the image transposes B.
void TransformCoefficients(PdqDihedral d, const Coef16& a, Coef16& b) {
  for (int i = 0; i < kCoef; ++i) {
    for (int j = 0; j < kCoef; ++j) {
      const bool i_odd_freq = (i & 1) == 0;
      const bool j_odd_freq = (j & 1) == 0;
      const float v = a[i][j];
      switch (d) {
        case PdqDihedral::kOriginal:
          b[i][j] = v;
          break;
        case PdqDihedral::kRotate90:
          b[j][i] = j_odd_freq ? -v : v;
          break;  // mirror, transpose
        case PdqDihedral::kRotate180:
          b[i][j] = (i_odd_freq != j_odd_freq) ? -v : v;
          break;
        case PdqDihedral::kRotate270:
          b[j][i] = i_odd_freq ? -v : v;
          break;  // flip, transpose
        case PdqDihedral::kFlipX:
          b[i][j] = i_odd_freq ? -v : v;
          break;
        case PdqDihedral::kFlipY:
          b[i][j] = j_odd_freq ? -v : v;
          break;
        case PdqDihedral::kFlipPlus1:
          b[j][i] = v;
          break;
        case PdqDihedral::kFlipMinus1:
          b[j][i] = (i_odd_freq != j_odd_freq) ? -v : v;
          break;
      }
    }
  }
}

Status CheckImage(const cv::Mat& image) {
  if (image.empty() || image.dims != 2) return Status::InvalidArgument("pdq: empty image");
  const int type = image.type();
  if (type != CV_8UC1 && type != CV_8UC3 && type != CV_8UC4) {
    return Status::InvalidArgument("pdq: unsupported pixel type " + cv::typeToString(type) +
                                   " (want 8-bit grey, BGR or BGRA)");
  }
  return Status::Ok();
}

// Fills b with the 16x16 DCT and returns the quality, or returns -1 for an
// image too small to hash.
int Coefficients(const cv::Mat& image, Coef16& b) {
  const cv::Size size = internal::PdqWorkingSize(image);
  if (size.width < internal::kPdqMinDim || size.height < internal::kPdqMinDim) return -1;
  alignas(32) float luma[kDim][kDim];
  internal::PdqDownsample64(image, &luma[0][0]);
  Dct16(luma, b);
  return Quality(luma);
}

template <typename T, typename F>
Result<T> Guarded(const cv::Mat& image, F&& compute) {
  try {
    HARRIER_RETURN_IF_ERROR(CheckImage(image));
    return compute();
  } catch (const std::bad_alloc&) {
    return Status::Internal("pdq: out of memory");
  } catch (const std::exception& e) {  // cv::Exception derives from it
    return Status::Internal(std::string("pdq: ") + e.what());
  }
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PdqHash::ToHex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(64, '0');
  for (int n = 0; n < 64; ++n) {  // nibble n from the most significant end
    const int shift = 252 - 4 * n;
    out[n] = kDigits[(bits[shift >> 6] >> (shift & 63)) & 0xF];
  }
  return out;
}

Result<PdqHash> PdqHash::FromHex(std::string_view hex) {
  if (hex.size() != 64) {
    return Status::InvalidArgument("pdq hex: want 64 digits, got " + std::to_string(hex.size()));
  }
  PdqHash hash;
  for (int n = 0; n < 64; ++n) {
    const int v = HexDigit(hex[n]);
    if (v < 0) return Status::InvalidArgument("pdq hex: not a hex digit at " + std::to_string(n));
    const int shift = 252 - 4 * n;
    hash.bits[shift >> 6] |= uint64_t(v) << (shift & 63);
  }
  return hash;
}

int HammingDistance(const PdqHash& a, const PdqHash& b) {
  int d = 0;
  for (int i = 0; i < 4; ++i) d += std::popcount(a.bits[i] ^ b.bits[i]);
  return d;
}

std::string_view PdqDihedralName(PdqDihedral d) {
  static constexpr std::string_view kNames[kPdqDihedralCount] = {
      "original", "rotate90", "rotate180", "rotate270",
      "flipx",    "flipy",    "flipplus1", "flipminus1"};
  return kNames[static_cast<int>(d)];
}

Result<PdqHash> ComputePdq(const cv::Mat& image) {
  return Guarded<PdqHash>(image, [&]() -> PdqHash {
    alignas(32) Coef16 b;
    const int quality = Coefficients(image, b);
    if (quality < 0) return PdqHash{};
    return BitsFromCoefficients(b, quality);
  });
}

Result<PdqDihedralHashes> ComputePdqDihedral(const cv::Mat& image) {
  return Guarded<PdqDihedralHashes>(image, [&]() -> PdqDihedralHashes {
    PdqDihedralHashes hashes{};
    alignas(32) Coef16 b;
    const int quality = Coefficients(image, b);
    if (quality < 0) return hashes;
    for (int d = 0; d < kPdqDihedralCount; ++d) {
      alignas(32) Coef16 t;
      TransformCoefficients(static_cast<PdqDihedral>(d), b, t);
      hashes[d] = BitsFromCoefficients(t, quality);
    }
    return hashes;
  });
}

}  // namespace harrier::imageproc
