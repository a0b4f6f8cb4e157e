// PDQ, Meta's open 256-bit perceptual image hash, computed bit for bit as the
// reference C++ implementation (facebook/ThreatExchange pdq/cpp,
// pdq-photo-hasher) does, so hashes can be exchanged with partner hash lists.
// Thread-safe: each thread reuses its own scratch buffers.
#ifndef HARRIER_IMAGEPROC_PDQ_H_
#define HARRIER_IMAGEPROC_PDQ_H_

#include <array>
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::imageproc {

// 256 bits and the image's quality. Bit k = 16 * row + column of the 16x16
// DCT coefficient it stands for (the reference's setBit(k)); the hash is the
// 256-bit number sum(bit k << k), stored little-endian in 64-bit limbs.
struct PdqHash {
  static constexpr int kBits = 256;

  std::array<uint64_t, 4> bits{};  // bit k is (bits[k / 64] >> (k % 64)) & 1
  int quality = 0;                 // 0-100; below kPdqMinQuality, do not match

  bool Bit(int k) const { return (bits[k >> 6] >> (k & 63)) & 1; }
  void SetBit(int k) { bits[k >> 6] |= uint64_t{1} << (k & 63); }

  // 64 lower-case hex digits, most significant first: the reference's format
  // (its 16-bit words 15..0), so ToHex() equals pdq-photo-hasher's output.
  std::string ToHex() const;
  // Parses 64 hex digits (either case). quality is not part of the text: the
  // result has quality 0 until the caller sets it. kInvalidArgument otherwise.
  static Result<PdqHash> FromHex(std::string_view hex);

  // Bits only; quality is not compared.
  bool operator==(const PdqHash& other) const { return bits == other.bits; }
};

// Number of differing bits, 0-256.
int HammingDistance(const PdqHash& a, const PdqHash& b);

// The matching convention of PDQ's authors: ignore hashes whose quality is
// below 50; two hashes match when their Hamming distance is at most 31.
inline constexpr int kPdqMinQuality = 50;
inline constexpr int kPdqMatchThreshold = 31;

// PDQ of an 8-bit image: CV_8UC1 (grey, used as is), CV_8UC3 (BGR, luma
// 0.299 R + 0.587 G + 0.114 B in float) or CV_8UC4 (BGRA, alpha ignored).
// Follows the reference CLI: an image wider or taller than 512 is first
// resized to 512x512 by nearest neighbour; an image under 5 pixels on a side
// gets the all-zero hash with quality 0. For bit-exact results decode with
// cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION (libjpeg-turbo).
// kInvalidArgument for an empty image or another pixel type (16-bit, float).
Result<PdqHash> ComputePdq(const cv::Mat& image);

// The 8 dihedral transforms (rotations and mirrors), in the order of the
// reference's pdqDihedralHash256esFromFloatLuma. Each entry stands for the
// original image transformed as described, derived from the original's 16x16
// DCT by sign flips and transposition (no second pass over the image). For
// kFlipPlus1 it agrees with the hash of the transposed image (0 bits off on
// every image measured; only float rounding differs); for the others it is
// 4-24 bits from the hash of the transformed image (measured on drawn
// photo-like images; the reference's README says 4-26), because the
// reference's box window and decimation are not mirror-symmetric. Match a
// query against all eight, or store all eight, to find turned copies.
enum class PdqDihedral {
  kOriginal = 0,
  kRotate90 = 1,    // 90 degrees anticlockwise: cv::ROTATE_90_COUNTERCLOCKWISE
  kRotate180 = 2,   // cv::ROTATE_180
  kRotate270 = 3,   // 90 degrees clockwise: cv::ROTATE_90_CLOCKWISE
  kFlipX = 4,       // upside down: cv::flip(image, out, 0)
  kFlipY = 5,       // mirror left-right: cv::flip(image, out, 1)
  kFlipPlus1 = 6,   // transpose (main diagonal): cv::transpose
  kFlipMinus1 = 7,  // anti-diagonal: cv::transpose then cv::ROTATE_180
};
inline constexpr int kPdqDihedralCount = 8;
using PdqDihedralHashes = std::array<PdqHash, kPdqDihedralCount>;

// "original", "rotate90", ..., "flipminus1" (the reference's names).
std::string_view PdqDihedralName(PdqDihedral d);

// All 8 hashes, indexed by PdqDihedral; every one carries the image's
// quality. Same inputs and errors as ComputePdq; [kOriginal] equals it.
Result<PdqDihedralHashes> ComputePdqDihedral(const cv::Mat& image);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_PDQ_H_
