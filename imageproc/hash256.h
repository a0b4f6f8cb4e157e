// A 256-bit hash (PDQ's size) as four 64-bit words, with Hamming distance and
// the 64-character hex form used to store and exchange it.
#ifndef HARRIER_IMAGEPROC_HASH256_H_
#define HARRIER_IMAGEPROC_HASH256_H_

#include <array>
#include <bit>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::imageproc {

struct Hash256 {
  // words[0] holds the first 16 hex characters, most significant nibble first;
  // words[3] the last 16.
  std::array<uint64_t, 4> words{};

  // 64 lower-case hex characters.
  std::string ToHex() const;

  // Exactly 64 hex characters, either case; kInvalidArgument otherwise.
  static Result<Hash256> FromHex(std::string_view hex);

  // 32 bytes in the hex order (words[0] first, big-endian): the form for a
  // BLOB column. FromBytes: kInvalidArgument unless exactly 32 bytes.
  std::string ToBytes() const;
  static Result<Hash256> FromBytes(std::string_view bytes);

  friend bool operator==(const Hash256&, const Hash256&) = default;
  friend auto operator<=>(const Hash256&, const Hash256&) = default;
};

// Number of differing bits, 0..256.
inline int HammingDistance(const Hash256& a, const Hash256& b) {
  return std::popcount(a.words[0] ^ b.words[0]) + std::popcount(a.words[1] ^ b.words[1]) +
         std::popcount(a.words[2] ^ b.words[2]) + std::popcount(a.words[3] ^ b.words[3]);
}

}  // namespace harrier::imageproc

#endif  // HARRIER_IMAGEPROC_HASH256_H_
