#include "imageproc/exif.h"

#include <libexif/exif-data.h>

#include <cmath>
#include <cstdint>
#include <memory>

#include "imageproc/image_header.h"
#include "imageproc/sniff.h"

namespace harrier::imageproc {

namespace {

using namespace std::literals;

constexpr std::string_view kExifPrefix = "Exif\0\0"sv;
constexpr size_t kMaxExifBytes = size_t{1} << 20;
constexpr size_t kMaxTextChars = 128;

uint32_t Be32(std::string_view b, size_t at) {
  auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(b[at + i])); };
  return (u(0) << 24) | (u(1) << 16) | (u(2) << 8) | u(3);
}
uint32_t Le32(std::string_view b, size_t at) {
  auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(b[at + i])); };
  return u(0) | (u(1) << 8) | (u(2) << 16) | (u(3) << 24);
}

// JPEG: the first APP1 segment that starts with "Exif\0\0" (EXIF 2.32 §4.5.4).
std::string_view FindJpegExif(std::string_view bytes) {
  std::string_view found;
  ForEachJpegSegment(bytes, [&](const JpegSegment& segment) {
    if (segment.marker == 0xE1 && segment.payload.substr(0, kExifPrefix.size()) == kExifPrefix) {
      found = segment.payload;
      return false;
    }
    return true;
  }).IgnoreError();  // a later corrupt segment does not undo an EXIF block found before it
  return found;
}

// WebP: the "EXIF" chunk of the RIFF container; chunks are padded to even sizes.
std::string_view FindWebpExif(std::string_view b) {
  size_t pos = 12;
  while (b.size() - pos >= 8) {
    const size_t size = Le32(b, pos + 4);
    if (size > b.size() - pos - 8) break;
    if (b.substr(pos, 4) == "EXIF") return b.substr(pos + 8, size);
    pos += 8 + size + (size & 1);
    if (pos > b.size()) break;
  }
  return {};
}

// PNG: the "eXIf" chunk, which must come before the image data.
std::string_view FindPngExif(std::string_view b) {
  size_t pos = 8;
  while (b.size() - pos >= 12) {
    const size_t length = Be32(b, pos);
    if (length > b.size() - pos - 12) break;
    const std::string_view type = b.substr(pos + 4, 4);
    if (type == "eXIf") return b.substr(pos + 8, length);
    if (type == "IDAT" || type == "IEND") break;
    pos += 12 + length;
  }
  return {};
}

std::optional<std::string> Text(ExifEntry* entry) {
  if (!entry || entry->format != EXIF_FORMAT_ASCII || !entry->data) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < entry->size && entry->data[i] != 0; ++i) {
    const unsigned char c = entry->data[i];
    out += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '?';
  }
  const size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return std::nullopt;
  out = out.substr(first, out.find_last_not_of(' ') - first + 1);
  if (out.size() > kMaxTextChars) out.resize(kMaxTextChars);
  return out;
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// "YYYY:MM:DD HH:MM:SS" (EXIF 2.32 §4.6.6) to "YYYY-MM-DDTHH:MM:SS"; blank
// or all-zero stamps, which cameras write when the clock is unset, are absent.
std::optional<std::string> DateTime(ExifEntry* entry, ExifEntry* offset_entry) {
  std::optional<std::string> raw = Text(entry);
  if (!raw || raw->size() < 19) return std::nullopt;
  const std::string_view s(*raw);
  if (s[4] != ':' || s[7] != ':' || s[10] != ' ' || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  for (auto [at, n] : {std::pair{0, 4}, {5, 2}, {8, 2}, {11, 2}, {14, 2}, {17, 2}}) {
    if (!AllDigits(s.substr(at, n))) return std::nullopt;
  }
  if (s.substr(0, 10) == "0000:00:00") return std::nullopt;
  std::string out = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(5, 2)) + "-" +
                    std::string(s.substr(8, 2)) + "T" + std::string(s.substr(11, 8));
  // OffsetTimeOriginal (EXIF 2.31): "+HH:MM" or "-HH:MM".
  std::optional<std::string> offset = Text(offset_entry);
  if (offset && offset->size() == 6 && ((*offset)[0] == '+' || (*offset)[0] == '-') &&
      (*offset)[3] == ':' && AllDigits(offset->substr(1, 2)) && AllDigits(offset->substr(4, 2))) {
    out += *offset;
  }
  return out;
}

// Degrees, minutes, seconds as three RATIONALs; 0/0 (written by some devices
// for an unknown part) counts as 0, any other zero denominator is invalid.
std::optional<double> Degrees(ExifEntry* entry, ExifByteOrder order) {
  if (!entry || entry->format != EXIF_FORMAT_RATIONAL || entry->components < 3 || !entry->data ||
      entry->size < 24) {
    return std::nullopt;
  }
  double parts[3];
  for (int i = 0; i < 3; ++i) {
    const ExifRational r = exif_get_rational(entry->data + 8 * i, order);
    if (r.denominator == 0 && r.numerator != 0) return std::nullopt;
    parts[i] = r.denominator == 0 ? 0.0 : static_cast<double>(r.numerator) / r.denominator;
  }
  return parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
}

// The sign a reference letter gives: +1 for `positive`, -1 for `negative`, 0 otherwise.
int Sign(ExifEntry* ref, char positive, char negative) {
  std::optional<std::string> text = Text(ref);
  if (!text || text->empty()) return 0;
  if ((*text)[0] == positive) return 1;
  if ((*text)[0] == negative) return -1;
  return 0;
}

void ReadGps(ExifData* data, ImageMetadata& out) {
  ExifContent* gps = data->ifd[EXIF_IFD_GPS];
  const ExifByteOrder order = exif_data_get_byte_order(data);
  auto entry = [&](int tag) { return exif_content_get_entry(gps, static_cast<ExifTag>(tag)); };
  const std::optional<double> lat = Degrees(entry(EXIF_TAG_GPS_LATITUDE), order);
  const std::optional<double> lon = Degrees(entry(EXIF_TAG_GPS_LONGITUDE), order);
  const int lat_sign = Sign(entry(EXIF_TAG_GPS_LATITUDE_REF), 'N', 'S');
  const int lon_sign = Sign(entry(EXIF_TAG_GPS_LONGITUDE_REF), 'E', 'W');
  if (!lat || !lon || lat_sign == 0 || lon_sign == 0) return;
  if (!std::isfinite(*lat) || !std::isfinite(*lon) || *lat > 90.0 || *lon > 180.0) return;
  out.gps_latitude = lat_sign * *lat;
  out.gps_longitude = lon_sign * *lon;
}

std::optional<int> Orientation(ExifEntry* entry, ExifByteOrder order) {
  if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1 || !entry->data ||
      entry->size < 2) {
    return std::nullopt;
  }
  const int value = exif_get_short(entry->data, order);
  if (value < 1 || value > 8) return std::nullopt;
  return value;
}

}  // namespace

ImageMetadata ParseExifBlock(std::string_view block) {
  if (block.size() > kMaxExifBytes || block.size() < 8) return {};
  std::string buffer;
  if (block.substr(0, kExifPrefix.size()) != kExifPrefix) {
    buffer = std::string(kExifPrefix) + std::string(block);
    block = buffer;
  }
  std::unique_ptr<ExifData, void (*)(ExifData*)> data(exif_data_new(), exif_data_unref);
  if (!data) return {};
  // By default libexif "fixes" what it loads, inventing mandatory tags it
  // finds missing; we report only what the file holds.
  exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(data.get(), reinterpret_cast<const unsigned char*>(block.data()),
                      static_cast<unsigned int>(block.size()));

  ImageMetadata out;
  ExifContent* ifd0 = data->ifd[EXIF_IFD_0];
  ExifContent* exif = data->ifd[EXIF_IFD_EXIF];
  out.camera_make = Text(exif_content_get_entry(ifd0, EXIF_TAG_MAKE));
  out.camera_model = Text(exif_content_get_entry(ifd0, EXIF_TAG_MODEL));
  out.orientation = Orientation(exif_content_get_entry(ifd0, EXIF_TAG_ORIENTATION),
                                exif_data_get_byte_order(data.get()));
  out.date_time_original = DateTime(exif_content_get_entry(exif, EXIF_TAG_DATE_TIME_ORIGINAL),
                                    exif_content_get_entry(exif, EXIF_TAG_OFFSET_TIME_ORIGINAL));
  ReadGps(data.get(), out);
  return out;
}

ImageMetadata ReadExif(std::string_view image_bytes) {
  Result<std::string> mime = SniffImageType(image_bytes);
  if (!mime.ok()) return {};
  std::string_view block;
  if (*mime == "image/jpeg") block = FindJpegExif(image_bytes);
  if (*mime == "image/webp") block = FindWebpExif(image_bytes);
  if (*mime == "image/png") block = FindPngExif(image_bytes);
  if (block.empty()) return {};
  return ParseExifBlock(block);
}

}  // namespace harrier::imageproc
