// OpenCV's own pixel fence (OPENCV_IO_MAX_IMAGE_WIDTH, _HEIGHT, _PIXELS), a
// second line behind DecodeImage's header check. OpenCV 4.6 reads the three
// variables exactly once, into namespace-scope constants of
// modules/imgcodecs/src/loadsave.cpp that the dynamic loader initialises when
// libopencv_imgcodecs.so is loaded, before main() runs. Setting them later
// in the same process changes nothing (a test proves it), so they must be in
// the environment the process starts with: the systemd unit's Environment=,
// or ExportOpenCvIoLimits() in a parent before it starts a decode worker.
#ifndef HARRIER_IMAGEPROC_OPENCV_IO_LIMITS_H_
#define HARRIER_IMAGEPROC_OPENCV_IO_LIMITS_H_

#include "core/status.h"
#include "imageproc/decode.h"

namespace harrier::imageproc {

// Sets OPENCV_IO_MAX_IMAGE_WIDTH and _HEIGHT to limits.max_side and
// OPENCV_IO_MAX_IMAGE_PIXELS to limits.max_pixels in this process's
// environment, leaving any already set (an operator's value wins). Affects
// only processes started afterwards. Not thread-safe (setenv).
void ExportOpenCvIoLimits(const DecodeLimits& limits = {});

// Checks that this process's OpenCV refuses, before allocating, a PNG header
// one pixel wider, one taller and one pixel larger than `limits` allow (three
// tiny crafted headers; when the fence is missing the pixel probe reserves
// but never touches about max_pixels bytes). OK if all three are refused;
// kUnavailable naming the limits OpenCV does not enforce otherwise.
Status CheckOpenCvIoLimits(const DecodeLimits& limits = {});

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_OPENCV_IO_LIMITS_H_
