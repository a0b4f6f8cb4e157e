// Towns, cities and well-known districts named in advert text, matched
// against a Gazetteer: whole words, case-sensitive on the written form (also
// Title Case and ALL CAPS), multi-word names ("Stoke-on-Trent", "St. Albans"),
// longest match first. Names that are also common words or given names
// (Reading, Bath, Chester) count only with a location cue ("in Reading",
// "Reading RG1", "Rugby & Coventry", "Sale, near Manchester"); a name held by
// several places (Newport) is resolved by a county, a postcode or another
// place in the same text. A town name before a product or club word is not
// a place ("Chelsea boots", "Eccles cake", "Manchester United", "Leicester
// City FC"). Lower-case names ("hello from belfast") count only when they
// are not words, have five letters or more, and have a cue before them, a
// postcode on their line or a line to themselves. Short names ("Hull") and
// the names of the largest cities in other languages and scripts ("Лондон",
// "伦敦", "Londra"; detail "exonym") give the gazetteer's own name.
// Immutable after construction; Extract is safe from any thread.
#ifndef HARRIER_EXTRACTORS_PLACE_EXTRACTOR_H_
#define HARRIER_EXTRACTORS_PLACE_EXTRACTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/selector.h"
#include "extractors/gazetteer.h"

namespace harrier::extractors {

class PlaceIndex;  // extractors/place_index.h

struct PlaceExtractorOptions {
  // More names (as the gazetteer spells them) that need a location cue, on
  // top of the built-in list generated from the gazetteer and a word list.
  std::vector<std::string> extra_common_names;
  // Add the built-in districts (Headingley, Moss Side, Mayfair ...) and short
  // names (Stoke, Hull) whose parent place is in the gazetteer.
  bool builtin_districts = true;
};

class PlaceExtractor {
 public:
  explicit PlaceExtractor(std::shared_ptr<const Gazetteer> gazetteer,
                          PlaceExtractorOptions options = {});

  // kPlace selectors ordered by position: value "Name, Area, CC" (Area: the
  // admin2 name, else admin1; a district takes its parent city's), detail
  // "Name, Area, Country (lat, lon)" plus, for a name held by several
  // places, how it was settled ("; ambiguous: 2 places"). Confidence 0.9
  // for a plain match, 0.85 for a name in kana/CJK/hangul, 0.8 for a
  // common-word name with its cue, 0.7 for a lower-case name or a short name
  // chosen over another place of that name, down to 0.4 for an unresolved
  // ambiguity. Snippets are left empty. Linear in the
  // text, at most 10,000 places per call; never throws.
  std::vector<Selector> Extract(std::string_view text) const;

  // Names and spellings indexed (for tests and diagnostics).
  size_t indexed_keys() const;

 private:
  std::shared_ptr<const PlaceIndex> index_;
};

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PLACE_EXTRACTOR_H_
