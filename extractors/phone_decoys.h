// Context that says a run of digits is not a phone number whatever its
// digits are: a digit or mask character touching it ("07xxx xxx 928"), a
// currency sign before it, a date at its start, a label such as "booking
// ref" or "invoice no." before it, a "/24" reference suffix after it, or a
// glued alphanumeric code (IBANs, hex ids). Pure functions, safe from any
// thread.
#ifndef HARRIER_EXTRACTORS_PHONE_DECOYS_H_
#define HARRIER_EXTRACTORS_PHONE_DECOYS_H_

#include <cstddef>
#include <string_view>

namespace harrier::extractors {

// Whether text[begin, end), a candidate phone span, is a decoy in `text`.
// Looks at most ~48 bytes either side.
bool IsPhoneDecoy(std::string_view text, size_t begin, size_t end);

// Whether the words just before byte `begin` label what follows as a
// reference, booking, order, account ... number ("crime ref:", "order no.").
bool HasReferenceLabelBefore(std::string_view text, size_t begin);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_DECOYS_H_
