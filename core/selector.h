// A selector is a normalised value that links findings together: a phone
// number in E.164, a lower-case email, a formatted UK postcode. Extractors
// produce them; the store keys them on (kind, value).
#ifndef HARRIER_CORE_SELECTOR_H_
#define HARRIER_CORE_SELECTOR_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace harrier {

enum class SelectorKind { kPhone, kEmail, kPostcode };

// "phone", "email", "postcode".
std::string_view SelectorKindName(SelectorKind kind);
std::optional<SelectorKind> ParseSelectorKind(std::string_view name);

struct Selector {
  SelectorKind kind = SelectorKind::kPhone;
  std::string value;  // normalised: +447700900123, a@b.com, B1 1AA
  std::string raw;    // the text as written in the source
  size_t begin = 0;   // byte offsets of `raw` in the text it came from
  size_t end = 0;
  std::string snippet;  // up to ~60 bytes either side, whole UTF-8 characters
  double confidence = 1.0;
};

}  // namespace harrier

#endif  // HARRIER_CORE_SELECTOR_H_
