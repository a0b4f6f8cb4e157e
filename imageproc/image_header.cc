#include "imageproc/image_header.h"

#include <string>

#include "imageproc/decode_reason.h"
#include "imageproc/sniff.h"

namespace harrier::imageproc {

namespace {

uint8_t U8(std::string_view b, size_t at) { return static_cast<uint8_t>(b[at]); }
uint32_t Be16(std::string_view b, size_t at) { return (U8(b, at) << 8) | U8(b, at + 1); }
uint32_t Le16(std::string_view b, size_t at) { return U8(b, at) | (U8(b, at + 1) << 8); }
uint32_t Le24(std::string_view b, size_t at) { return Le16(b, at) | (U8(b, at + 2) << 16); }
uint32_t Be32(std::string_view b, size_t at) { return (Be16(b, at) << 16) | Be16(b, at + 2); }
uint32_t Le32(std::string_view b, size_t at) { return Le16(b, at) | (Le16(b, at + 2) << 16); }

std::string HexByte(uint8_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("0x") + kHex[v >> 4] + kHex[v & 15];
}

Status BadHeader(std::string_view format, const std::string& why) {
  return DecodeFailure(DecodeReason::kBadHeader, std::string(format) + ": " + why);
}

Result<ImageHeader> Dimensions(std::string_view mime, uint32_t width, uint32_t height) {
  if (width == 0 || height == 0) {
    return BadHeader(mime,
                     "zero dimension " + std::to_string(width) + "x" + std::to_string(height));
  }
  return ImageHeader{std::string(mime), width, height};
}

// PNG (RFC 2083 §3): the 8-byte signature, then the IHDR chunk must come first.
Result<ImageHeader> ReadPng(std::string_view b) {
  if (b.size() < 8 + 8 + 13) return BadHeader("png", "truncated before IHDR");
  if (Be32(b, 8) != 13 || b.substr(12, 4) != "IHDR") {
    return BadHeader("png", "first chunk is not a 13-byte IHDR");
  }
  const uint32_t width = Be32(b, 16);
  const uint32_t height = Be32(b, 20);
  // §4.1.1: dimensions are at most 2^31 - 1.
  if (width > 0x7FFFFFFFu || height > 0x7FFFFFFFu) return BadHeader("png", "dimension over 2^31");
  return Dimensions("image/png", width, height);
}

Result<ImageHeader> ReadJpeg(std::string_view b) {
  uint32_t width = 0, height = 0;
  bool found = false;
  Status bad;
  Status walked = ForEachJpegSegment(b, [&](const JpegSegment& segment) {
    if (segment.marker == 0xDA) {
      bad = BadHeader("jpeg", "scan (SOS) before any frame header (SOF)");
      return false;
    }
    if (!IsJpegStartOfFrame(segment.marker)) return true;
    // ITU T.81 §B.2.2: precision (1), lines (2), samples per line (2), components (1).
    if (segment.payload.size() < 6) {
      bad = BadHeader("jpeg", "SOF segment too short");
      return false;
    }
    height = Be16(segment.payload, 1);
    width = Be16(segment.payload, 3);
    found = true;
    return false;
  });
  if (!walked.ok()) return walked;
  if (!bad.ok()) return bad;
  if (!found) return BadHeader("jpeg", "no frame header");
  // A zero height means "defined later by a DNL marker"; libjpeg refuses it too.
  return Dimensions("image/jpeg", width, height);
}

// WebP container (RFC 9649): "RIFF" size "WEBP", then the first chunk decides
// the layout: a simple lossy (VP8 ) or lossless (VP8L) image, or the extended
// format (VP8X) whose canvas size every frame must match.
Result<ImageHeader> ReadWebp(std::string_view b) {
  if (b.size() < 20) return BadHeader("webp", "truncated before the first chunk");
  if (Le32(b, 4) < 12) return BadHeader("webp", "RIFF size too small");
  const std::string_view fourcc = b.substr(12, 4);
  const uint32_t chunk_size = Le32(b, 16);
  if (fourcc == "VP8 ") {
    // RFC 6386 §9.1: 3-byte frame tag, start code 9D 01 2A, 14-bit width and height.
    if (b.size() < 30 || chunk_size < 10) return BadHeader("webp", "truncated VP8 frame header");
    if (U8(b, 20) & 1) return BadHeader("webp", "first VP8 frame is not a key frame");
    if (b.substr(23, 3) != "\x9D\x01\x2A") return BadHeader("webp", "bad VP8 start code");
    return Dimensions("image/webp", Le16(b, 26) & 0x3FFF, Le16(b, 28) & 0x3FFF);
  }
  if (fourcc == "VP8L") {
    // RFC 9649 §3.2: signature 0x2F, then 14 bits width - 1, 14 bits height - 1, 3 bits version.
    if (b.size() < 25 || chunk_size < 5) return BadHeader("webp", "truncated VP8L header");
    if (U8(b, 20) != 0x2F) return BadHeader("webp", "bad VP8L signature");
    const uint32_t bits = Le32(b, 21);
    if (bits >> 29 != 0) return BadHeader("webp", "unknown VP8L version");
    return Dimensions("image/webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (fourcc == "VP8X") {
    // Flags (1), reserved (3), canvas width - 1 (24 bits), canvas height - 1 (24 bits).
    if (b.size() < 30) return BadHeader("webp", "truncated VP8X header");
    if (chunk_size != 10) return BadHeader("webp", "VP8X chunk is not 10 bytes");
    return Dimensions("image/webp", Le24(b, 24) + 1, Le24(b, 27) + 1);
  }
  return BadHeader("webp", "first chunk is not VP8, VP8L or VP8X");
}

// GIF89a spec §17-§20: header and logical screen descriptor (13 bytes), an
// optional global colour table, then extension blocks until the first image
// descriptor. giflib's DGifGetRecordType walks the same records.
Result<ImageHeader> ReadGif(std::string_view b) {
  if (b.size() < 13) return BadHeader("gif", "truncated logical screen descriptor");
  size_t pos = 13;
  const uint8_t screen_flags = U8(b, 10);
  if (screen_flags & 0x80) pos += size_t{3} << ((screen_flags & 7) + 1);
  while (pos < b.size()) {
    const uint8_t introducer = U8(b, pos);
    if (introducer == 0x2C) {
      // Left (2), top (2), width (2), height (2), flags (1), all little-endian.
      if (b.size() - pos < 10) return BadHeader("gif", "truncated image descriptor");
      return Dimensions("image/gif", Le16(b, pos + 5), Le16(b, pos + 7));
    }
    if (introducer == 0x3B) return BadHeader("gif", "trailer before any image");
    if (introducer != 0x21) return BadHeader("gif", "unknown block type");
    pos += 2;  // introducer and label, then data sub-blocks up to a zero length
    while (true) {
      if (pos >= b.size()) return BadHeader("gif", "truncated extension block");
      const uint8_t length = U8(b, pos++);
      if (length == 0) break;
      pos += length;
    }
  }
  return BadHeader("gif", "no image descriptor");
}

}  // namespace

bool IsJpegStartOfFrame(uint8_t marker) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

Status ForEachJpegSegment(std::string_view b,
                          const std::function<bool(const JpegSegment&)>& visit) {
  if (b.size() < 2 || U8(b, 0) != 0xFF || U8(b, 1) != 0xD8) {
    return BadHeader("jpeg", "no start of image");
  }
  size_t pos = 2;
  // Every turn consumes at least one byte, so this ends within b.size() turns.
  while (true) {
    if (pos >= b.size()) return BadHeader("jpeg", "ends before a scan");
    if (U8(b, pos) != 0xFF) {
      return BadHeader("jpeg", "no marker at offset " + std::to_string(pos));
    }
    while (pos < b.size() && U8(b, pos) == 0xFF) ++pos;  // T.81 §B.1.1.2: fill bytes
    if (pos >= b.size()) return BadHeader("jpeg", "ends inside a marker");
    const uint8_t marker = U8(b, pos++);
    if (marker == 0x00 || marker == 0xD8 || marker == 0xD9) {
      return BadHeader("jpeg", "unexpected marker " + HexByte(marker) + " before a scan");
    }
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;  // no length
    if (b.size() - pos < 2) return BadHeader("jpeg", "truncated segment length");
    const uint32_t length = Be16(b, pos);
    if (length < 2) return BadHeader("jpeg", "segment length below 2");
    if (b.size() - pos < length) return BadHeader("jpeg", "segment runs past the end");
    const JpegSegment segment{marker, b.substr(pos + 2, length - 2)};
    if (!visit(segment) || marker == 0xDA) return Status::Ok();
    pos += length;
  }
}

Result<ImageHeader> ReadImageHeader(std::string_view bytes) {
  Result<std::string> mime = SniffImageType(bytes);
  if (!mime.ok()) return DecodeFailure(DecodeReason::kUnsupportedType, mime.status().message());
  if (*mime == "image/png") return ReadPng(bytes);
  if (*mime == "image/jpeg") return ReadJpeg(bytes);
  if (*mime == "image/webp") return ReadWebp(bytes);
  return ReadGif(bytes);
}

}  // namespace harrier::imageproc
