// One image's bytes to everything Harrier keeps about it: decoded once under
// the limits (decode.h), then PDQ with its 8 dihedral variants, pHash, the
// SHA-256 of the bytes and the EXIF tags. A refusal is a Status whose
// DecodeReasonOf() is the stable code the store records.
// Thread-safe: a pure function of its arguments.
#ifndef HARRIER_IMAGEPROC_FINGERPRINT_H_
#define HARRIER_IMAGEPROC_FINGERPRINT_H_

#include <opencv2/core/mat.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "imageproc/decode.h"
#include "imageproc/exif.h"
#include "imageproc/pdq.h"
#include "imageproc/phash.h"
#include "imageproc/subwindow_hashes.h"

namespace harrier::imageproc {

struct ImageFingerprint {
  std::string sha256;  // lower-case hex of the bytes
  std::string mime;
  int width = 0;
  int height = 0;
  PdqHash pdq;                 // with its quality
  PdqDihedralHashes dihedral;  // [0] is pdq; rotations and mirrors of the image
  PHash phash;
  // The query windows of the second matching stage (whole, content inside
  // uniform bars, 6 strips; about 265 bytes encoded): a crop, letterbox or
  // overlay of a watchlist photo is found through them.
  SubwindowHashes windows;
  ImageMetadata exif;
};

// `pixels`, when given, receives the decoded image (for OCR and the
// geometric check) so that nothing decodes twice.
Result<ImageFingerprint> FingerprintImage(std::string_view bytes, const DecodeLimits& limits,
                                          cv::Mat* pixels = nullptr);

// The EXIF tags as a JSON object ("" when there are none): camera, time,
// GPS position, orientation. GPS is personal data: show it, audit access.
std::string ExifJson(const ImageMetadata& exif);

// Bytes as lower-case hex and back (the store keeps sub-window hashes and
// ORB features as text).
std::string ToHexText(std::span<const uint8_t> bytes);
Result<std::vector<uint8_t>> FromHexText(std::string_view hex);

// The reason code of a refusal ("image_too_large"), or "analysis_failed"
// for a Status that is not a decode refusal.
std::string RejectionCode(const Status& status);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_FINGERPRINT_H_
