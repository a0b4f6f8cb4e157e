// Reads a stream in fixed-size chunks for the bulk importers, counting the
// bytes and hashing them on the way, so a multi-gigabyte file is read once,
// in constant memory, and its SHA-256 is known at the end for the audit log.
#ifndef HARRIER_REGISTRY_IMPORT_CHUNK_SOURCE_H_
#define HARRIER_REGISTRY_IMPORT_CHUNK_SOURCE_H_

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/sha256.h"

namespace harrier::registry_import {

class ChunkSource {
 public:
  explicit ChunkSource(std::istream& in, size_t chunk_bytes = 1 << 20)
      : in_(in), buffer_(chunk_bytes) {}

  // The next chunk; empty at the end of the stream (or on a read error:
  // check failed()).
  std::string_view Next() {
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    const auto n = static_cast<size_t>(in_.gcount());
    bytes_ += static_cast<int64_t>(n);
    std::string_view chunk(buffer_.data(), n);
    digest_.Update(chunk);
    return chunk;
  }
  int64_t bytes() const { return bytes_; }
  bool failed() const { return in_.bad(); }
  // The digest of every byte read; call once, at the end.
  std::string Sha256Hex() { return digest_.HexDigest(); }

 private:
  std::istream& in_;
  std::vector<char> buffer_;
  int64_t bytes_ = 0;
  Sha256 digest_;
};

}  // namespace harrier::registry_import

#endif  // HARRIER_REGISTRY_IMPORT_CHUNK_SOURCE_H_
