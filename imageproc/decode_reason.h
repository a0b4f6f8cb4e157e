// Why an image was refused: stable short codes the daemon stores with each
// rejection ("image_too_large"), carried in a Status built by DecodeFailure.
#ifndef HARRIER_IMAGEPROC_DECODE_REASON_H_
#define HARRIER_IMAGEPROC_DECODE_REASON_H_

#include <optional>
#include <string_view>

#include "core/status.h"

namespace harrier::imageproc {

enum class DecodeReason {
  kTooManyBytes,     // "too_many_bytes": over DecodeLimits::max_bytes
  kUnsupportedType,  // "unsupported_type": magic bytes not JPEG, PNG, WebP or GIF
  kImageTooLarge,    // "image_too_large": header dimensions over the pixel or side limit
  kBadHeader,        // "bad_header": dimensions unreadable (truncated, lying lengths, ...)
  kDecodeFailed,     // "decode_failed": the decoder refused or failed on the data
};

// The stable code, e.g. "image_too_large".
std::string_view DecodeReasonCode(DecodeReason reason);

// The Status every decode-path function returns on failure: code kRejected
// for the policy refusals (too_many_bytes, unsupported_type, image_too_large),
// kCorrupt for bad_header and decode_failed; message "<code>: <detail>".
Status DecodeFailure(DecodeReason reason, std::string_view detail);

// The reason a Status built by DecodeFailure carries (read from its message
// prefix, whose format is part of this contract); nullopt for OK or for any
// other Status.
std::optional<DecodeReason> DecodeReasonOf(const Status& status);

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_DECODE_REASON_H_
