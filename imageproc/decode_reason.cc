#include "imageproc/decode_reason.h"

#include <string>

namespace harrier::imageproc {

namespace {

constexpr DecodeReason kAllReasons[] = {
    DecodeReason::kTooManyBytes, DecodeReason::kUnsupportedType, DecodeReason::kImageTooLarge,
    DecodeReason::kBadHeader,    DecodeReason::kDecodeFailed,
};

}  // namespace

std::string_view DecodeReasonCode(DecodeReason reason) {
  switch (reason) {
    case DecodeReason::kTooManyBytes:
      return "too_many_bytes";
    case DecodeReason::kUnsupportedType:
      return "unsupported_type";
    case DecodeReason::kImageTooLarge:
      return "image_too_large";
    case DecodeReason::kBadHeader:
      return "bad_header";
    case DecodeReason::kDecodeFailed:
      return "decode_failed";
  }
  return "decode_failed";
}

Status DecodeFailure(DecodeReason reason, std::string_view detail) {
  const bool policy = reason == DecodeReason::kTooManyBytes ||
                      reason == DecodeReason::kUnsupportedType ||
                      reason == DecodeReason::kImageTooLarge;
  std::string message(DecodeReasonCode(reason));
  message += ": ";
  message += detail;
  return Status(policy ? StatusCode::kRejected : StatusCode::kCorrupt, std::move(message));
}

std::optional<DecodeReason> DecodeReasonOf(const Status& status) {
  if (status.ok()) return std::nullopt;
  const std::string_view message = status.message();
  for (DecodeReason reason : kAllReasons) {
    const std::string_view code = DecodeReasonCode(reason);
    if (message.size() > code.size() && message.substr(0, code.size()) == code &&
        message[code.size()] == ':') {
      return reason;
    }
  }
  return std::nullopt;
}

}  // namespace harrier::imageproc
