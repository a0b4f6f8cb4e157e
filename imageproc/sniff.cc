#include "imageproc/sniff.h"

#include <cstdio>

namespace harrier::imageproc {

namespace {

bool StartsWith(std::string_view bytes, std::string_view magic, size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

std::string HexPrefix(std::string_view bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < 8; ++i) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(bytes[i]));
    out += buf;
  }
  return out;
}

}  // namespace

Result<std::string> SniffImageType(std::string_view bytes) {
  using namespace std::literals;
  if (StartsWith(bytes, "\xFF\xD8\xFF"sv)) return std::string("image/jpeg");
  if (StartsWith(bytes, "\x89PNG\r\n\x1A\n"sv)) return std::string("image/png");
  if (StartsWith(bytes, "RIFF"sv) && StartsWith(bytes, "WEBP"sv, 8)) {
    return std::string("image/webp");
  }
  if (StartsWith(bytes, "GIF87a"sv) || StartsWith(bytes, "GIF89a"sv)) {
    return std::string("image/gif");
  }
  return Status::Rejected("unsupported image type (first bytes " + HexPrefix(bytes) + ")");
}

}  // namespace harrier::imageproc
