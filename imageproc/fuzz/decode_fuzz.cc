// libFuzzer target: arbitrary bytes through DecodeImage (size cap, sniff,
// header, limits, OpenCV or giflib, EXIF) with small limits, checking that a
// refusal always carries a reason and a success matches its header.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "imageproc/decode.h"
#include "imageproc/image_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace harrier::imageproc;
  static const DecodeLimits kLimits{
      .max_bytes = size_t{1} << 20, .max_pixels = uint64_t{1} << 22, .max_side = 4096};
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  harrier::Result<DecodedImage> image = DecodeImage(bytes, kLimits);
  if (!image.ok()) {
    if (!DecodeReasonOf(image.status())) std::abort();  // every refusal has a reason code
    return 0;
  }
  harrier::Result<ImageHeader> header = ReadImageHeader(bytes);
  const cv::Mat& pixels = image->pixels;
  if (!header.ok() || pixels.cols != static_cast<int>(header->width) ||
      pixels.rows != static_cast<int>(header->height) ||
      uint64_t(pixels.cols) * uint64_t(pixels.rows) > kLimits.max_pixels ||
      (pixels.type() != CV_8UC1 && pixels.type() != CV_8UC3) || !pixels.isContinuous()) {
    std::abort();
  }
  return 0;
}
