// Text prepared for the selector extractors, with a map from every byte of
// the prepared text back to the bytes of the source it came from, so that a
// selector found in the prepared text can quote its source exactly.
// Preparation (in this order): HTML markup removed when the input is HTML
// (block elements and <br> become line breaks, inline elements join with no
// space, link targets kept, scripts and styles dropped); HTML character
// references decoded (always: adverts carry "&#64;" in plain text too);
// NFKC (fullwidth forms, circled digits, ligatures); every Unicode decimal
// digit (Nd) as ASCII; keycap emoji digits (0️⃣..9️⃣, 🔟) as digits;
// zero-width, bidi and other format controls (Cf) and variation selectors
// removed; every line break as '\n'.
// Pure functions, safe from any thread; input that is not UTF-8 is read with
// U+FFFD for each bad byte.
#ifndef HARRIER_EXTRACTORS_NORMALIZER_H_
#define HARRIER_EXTRACTORS_NORMALIZER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harrier::extractors {

struct NormalizedText {
  std::string text;  // UTF-8
  // For each byte i of `text`: the source bytes [source_begin[i],
  // source_end[i]) that produced it. Both have text.size() entries and are
  // non-decreasing.
  std::vector<uint32_t> source_begin;
  std::vector<uint32_t> source_end;

  // The source span that produced text[begin, end); (n, n) for an empty
  // span at text offset `begin` (n = the source offset it falls at).
  std::pair<size_t, size_t> SourceSpan(size_t begin, size_t end) const;
};

enum class InputFormat { kText, kHtml };

// Inputs over kMaxNormalizeBytes are cut there (at a character boundary).
inline constexpr size_t kMaxNormalizeBytes = 8u << 20;

NormalizedText NormalizeForExtraction(std::string_view source,
                                      InputFormat format = InputFormat::kText);

// Whether the bytes look like an HTML document or fragment (a tag such as
// <html>, <body>, <p>, <div>, <br>, <a href=...> near the start or a
// doctype), for `harrier extract` when the format is not given.
bool LooksLikeHtml(std::string_view source);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_NORMALIZER_H_
