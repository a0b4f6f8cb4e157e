// SHA-256 digests (libsodium) as lower-case hex, the key of every piece of
// evidence: capture bodies, images, WARC records and the audit chain.
#ifndef HARRIER_CORE_SHA256_H_
#define HARRIER_CORE_SHA256_H_

#include <string>
#include <string_view>

namespace harrier {

// 64 lower-case hex characters.
std::string Sha256Hex(std::string_view data);

// True for exactly 64 lower-case hex characters: the only form a stored file
// name may take.
bool IsSha256Hex(std::string_view s);

// A digest over data that arrives in pieces (a WARC block is a head and a
// payload held apart; a file is read in chunks), so nothing is concatenated
// just to be hashed. Not thread-safe; copyable.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest of everything given so far, as Sha256Hex would give it. The
  // object is spent afterwards: construct a new one for the next digest.
  std::string HexDigest();

 private:
  // Holds libsodium's crypto_hash_sha256_state (104 bytes) without putting
  // sodium.h in this header; sha256.cc checks the size and alignment.
  alignas(8) unsigned char state_[128];
};

}  // namespace harrier

#endif  // HARRIER_CORE_SHA256_H_
