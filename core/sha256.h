// SHA-256 digests (libsodium) as lower-case hex, the key of every piece of
// evidence: capture bodies, images and the audit chain.
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

}  // namespace harrier

#endif  // HARRIER_CORE_SHA256_H_
