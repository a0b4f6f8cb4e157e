#include "imageproc/gif_decoder.h"

#include <gif_lib.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "imageproc/decode_reason.h"

namespace harrier::imageproc {

namespace {

struct MemoryReader {
  std::string_view bytes;
  size_t pos = 0;
};

// giflib's InputFunc: copies up to `length` bytes; a short count at the end
// of the data makes giflib report D_GIF_ERR_READ_FAILED.
int ReadFromMemory(GifFileType* gif, GifByteType* out, int length) {
  auto* reader = static_cast<MemoryReader*>(gif->UserData);
  if (length <= 0) return 0;
  const size_t n = std::min(static_cast<size_t>(length), reader->bytes.size() - reader->pos);
  std::memcpy(out, reader->bytes.data() + reader->pos, n);
  reader->pos += n;
  return static_cast<int>(n);
}

struct GifCloser {
  void operator()(GifFileType* gif) const {
    int error = 0;
    DGifCloseFile(gif, &error);
  }
};
using GifPtr = std::unique_ptr<GifFileType, GifCloser>;

Status GifError(std::string_view what, int error) {
  const char* text = GifErrorString(error);
  return DecodeFailure(DecodeReason::kDecodeFailed,
                       "gif " + std::string(what) + ": " + (text ? text : "unknown error"));
}

// Skips one extension: its label and all its data sub-blocks.
Status SkipExtension(GifFileType* gif) {
  int code = 0;
  GifByteType* block = nullptr;
  if (DGifGetExtension(gif, &code, &block) == GIF_ERROR) return GifError("extension", gif->Error);
  while (block != nullptr) {
    if (DGifGetExtensionNext(gif, &block) == GIF_ERROR) {
      return GifError("extension", gif->Error);
    }
  }
  return Status::Ok();
}

// Row order of an interlaced image (GIF89a appendix E): four passes.
std::vector<int> RowOrder(int height, bool interlaced) {
  std::vector<int> rows;
  rows.reserve(height);
  if (!interlaced) {
    for (int y = 0; y < height; ++y) rows.push_back(y);
    return rows;
  }
  constexpr int kStart[] = {0, 4, 2, 1};
  constexpr int kStep[] = {8, 8, 4, 2};
  for (int pass = 0; pass < 4; ++pass) {
    for (int y = kStart[pass]; y < height; y += kStep[pass]) rows.push_back(y);
  }
  return rows;
}

Result<cv::Mat> ReadImage(GifFileType* gif, uint64_t max_pixels, uint32_t max_side) {
  if (DGifGetImageDesc(gif) == GIF_ERROR) return GifError("image descriptor", gif->Error);
  const GifImageDesc& desc = gif->Image;
  const int width = desc.Width, height = desc.Height;
  if (width <= 0 || height <= 0) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "gif: empty first frame");
  }
  if (static_cast<uint32_t>(width) > max_side || static_cast<uint32_t>(height) > max_side ||
      static_cast<uint64_t>(width) * static_cast<uint64_t>(height) > max_pixels) {
    return DecodeFailure(DecodeReason::kImageTooLarge,
                         "gif frame " + std::to_string(width) + "x" + std::to_string(height));
  }
  const ColorMapObject* map = desc.ColorMap ? desc.ColorMap : gif->SColorMap;
  if (map == nullptr || map->Colors == nullptr || map->ColorCount <= 0) {
    return DecodeFailure(DecodeReason::kDecodeFailed, "gif: no colour table");
  }
  // Palette as BGR; indices beyond the table stay black.
  std::vector<cv::Vec3b> palette(256, cv::Vec3b(0, 0, 0));
  for (int i = 0; i < std::min(map->ColorCount, 256); ++i) {
    palette[i] = cv::Vec3b(map->Colors[i].Blue, map->Colors[i].Green, map->Colors[i].Red);
  }
  cv::Mat bgr(height, width, CV_8UC3);
  std::vector<GifPixelType> line(width);
  for (int y : RowOrder(height, desc.Interlace)) {
    if (DGifGetLine(gif, line.data(), width) == GIF_ERROR) return GifError("pixels", gif->Error);
    cv::Vec3b* row = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < width; ++x) row[x] = palette[line[x]];
  }
  return bgr;
}

}  // namespace

Result<cv::Mat> DecodeGifFirstFrame(std::string_view bytes, uint64_t max_pixels,
                                    uint32_t max_side) {
  MemoryReader reader{bytes};
  int error = 0;
  GifPtr gif(DGifOpen(&reader, ReadFromMemory, &error));
  if (!gif) return GifError("open", error);
  // Every record consumes input, so this loop ends within bytes.size() turns.
  while (true) {
    GifRecordType type = UNDEFINED_RECORD_TYPE;
    if (DGifGetRecordType(gif.get(), &type) == GIF_ERROR) {
      return GifError("record", gif->Error);
    }
    switch (type) {
      case IMAGE_DESC_RECORD_TYPE:
        return ReadImage(gif.get(), max_pixels, max_side);
      case EXTENSION_RECORD_TYPE:
        HARRIER_RETURN_IF_ERROR(SkipExtension(gif.get()));
        break;
      case TERMINATE_RECORD_TYPE:
        return DecodeFailure(DecodeReason::kDecodeFailed, "gif: no image before the trailer");
      default:
        return DecodeFailure(DecodeReason::kDecodeFailed, "gif: unknown record");
    }
  }
}

}  // namespace harrier::imageproc
