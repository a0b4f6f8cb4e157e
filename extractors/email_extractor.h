// Email addresses in advert text: plain local@domain.tld and the common
// obfuscations "name (at) domain (dot) com", "name [at] domain [dot] com",
// "name AT domain DOT com". Values are lower-case. Pure functions; safe from
// any thread.
#ifndef HARRIER_EXTRACTORS_EMAIL_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_EMAIL_EXTRACTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/selector.h"

namespace harrier::extractors {

// Confidence of an address written with "(at)"/"(dot)"-style words.
inline constexpr double kObfuscatedEmailConfidence = 0.9;

// Addresses in `text` ordered by position. The top-level domain must be 2+
// ASCII letters and not a file extension ("logo@2x.png" is an image name).
// Snippets are left empty.
std::vector<Selector> ExtractEmails(std::string_view text);

// The lower-case address when `input` (surrounding whitespace ignored) is
// exactly one address, plain or obfuscated; nullopt otherwise.
std::optional<std::string> NormalizeEmail(std::string_view input);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_EMAIL_EXTRACTOR_H_
