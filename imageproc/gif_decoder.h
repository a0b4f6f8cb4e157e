// The first frame of a GIF through giflib, record by record (never
// DGifSlurp, which decodes every frame of a possible bomb). Used by
// DecodeImage; callers want decode.h.
#ifndef HARRIER_IMAGEPROC_GIF_DECODER_H_
#define HARRIER_IMAGEPROC_GIF_DECODER_H_

#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <string_view>

#include "core/status.h"

namespace harrier::imageproc {

// The first image's own rectangle (not the logical screen) as CV_8UC3 BGR,
// through its local colour table, else the global one. A transparent index
// keeps the colour its table entry holds (as alpha is dropped for PNG and
// WebP); an index beyond the table is black. Refuses (image_too_large) a
// frame over the limits before allocating for it; decode_failed for giflib
// errors, truncation or a missing colour table.
Result<cv::Mat> DecodeGifFirstFrame(std::string_view bytes, uint64_t max_pixels, uint32_t max_side);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_GIF_DECODER_H_
