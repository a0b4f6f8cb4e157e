// Content-coding decoders (RFC 9110 §8.4) for bytes from hostile servers:
// gzip/x-gzip, deflate (zlib-wrapped or raw, as servers send both), br, and
// identity, also chained ("gzip, br" is decoded right to left). Output is
// capped: a decompression bomb stops at the cap with kRejected, never
// allocates past it. The fetcher decodes bodies with this so it can keep the
// raw bytes as evidence; sitemaps use it for .xml.gz files.
// Thread-safety: a decoder belongs to one transfer; the free function is pure.
#ifndef HARRIER_SCRAPERS_CONTENT_DECODER_H_
#define HARRIER_SCRAPERS_CONTENT_DECODER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::scrapers {

class ContentDecoder {
 public:
  // `content_encoding` is the header value as received; empty or "identity"
  // passes bytes through. An unknown coding is kInvalidArgument (the caller
  // keeps the raw bytes as evidence and does not parse them).
  static Result<std::unique_ptr<ContentDecoder>> Create(std::string_view content_encoding);
  virtual ~ContentDecoder() = default;

  // Decodes `in` and appends to *out. kRejected once *out would grow past
  // `max_out` bytes (what fits is appended); kInvalidArgument on corrupt data.
  virtual Status Feed(std::string_view in, int64_t max_out, std::string* out) = 0;
  // After the last Feed: kInvalidArgument when the stream ended early.
  virtual Status Finish() = 0;
};

// Decodes a whole buffer. `coding` as for Create; "auto" sniffs the gzip
// magic (1f 8b) and otherwise passes the bytes through.
Result<std::string> DecodeAll(std::string_view coding, std::string_view in, int64_t max_out);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_CONTENT_DECODER_H_
