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
  ImageFingerprint f;
  f.sha256 = harrier::Sha256Hex(bytes);
  f.mime = decoded->mime;
  f.width = decoded->width;
  f.height = decoded->height;
  f.dihedral = *dihedral;
  f.pdq = f.dihedral[0];
  f.phash = *phash;
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

std::string RejectionCode(const Status& status) {
  const std::optional<DecodeReason> reason = DecodeReasonOf(status);
  return reason ? std::string(DecodeReasonCode(*reason)) : std::string("analysis_failed");
}

}  // namespace harrier::imageproc
