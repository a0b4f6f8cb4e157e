// See png.h. The one file of review/ui that sees OpenCV.
#include "review/ui/png.h"

#include <opencv2/imgcodecs.hpp>
#include <vector>

namespace harrier::review::ui {

Result<std::string> ReencodeAsPng(std::string_view bytes, const imageproc::DecodeLimits& limits) {
  Result<imageproc::DecodedImage> image = imageproc::DecodeImage(bytes, limits);
  if (!image.ok()) return image.status();
  std::vector<uchar> out;
  try {
    if (!cv::imencode(".png", image->pixels, out)) return Status::Internal("encode png: failed");
  } catch (const cv::Exception& e) {
    return Status::Internal(std::string("encode png: ") + e.what());
  }
  return std::string(out.begin(), out.end());
}

}  // namespace harrier::review::ui
