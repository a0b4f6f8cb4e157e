// Image type sniffing by magic bytes: the only formats any decoder will ever
// see are JPEG, PNG, WebP and GIF; everything else is refused before decoding.
#ifndef HARRIER_IMAGEPROC_SNIFF_H_
#define HARRIER_IMAGEPROC_SNIFF_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::imageproc {

// "image/jpeg", "image/png", "image/webp", "image/gif"; kRejected otherwise
// ("unsupported image type" with the first bytes in hex).
Result<std::string> SniffImageType(std::string_view bytes);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_SNIFF_H_
