// Email addresses in advert text: plain local@domain.tld and the common
// obfuscations "name (at) domain (dot) com", "name [at] domain [dot] com",
// "name AT domain DOT com", prose "name at domain dot com" and spaced
// "name @ domain . com" (these two only when the TLD is a known one and the
// words around "at" are not prose: "meet at hotel dot com" and "see my pics
// at example.com" are not addresses, "Email: jo at example.com" is), and
// "name@gmail" / "name at hotmail" with the free-mail provider's domain
// completed. Values are lower-case. Pure functions; safe from any thread.
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
// ... with "at"/"dot" as ordinary words, or "@"/"." between spaces.
inline constexpr double kProseEmailConfidence = 0.8;
// ... with a free-mail provider named without its TLD ("jo@gmail").
inline constexpr double kCompletedEmailConfidence = 0.7;

// Addresses in `text` ordered by position. The local part is at most 64
// bytes; the top-level domain must be 2+ ASCII letters and not a file
// extension ("logo@2x.png" is an image name, "pkg@1.2.3" a version). A
// completed provider domain has detail "provider domain completed".
// Snippets are left empty.
std::vector<Selector> ExtractEmails(std::string_view text);

// The lower-case address when `input` (surrounding whitespace ignored) is
// exactly one address, plain or obfuscated; nullopt otherwise.
std::optional<std::string> NormalizeEmail(std::string_view input);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_EMAIL_EXTRACTOR_H_
