// PDQ's image-domain stage (internal to imageproc): the reference CLI's
// 512x512 nearest-neighbour pre-scale, float luma, two-pass Jarosz box filter
// and decimation to 64x64, computed with the reference's exact float
// operations in a cache-friendly, vectorisable order.
// Thread-safe: scratch buffers are per thread and reused between calls.
#ifndef HARRIER_IMAGEPROC_PDQ_DOWNSAMPLE_H_
#define HARRIER_IMAGEPROC_PDQ_DOWNSAMPLE_H_

#include <opencv2/core/mat.hpp>

namespace harrier::imageproc::internal {

inline constexpr int kPdqPrescaleDim = 512;  // reference pdqio.cpp DOWNSAMPLE_DIMS
inline constexpr int kPdqMinDim = 5;         // reference MIN_HASHABLE_DIM

// Rows and columns after the pre-scale: 512x512 when either side exceeds
// 512, the image's own size otherwise.
cv::Size PdqWorkingSize(const cv::Mat& image);

// Writes the 64x64 filtered luma, row-major, to out. image must be CV_8UC1,
// CV_8UC3 (BGR) or CV_8UC4 (BGRA) with both working dimensions >= 5; the
// caller checks. May throw std::bad_alloc on the first call of a thread.
void PdqDownsample64(const cv::Mat& image, float* out);

}  // namespace harrier::imageproc::internal

#endif  // HARRIER_IMAGEPROC_PDQ_DOWNSAMPLE_H_
