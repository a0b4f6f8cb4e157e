#include "imageproc/test_images.h"

#include <gif_lib.h>
#include <libexif/exif-data.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace harrier::imageproc::testing {

namespace {

void PutBe32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}
void PutLe32(std::string& out, uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((v >> shift) & 0xFF);
}
void PutLe24(std::string& out, uint32_t v) {
  for (int shift = 0; shift < 24; shift += 8) out += static_cast<char>((v >> shift) & 0xFF);
}

std::string Deflate(std::string_view raw) {
  uLongf size = compressBound(raw.size());
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9) != Z_OK) {
    throw std::runtime_error("compress2 failed");
  }
  out.resize(size);
  return out;
}

std::string Ihdr(uint32_t width, uint32_t height, uint8_t bit_depth, uint8_t colour_type) {
  std::string data;
  PutBe32(data, width);
  PutBe32(data, height);
  data += static_cast<char>(bit_depth);
  data += static_cast<char>(colour_type);
  data += std::string(3, '\0');  // deflate, filter method 0, no interlace
  return PngChunk("IHDR", data);
}

int AppendToString(GifFileType* gif, const GifByteType* data, int length) {
  static_cast<std::string*>(gif->UserData)->append(reinterpret_cast<const char*>(data), length);
  return length;
}

ColorMapObject* MakeMap(const std::vector<cv::Vec3b>& palette) {
  if (palette.empty()) return nullptr;
  std::vector<GifColorType> colours(palette.size());
  for (size_t i = 0; i < palette.size(); ++i) {
    colours[i] = {palette[i][0], palette[i][1], palette[i][2]};
  }
  ColorMapObject* map = GifMakeMapObject(static_cast<int>(colours.size()), colours.data());
  if (!map) throw std::runtime_error("palette size must be a power of two");
  return map;
}

void PutFrame(GifFileType* gif, const GifFrame& frame) {
  if (frame.transparent_index >= 0) {
    const GifByteType control[4] = {1, 0, 0, static_cast<GifByteType>(frame.transparent_index)};
    EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, control);
  }
  ColorMapObject* local = MakeMap(frame.palette);
  const int width = frame.indices.cols, height = frame.indices.rows;
  EGifPutImageDesc(gif, 0, 0, width, height, frame.interlaced, local);
  std::vector<int> rows;
  if (frame.interlaced) {
    for (auto [start, step] : {std::pair{0, 8}, {4, 8}, {2, 4}, {1, 2}}) {
      for (int y = start; y < height; y += step) rows.push_back(y);
    }
  } else {
    for (int y = 0; y < height; ++y) rows.push_back(y);
  }
  for (int y : rows) {
    EGifPutLine(gif, const_cast<GifPixelType*>(frame.indices.ptr<GifPixelType>(y)), width);
  }
  if (local) GifFreeMapObject(local);
}

void AddEntry(ExifData* data, ExifIfd ifd, int tag, ExifFormat format, unsigned components,
              const void* bytes) {
  ExifMem* mem = exif_mem_new_default();
  ExifEntry* entry = exif_entry_new_mem(mem);
  const unsigned size = exif_format_get_size(format) * components;
  entry->data = static_cast<unsigned char*>(exif_mem_alloc(mem, size));
  std::memcpy(entry->data, bytes, size);
  entry->size = size;
  entry->tag = static_cast<ExifTag>(tag);
  entry->components = components;
  entry->format = format;
  exif_content_add_entry(data->ifd[ifd], entry);
  exif_entry_unref(entry);
  exif_mem_unref(mem);
}

void AddText(ExifData* data, ExifIfd ifd, int tag, const std::string& text) {
  if (!text.empty()) AddEntry(data, ifd, tag, EXIF_FORMAT_ASCII, text.size() + 1, text.c_str());
}

void AddRationals(ExifData* data, int tag, const std::vector<uint32_t>& pairs,
                  ExifByteOrder order) {
  if (pairs.empty()) return;
  std::vector<unsigned char> bytes(pairs.size() / 2 * 8);
  for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
    exif_set_rational(bytes.data() + i * 4, order, ExifRational{pairs[i], pairs[i + 1]});
  }
  AddEntry(data, EXIF_IFD_GPS, tag, EXIF_FORMAT_RATIONAL, pairs.size() / 2, bytes.data());
}

}  // namespace

cv::Mat DrawScene(int width, int height) {
  cv::Mat image(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      image.at<cv::Vec3b>(y, x) = cv::Vec3b(255 * x / width, 255 * y / height, 128);
    }
  }
  cv::rectangle(image, {width / 8, height / 8}, {width / 2, height / 2}, {20, 200, 40}, -1);
  cv::circle(image, {2 * width / 3, 2 * height / 3}, std::min(width, height) / 5, {250, 30, 90},
             -1);
  return image;
}

std::string Encode(const cv::Mat& image, const std::string& ext, const std::vector<int>& params) {
  std::vector<uchar> buffer;
  try {
    if (!cv::imencode(ext, image, buffer, params)) return {};
  } catch (const cv::Exception&) {
    return {};
  }
  return std::string(buffer.begin(), buffer.end());
}

std::string PngChunk(std::string_view type, std::string_view data) {
  std::string out;
  PutBe32(out, static_cast<uint32_t>(data.size()));
  const std::string body = std::string(type) + std::string(data);
  out += body;
  PutBe32(out, crc32(0, reinterpret_cast<const Bytef*>(body.data()), body.size()));
  return out;
}

std::string PngFile(uint32_t width, uint32_t height, uint8_t bit_depth, uint8_t colour_type,
                    std::string_view scanlines, std::string_view chunks_before_idat) {
  return "\x89PNG\r\n\x1A\n" + Ihdr(width, height, bit_depth, colour_type) +
         std::string(chunks_before_idat) + PngChunk("IDAT", Deflate(scanlines)) +
         PngChunk("IEND", "");
}

std::string PngBomb(uint32_t width, uint32_t height, size_t zeros) {
  // Streams the zeros through deflate a megabyte at a time, so a bomb that
  // inflates to hundreds of MB costs the test no such buffer.
  z_stream z{};
  deflateInit(&z, 9);
  const std::string chunk(size_t{1} << 20, '\0');
  std::string compressed;
  char out[1 << 16];
  for (size_t left = zeros;;) {
    const size_t n = std::min(left, chunk.size());
    left -= n;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
    z.avail_in = static_cast<uInt>(n);
    const int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    int result = Z_OK;
    do {
      z.next_out = reinterpret_cast<Bytef*>(out);
      z.avail_out = sizeof out;
      result = deflate(&z, flush);
      compressed.append(out, sizeof out - z.avail_out);
    } while (z.avail_out == 0);
    if (result == Z_STREAM_END) break;
  }
  deflateEnd(&z);
  return "\x89PNG\r\n\x1A\n" + Ihdr(width, height, 8, 0) + PngChunk("IDAT", compressed) +
         PngChunk("IEND", "");
}

std::string PatchJpegSize(std::string jpeg, uint16_t width, uint16_t height) {
  const size_t sof = jpeg.find("\xFF\xC0");
  if (sof == std::string::npos) throw std::runtime_error("no SOF0");
  jpeg[sof + 5] = static_cast<char>(height >> 8);
  jpeg[sof + 6] = static_cast<char>(height & 0xFF);
  jpeg[sof + 7] = static_cast<char>(width >> 8);
  jpeg[sof + 8] = static_cast<char>(width & 0xFF);
  return jpeg;
}

std::string InsertApp1(const std::string& jpeg, std::string_view exif_block) {
  const size_t length = exif_block.size() + 2;
  std::string segment = "\xFF\xE1";
  segment += static_cast<char>(length >> 8);
  segment += static_cast<char>(length & 0xFF);
  segment += exif_block;
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

std::string WrapWebpInVp8x(const std::string& simple_webp, int width, int height,
                           std::string_view exif_block) {
  std::string body = "WEBPVP8X";
  PutLe32(body, 10);
  body += static_cast<char>(exif_block.empty() ? 0 : 0x08);  // E: EXIF present
  body += std::string(3, '\0');
  PutLe24(body, width - 1);
  PutLe24(body, height - 1);
  body += simple_webp.substr(12);  // the VP8 chunk
  if (!exif_block.empty()) {
    body += "EXIF";
    PutLe32(body, static_cast<uint32_t>(exif_block.size()));
    body += exif_block;
    if (exif_block.size() % 2) body += '\0';
  }
  std::string out = "RIFF";
  PutLe32(out, static_cast<uint32_t>(body.size()));
  return out + body;
}

std::string EncodeGif(int screen_width, int screen_height,
                      const std::vector<cv::Vec3b>& global_palette,
                      const std::vector<GifFrame>& frames) {
  std::string out;
  int error = 0;
  GifFileType* gif = EGifOpen(&out, AppendToString, &error);
  if (!gif) throw std::runtime_error("EGifOpen failed");
  EGifSetGifVersion(gif, true);
  ColorMapObject* global = MakeMap(global_palette);
  EGifPutScreenDesc(gif, screen_width, screen_height, 8, 0, global);
  for (const GifFrame& frame : frames) PutFrame(gif, frame);
  EGifCloseFile(gif, &error);
  if (global) GifFreeMapObject(global);
  return out;
}

std::string MakeExifBlock(const ExifSpec& spec) {
  ExifData* data = exif_data_new();
  const ExifByteOrder order = spec.big_endian ? EXIF_BYTE_ORDER_MOTOROLA : EXIF_BYTE_ORDER_INTEL;
  exif_data_set_byte_order(data, order);
  AddText(data, EXIF_IFD_0, EXIF_TAG_MAKE, spec.make);
  AddText(data, EXIF_IFD_0, EXIF_TAG_MODEL, spec.model);
  if (spec.orientation > 0) {
    unsigned char value[2];
    exif_set_short(value, order, static_cast<ExifShort>(spec.orientation));
    AddEntry(data, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1, value);
  }
  AddText(data, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, spec.date_time_original);
  AddText(data, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL, spec.offset_time_original);
  AddText(data, EXIF_IFD_GPS, EXIF_TAG_GPS_LATITUDE_REF, spec.latitude_ref);
  AddRationals(data, EXIF_TAG_GPS_LATITUDE, spec.latitude, order);
  AddText(data, EXIF_IFD_GPS, EXIF_TAG_GPS_LONGITUDE_REF, spec.longitude_ref);
  AddRationals(data, EXIF_TAG_GPS_LONGITUDE, spec.longitude, order);
  unsigned char* bytes = nullptr;
  unsigned int size = 0;
  exif_data_save_data(data, &bytes, &size);
  std::string out(reinterpret_cast<char*>(bytes), size);
  std::free(bytes);
  exif_data_unref(data);
  return out;
}

uint64_t PeakRssKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

bool ResetPeakRss() {
  std::ofstream clear_refs("/proc/self/clear_refs");
  clear_refs << "5";
  clear_refs.flush();
  return clear_refs.good();
}

}  // namespace harrier::imageproc::testing
