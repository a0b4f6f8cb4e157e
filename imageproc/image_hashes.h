// Every hash Harrier stores per image from one decoded image: PDQ (and on
// request its 8 dihedral variants, from the same DCT) and pHash. The image is
// decoded once by the caller; no full-size colour conversion is made at all:
// PDQ computes luma only at the pixels its 512x512 pre-scale samples, pHash
// only on its 32x32 resize. Thread-safe.
#ifndef HARRIER_IMAGEPROC_IMAGE_HASHES_H_
#define HARRIER_IMAGEPROC_IMAGE_HASHES_H_

#include <opencv2/core/mat.hpp>
#include <optional>

#include "core/status.h"
#include "imageproc/pdq.h"
#include "imageproc/phash.h"

namespace harrier::imageproc {

struct ImageHashOptions {
  bool pdq_dihedral = false;  // also the 8 dihedral PDQ hashes
  bool phash = true;
};

struct ImageHashes {
  PdqHash pdq;                                    // with its quality
  std::optional<PdqDihedralHashes> pdq_dihedral;  // when asked; [kOriginal] == pdq
  std::optional<PHash> phash;                     // when asked
};

// Same inputs and errors as ComputePdq (8-bit grey, BGR or BGRA).
Result<ImageHashes> ComputeImageHashes(const cv::Mat& image, const ImageHashOptions& options = {});

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_IMAGE_HASHES_H_
