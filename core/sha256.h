// SHA-256 digests as lower-case hex, the key of every piece of evidence:
// capture bodies, images, WARC records and the audit chain. OpenSSL's
// libcrypto does the hashing: it uses the CPU's SHA extensions, about six
// times faster than libsodium's portable code, and every fetched byte is
// hashed at least twice (WARC block and payload digests).
#ifndef HARRIER_CORE_SHA256_H_
#define HARRIER_CORE_SHA256_H_

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace harrier {

// 64 lower-case hex characters.
std::string Sha256Hex(std::string_view data);

// True for exactly 64 lower-case hex characters: the only form a stored file
// name may take.
bool IsSha256Hex(std::string_view s);

// A digest over data that arrives in pieces (a WARC block is a head and a
// payload held apart; a file is read in chunks), so nothing is concatenated
// just to be hashed. Not thread-safe; movable.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  void Update(std::string_view data);
  // The digest of everything given so far, as Sha256Hex would give it. The
  // object is spent afterwards: construct a new one for the next digest.
  std::string HexDigest();

 private:
  struct Free {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, Free> ctx_;
};

}  // namespace harrier

#endif  // HARRIER_CORE_SHA256_H_
