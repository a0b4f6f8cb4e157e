#include "imageproc/opencv_io_limits.h"

#include <algorithm>
#include <cstdlib>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

namespace harrier::imageproc {

namespace {

void PutBe32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

void PutChunk(std::string& out, std::string_view type, std::string_view data) {
  PutBe32(out, static_cast<uint32_t>(data.size()));
  const std::string body = std::string(type) + std::string(data);
  out += body;
  PutBe32(out, Crc32(body));
}

// A grey 8-bit PNG that claims width x height and holds an empty IDAT:
// libpng reads the header, then OpenCV validates the size (and without a
// fence allocates) before the pixel data fails.
std::string ProbePng(uint32_t width, uint32_t height) {
  std::string png = "\x89PNG\r\n\x1A\n";
  std::string ihdr;
  PutBe32(ihdr, width);
  PutBe32(ihdr, height);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // depth 8, grey, deflate, filter 0, no interlace
  PutChunk(png, "IHDR", ihdr);
  PutChunk(png, "IDAT", "");
  PutChunk(png, "IEND", "");
  return png;
}

// True when imdecode refuses the header with OpenCV's size assertion.
bool OpenCvRefuses(uint32_t width, uint32_t height) {
  const std::string png = ProbePng(width, height);
  std::vector<uchar> buffer(png.begin(), png.end());
  try {
    cv::Mat decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    return false;
  } catch (const cv::Exception& e) {
    return std::string(e.what()).find("CV_IO_MAX_IMAGE") != std::string::npos;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

void ExportOpenCvIoLimits(const DecodeLimits& limits) {
  const std::string side = std::to_string(limits.max_side);
  setenv("OPENCV_IO_MAX_IMAGE_WIDTH", side.c_str(), /*overwrite=*/0);
  setenv("OPENCV_IO_MAX_IMAGE_HEIGHT", side.c_str(), 0);
  setenv("OPENCV_IO_MAX_IMAGE_PIXELS", std::to_string(limits.max_pixels).c_str(), 0);
}

Status CheckOpenCvIoLimits(const DecodeLimits& limits) {
  const uint32_t side = limits.max_side;
  std::string missing;
  if (!OpenCvRefuses(side + 1, 1)) missing += " width>" + std::to_string(side);
  if (!OpenCvRefuses(1, side + 1)) missing += " height>" + std::to_string(side);
  // A shape within the side limit whose area is one row over max_pixels.
  const uint64_t width = std::min<uint64_t>(side, std::max<uint64_t>(limits.max_pixels, 1));
  const uint64_t height = limits.max_pixels / width + 1;
  if (height <= side &&
      !OpenCvRefuses(static_cast<uint32_t>(width), static_cast<uint32_t>(height))) {
    missing += " pixels>" + std::to_string(limits.max_pixels);
  }
  if (missing.empty()) return Status::Ok();
  return Status::Unavailable(
      "OpenCV decodes images over the limits (" + missing.substr(1) +
      "): OPENCV_IO_MAX_IMAGE_WIDTH/HEIGHT/PIXELS were not in the environment at start-up");
}

}  // namespace harrier::imageproc
