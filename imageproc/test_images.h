// Test-only builders for encoded images: drawn pictures through cv::imencode,
// hand-made PNG/JPEG/WebP/GIF structures (bombs that claim huge sizes), GIFs
// through giflib's encoder, and EXIF blocks through libexif. All invented.
#ifndef HARRIER_IMAGEPROC_TEST_IMAGES_H_
#define HARRIER_IMAGEPROC_TEST_IMAGES_H_

#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harrier::imageproc::testing {

// A deterministic picture: gradient, rectangles and a circle, 8-bit BGR.
cv::Mat DrawScene(int width, int height);

// cv::imencode to a string (".png", ".jpg", ".webp", ".bmp", ...); empty if
// OpenCV has no such encoder.
std::string Encode(const cv::Mat& image, const std::string& ext,
                   const std::vector<int>& params = {});

// PNG pieces: one chunk with its CRC; a whole file from IHDR fields, the
// uncompressed scanlines (each row starts with its filter byte) and chunks
// to put before IDAT.
std::string PngChunk(std::string_view type, std::string_view data);
std::string PngFile(uint32_t width, uint32_t height, uint8_t bit_depth, uint8_t colour_type,
                    std::string_view scanlines, std::string_view chunks_before_idat = {});
// A deflate bomb: IHDR claiming width x height (8-bit grey) and an IDAT of
// `zeros` compressed zero bytes (16 MiB compress to about 16 KB).
std::string PngBomb(uint32_t width, uint32_t height, size_t zeros = size_t{16} << 20);

// A real JPEG (`jpeg` from Encode) with its SOF0 dimensions rewritten.
std::string PatchJpegSize(std::string jpeg, uint16_t width, uint16_t height);
// Inserts an APP1 segment holding `exif_block` right after SOI.
std::string InsertApp1(const std::string& jpeg, std::string_view exif_block);

// WebP: a simple lossy file (from Encode) wrapped in a VP8X container with
// an optional EXIF chunk (the bare TIFF structure, as the spec stores it).
std::string WrapWebpInVp8x(const std::string& simple_webp, int width, int height,
                           std::string_view exif_block = {});

struct GifFrame {
  GifFrame(cv::Mat i)
      : indices(std::move(i)) {}   // NOLINT: implicit, so {{mat}, {mat}} lists frames
  cv::Mat indices;                 // CV_8UC1 colour indices
  std::vector<cv::Vec3b> palette;  // RGB, power-of-two size; empty: use the global one
  bool interlaced = false;
  int transparent_index = -1;  // >= 0 writes a graphics control extension
};
// A GIF89a through giflib's EGif API (written to memory).
std::string EncodeGif(int screen_width, int screen_height,
                      const std::vector<cv::Vec3b>& global_palette,
                      const std::vector<GifFrame>& frames);

struct ExifSpec {
  bool big_endian = false;
  std::string make, model;
  std::string date_time_original;  // "YYYY:MM:DD HH:MM:SS"
  std::string offset_time_original;
  std::string latitude_ref, longitude_ref;    // "N", "W", ...
  std::vector<uint32_t> latitude, longitude;  // numerator, denominator pairs x 3
  int orientation = 0;                        // 0: none
};
// An EXIF block ("Exif\0\0" + TIFF) built with libexif.
std::string MakeExifBlock(const ExifSpec& spec);

// Peak resident set (VmHWM) in KiB, and a reset of that peak through
// /proc/self/clear_refs (returns false if the kernel refuses).
uint64_t PeakRssKiB();
bool ResetPeakRss();

}  // namespace harrier::imageproc::testing

#endif  // HARRIER_IMAGEPROC_TEST_IMAGES_H_
