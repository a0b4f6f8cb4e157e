// UK bank details and IBANs in advert text. A sort code and an 8-digit
// account are only taken when a banking cue ("sort code", "acc", "bank",
// "transfer", "BACS", "pay to" ...) is near, so a phone or order number
// never becomes an account; Vocalink's modulus check is not applied (its
// weight table is not available offline), so an account is format plus cue.
// IBANs are checked with ISO 7064 mod 97-10 and their country's length.
// Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_BANK_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_BANK_EXTRACTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/selector.h"

namespace harrier::extractors {

// Confidence of a sort code and account written together ("12-34-56
// 12345678") next to a cue, and of the two written apart ("sort code
// 12-34-56, account no 12345678"): no modulus check vouches for either.
inline constexpr double kAdjacentBankAccountConfidence = 0.95;
inline constexpr double kSeparateBankAccountConfidence = 0.9;
// A mod-97-valid IBAN from outside the UK, where only the length is known.
inline constexpr double kForeignIbanConfidence = 0.95;

// kBankAccount ("12-34-56 12345678") and kIban ("GB33BUKB20201555555555")
// selectors in `text`, ordered by position. Sort code forms: 12-34-56,
// 12 34 56, 123456; accounts: exactly 8 digits (6- and 7-digit accounts are
// skipped, not zero-padded). The two may come in either order, up to ~80
// bytes and one line apart; raw then spans both. A cue must be within ~80
// bytes on the same or an adjacent line. IBANs: compact or in groups of
// four, any case, for the countries in the built-in length table. A GB IBAN
// also yields the kBankAccount of its sort code and account, with the
// IBAN's span. Snippets are left empty. Linear in the text length.
std::vector<Selector> ExtractBankDetails(std::string_view text);

// "12-34-56 12345678" for a typed sort code then account: 14 digits in all,
// separated by nothing but spaces, '-' or ','; nullopt otherwise.
std::optional<std::string> NormalizeBankAccount(std::string_view input);

// The compact upper-case IBAN when `input`, spaces ignored, is one valid
// IBAN of a known country; nullopt otherwise.
std::optional<std::string> NormalizeIban(std::string_view input);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_BANK_EXTRACTOR_H_
