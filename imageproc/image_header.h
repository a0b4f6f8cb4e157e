// Image dimensions read from the encoded bytes without decoding, so that a
// pixel bomb (a few KB claiming 50,000 x 50,000) is refused before any
// decoder allocates for it. Pure parsing of hostile input: never reads
// outside the bytes given, time linear in their size. Thread-safe.
#ifndef HARRIER_IMAGEPROC_IMAGE_HEADER_H_
#define HARRIER_IMAGEPROC_IMAGE_HEADER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::imageproc {

struct ImageHeader {
  std::string mime;  // as SniffImageType: "image/jpeg", "image/png", "image/webp", "image/gif"
  uint32_t width = 0;
  uint32_t height = 0;
};

// The size the decoder will allocate for: PNG's IHDR; JPEG's first SOFn
// frame header (APPn and other segments skipped by their lengths); WebP's
// VP8 / VP8L frame header or VP8X canvas; GIF's first image descriptor (the
// first frame's own rectangle, not the logical screen). Both dimensions are
// > 0 on success. Fails with a DecodeFailure status (decode_reason.h):
// unsupported_type for anything SniffImageType refuses, bad_header when the
// structure is truncated, lies about lengths, or reaches image data (JPEG
// SOS, GIF trailer) before a frame header.
Result<ImageHeader> ReadImageHeader(std::string_view bytes);

// One JPEG marker segment: the marker byte (0xE1 for APP1, 0xC0 for SOF0,
// ...) and its payload without the two length bytes (a view into the input).
struct JpegSegment {
  uint8_t marker = 0;
  std::string_view payload;
};

// Calls `visit` for each marker segment after SOI, in file order, up to and
// including the first SOS; stops early, with OK, when `visit` returns false.
// Standalone markers (RSTn, TEM) are skipped. Strict: a byte other than 0xFF
// where a marker must start, a second SOI, EOI, or a length running past the
// end is a bad_header failure (libjpeg would stop there too, so the segments
// seen here are the ones it reads).
Status ForEachJpegSegment(std::string_view bytes,
                          const std::function<bool(const JpegSegment&)>& visit);

// True for the frame-header markers SOF0..SOF15 (not DHT, JPG or DAC, which
// share the range).
bool IsJpegStartOfFrame(uint8_t marker);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_IMAGE_HEADER_H_
