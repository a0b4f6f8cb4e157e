// A selector is a normalised value that links findings together: a phone
// number in E.164, a lower-case email, a formatted UK postcode, a place from
// the gazetteer, a checksummed wallet, a social handle, UK bank details.
// Extractors produce them; the store keys them on (kind, value).
#ifndef HARRIER_CORE_SELECTOR_H_
#define HARRIER_CORE_SELECTOR_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace harrier {

// Value formats (the store's unique key together with the kind):
//   kPhone        E.164                      +447700900123
//   kEmail        lower-case                 anna@example.com
//   kPostcode     UK format "AA9A 9AA"       LS1 4AP
//   kPlace        "Name, Area, CC"           Newport, Isle of Wight, GB
//                 (Name never holds ", "; Area is the gazetteer's county or
//                 unitary authority, else its country part)
//   kWallet       "chain:address"            btc:bc1q..., eth:0xabc... (lower-case),
//                                            trx:T..., btc:1... / 3... as written
//   kHandle       "platform:handle"          snapchat:jess_99 (lower-case, no '@');
//                 platforms: snapchat instagram telegram tiktok whatsapp
//                 onlyfans x facebook
//   kBankAccount  "NN-NN-NN NNNNNNNN"        sort code and account
//   kIban         compact upper-case         GB33BUKB20201555555555
enum class SelectorKind {
  kPhone,
  kEmail,
  kPostcode,
  kPlace,
  kWallet,
  kHandle,
  kBankAccount,
  kIban,
  // A person's name from a registry record (officer, PSC), normalised by
  // NormalizePersonName: links the same person across companies and roles.
  kPersonName,
};

inline constexpr SelectorKind kAllSelectorKinds[] = {
    SelectorKind::kPhone,       SelectorKind::kEmail,  SelectorKind::kPostcode,
    SelectorKind::kPlace,       SelectorKind::kWallet, SelectorKind::kHandle,
    SelectorKind::kBankAccount, SelectorKind::kIban,   SelectorKind::kPersonName,
};

// "phone", "email", "postcode", "place", "wallet", "handle", "bank_account",
// "iban", "person_name".
std::string_view SelectorKindName(SelectorKind kind);
std::optional<SelectorKind> ParseSelectorKind(std::string_view name);

// A person's name as the person_name selector's value: the register's
// "SURNAME, Forenames" turned round, titles (Mr, Mrs, Ms, Miss, Mx, Dr,
// Sir, Dame, Lord, Lady, Prof, Rev) dropped, ASCII letters lower-cased,
// punctuation other than hyphens and apostrophes inside a name dropped,
// spaces squeezed: "ASHWORTH, Dorian James" and "Mr Dorian James Ashworth"
// are both "dorian james ashworth". nullopt when nothing is left.
std::optional<std::string> NormalizePersonName(std::string_view name);

struct Selector {
  SelectorKind kind = SelectorKind::kPhone;
  std::string value;  // normalised, see the table above
  std::string raw;    // the text as written in the source
  size_t begin = 0;   // byte offsets of `raw` in the text it came from
  size_t end = 0;
  std::string snippet;  // up to ~60 bytes either side, whole UTF-8 characters
  double confidence = 1.0;
  // Human-readable context that is not part of the identity: a phone's area
  // from libphonenumber's geocoder ("Leeds"), a place's county and lat/lon,
  // a wallet's address type ("bech32 P2WPKH"). May be empty.
  std::string detail;
};

}  // namespace harrier

#endif  // HARRIER_CORE_SELECTOR_H_
