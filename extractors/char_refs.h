// HTML character references ("&#64;", "&#x40;", "&commat;") for the
// normalizer, which decodes them in plain text and in HTML alike. Pure
// functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_CHAR_REFS_H_
#define HARRIER_EXTRACTORS_CHAR_REFS_H_

#include <cstddef>
#include <string_view>

namespace harrier::extractors {

// Decodes the character reference starting at text[pos] (which must be '&').
// Returns the number of bytes it takes (0 when there is none, and then
// `*code_point` is untouched). Numeric references may omit the final ';'
// when a character that is not a letter or digit follows, as browsers read
// them; named ones may omit it only for the legacy names (amp, lt, gt, quot,
// nbsp, copy, reg). Code points browsers refuse (0, surrogates, above
// U+10FFFF) come back as U+FFFD; &#128;..&#159; as their Windows-1252
// characters. Reads at most the digits of one reference: linear overall.
size_t DecodeCharRef(std::string_view text, size_t pos, char32_t* code_point);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_CHAR_REFS_H_
