// UK postcodes in advert text, validated against the Royal Mail format
// (A9 9AA ... AA9A 9AA, GIR 0AA) and its letter restrictions, matched in any
// case with or without the space, normalised to upper case with one space.
// Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_POSTCODE_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_POSTCODE_EXTRACTOR_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/selector.h"

namespace harrier::extractors {

// Postcodes in `text` ordered by position; only whole tokens ("XB1 1AA" and
// "B1 1AAX" are not postcodes). Snippets are left empty.
std::vector<Selector> ExtractPostcodes(std::string_view text);

// "B1 1AA" for "b11aa", " b1  1aa ": whitespace anywhere is ignored; nullopt
// when what is left is not a valid postcode.
std::optional<std::string> NormalizePostcode(std::string_view input);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_POSTCODE_EXTRACTOR_H_
