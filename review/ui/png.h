// Images for display are decoded with the collection limits and encoded
// afresh as PNG: no stored byte (EXIF, trailing data, a polyglot) reaches
// the analyst's browser. Thread-safe.
#ifndef HARRIER_REVIEW_UI_PNG_H_
#define HARRIER_REVIEW_UI_PNG_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "imageproc/decode.h"

namespace harrier::review::ui {

// The decoded pixels of `bytes` as a PNG file. The decoder's refusals
// (imageproc/decode.h) come back as they are; Internal when encoding fails.
Result<std::string> ReencodeAsPng(std::string_view bytes, const imageproc::DecodeLimits& limits);

}  // namespace harrier::review::ui

#endif  // HARRIER_REVIEW_UI_PNG_H_
