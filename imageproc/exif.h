// EXIF facts worth keeping about an advert image (camera, capture time, GPS,
// orientation), read with libexif from the bytes of a JPEG (APP1), WebP
// (EXIF chunk) or PNG (eXIf chunk). GPS is a privacy hazard: whoever shows it
// logs the access. Hostile input is parsed from memory only. Thread-safe.
#ifndef HARRIER_IMAGEPROC_EXIF_H_
#define HARRIER_IMAGEPROC_EXIF_H_

#include <optional>
#include <string>
#include <string_view>

namespace harrier::imageproc {

// Every field is optional: absent when the tag is missing or malformed.
struct ImageMetadata {
  // IFD0 Make and Model: printable ASCII (other bytes become '?'), trimmed,
  // at most 128 characters.
  std::optional<std::string> camera_make;
  std::optional<std::string> camera_model;
  // DateTimeOriginal as ISO 8601, "2021-06-15T14:30:05", in the camera's
  // local time, followed by OffsetTimeOriginal ("+01:00") when recorded.
  std::optional<std::string> date_time_original;
  // Decimal degrees, north and east positive. Both or neither: set only
  // when latitude, longitude and both reference letters (N/S, E/W) are valid.
  std::optional<double> gps_latitude;
  std::optional<double> gps_longitude;
  // EXIF Orientation 1..8 (1: stored upright). Decoding never rotates pixels.
  std::optional<int> orientation;

  bool empty() const {
    return !camera_make && !camera_model && !date_time_original && !gps_latitude &&
           !gps_longitude && !orientation;
  }
};

// Finds the EXIF block in a JPEG, WebP or PNG and reads it. Never fails: no
// EXIF, another format, or unreadable data give an empty ImageMetadata.
ImageMetadata ReadExif(std::string_view image_bytes);

// Reads one EXIF block: "Exif\0\0" followed by a TIFF structure, or the bare
// TIFF structure (as WebP and PNG store it). Blocks over 1 MiB are ignored.
ImageMetadata ParseExifBlock(std::string_view block);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_EXIF_H_
