// Selector extraction from advert text: phone numbers (E.164 via
// libphonenumber, default region GB, Ofcom drama ranges accepted), emails and
// UK postcodes. Pure: text in, selectors out; no I/O, no clock.
// Thread-safety: Extract is const and safe to call from many threads.
#ifndef HARRIER_EXTRACTORS_TEXT_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_TEXT_EXTRACTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/selector.h"
#include "extractors/phone_extractor.h"

namespace harrier::extractors {

struct ExtractorOptions {
  std::string default_region = "GB";
  bool accept_drama_ranges = true;
  size_t snippet_context = 60;  // bytes either side, widened to whole characters
};

class TextExtractor {
 public:
  explicit TextExtractor(ExtractorOptions options = {});

  // All selectors in `text`, ordered by position; each (kind, value) may
  // appear several times if written several times.
  std::vector<Selector> Extract(std::string_view text) const;

  // Normalises one value as a user would type it on the command line:
  // "07700 900 123" -> "+447700900123", " Foo@Example.COM " -> "foo@example.com",
  // "b11aa" -> "B1 1AA". nullopt when it is not a valid value of that kind.
  std::optional<std::string> Normalize(SelectorKind kind, std::string_view input) const;

 private:
  ExtractorOptions options_;
  PhoneExtractor phones_;  // immutable; shares its generators when copied
};

// `context` bytes either side of [begin, end), cut at UTF-8 boundaries, with
// whitespace runs collapsed and "…" where it was cut.
std::string MakeSnippet(std::string_view text, size_t begin, size_t end, size_t context);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_TEXT_EXTRACTOR_H_
