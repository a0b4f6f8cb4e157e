#include "imageproc/image_hashes.h"

namespace harrier::imageproc {

Result<ImageHashes> ComputeImageHashes(const cv::Mat& image, const ImageHashOptions& options) {
  ImageHashes out;
  if (options.pdq_dihedral) {
    Result<PdqDihedralHashes> all = ComputePdqDihedral(image);
    if (!all.ok()) return all.status();
    out.pdq = (*all)[static_cast<int>(PdqDihedral::kOriginal)];
    out.pdq_dihedral = *all;
  } else {
    Result<PdqHash> pdq = ComputePdq(image);
    if (!pdq.ok()) return pdq.status();
    out.pdq = *pdq;
  }
  if (options.phash) {
    Result<PHash> phash = ComputePHash(image);
    if (!phash.ok()) return phash.status();
    out.phash = *phash;
  }
  return out;
}

}  // namespace harrier::imageproc
