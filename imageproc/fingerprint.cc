#include "imageproc/fingerprint.h"

#include <nlohmann/json.hpp>

#include "core/sha256.h"

namespace harrier::imageproc {

Result<ImageFingerprint> FingerprintImage(std::string_view bytes, const DecodeLimits& limits,
                                          cv::Mat* pixels) {
  Result<DecodedImage> decoded = DecodeImage(bytes, limits);
  if (!decoded.ok()) return decoded.status();
  Result<PdqDihedralHashes> dihedral = ComputePdqDihedral(decoded->pixels);
  if (!dihedral.ok()) return dihedral.status().WithContext("PDQ");
  Result<PHash> phash = ComputePHash(decoded->pixels);
  if (!phash.ok()) return phash.status().WithContext("pHash");
  Result<SubwindowHashes> windows =
      ComputeSubwindowHashes(decoded->pixels, QuerySubwindowOptions());
  if (!windows.ok()) return windows.status().WithContext("sub-window hashes");
  ImageFingerprint f;
  f.sha256 = harrier::Sha256Hex(bytes);
  f.mime = decoded->mime;
  f.width = decoded->width;
  f.height = decoded->height;
  f.dihedral = *dihedral;
  f.pdq = f.dihedral[0];
  f.phash = *phash;
  f.windows = std::move(*windows);
  f.exif = std::move(decoded->exif);
  if (pixels != nullptr) *pixels = std::move(decoded->pixels);
  return f;
}

std::string ExifJson(const ImageMetadata& exif) {
  nlohmann::json j = nlohmann::json::object();
  if (exif.camera_make) j["camera_make"] = *exif.camera_make;
  if (exif.camera_model) j["camera_model"] = *exif.camera_model;
  if (exif.date_time_original) j["date_time_original"] = *exif.date_time_original;
  if (exif.gps_latitude && exif.gps_longitude) {
    j["gps_latitude"] = *exif.gps_latitude;
    j["gps_longitude"] = *exif.gps_longitude;
  }
  if (exif.orientation) j["orientation"] = *exif.orientation;
  return j.empty() ? std::string()
                   : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ToHexText(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(2 * bytes.size(), '0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    hex[2 * i] = kDigits[bytes[i] >> 4];
    hex[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return hex;
}

Result<std::vector<uint8_t>> FromHexText(std::string_view hex) {
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return Status::InvalidArgument("hex text of odd length");
  std::vector<uint8_t> bytes(hex.size() / 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Status::InvalidArgument("not hex text");
    bytes[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return bytes;
}

std::string RejectionCode(const Status& status) {
  const std::optional<DecodeReason> reason = DecodeReasonOf(status);
  return reason ? std::string(DecodeReasonCode(*reason)) : std::string("analysis_failed");
}

}  // namespace harrier::imageproc
