// The data the extractors are built from, read into memory by config/ from
// the files named in [extract] of harrier.toml (extractors/ does no I/O): the
// gazetteer's bytes and the indicator rules.
#ifndef HARRIER_CORE_EXTRACT_DATA_H_
#define HARRIER_CORE_EXTRACT_DATA_H_

#include <optional>
#include <string>

#include "core/indicator_rule.h"

namespace harrier {

enum class GazetteerFormat { kNone, kCitiesJson, kGeoNames };

struct ExtractData {
  std::string default_region = "GB";
  bool accept_drama_ranges = true;
  GazetteerFormat gazetteer_format = GazetteerFormat::kNone;
  std::string gazetteer_path;  // for messages
  std::string gazetteer_country = "GB";
  // kCitiesJson: the npm package's three files; kGeoNames: `geonames`.
  std::string cities, admin1, admin2;
  std::string geonames;
  std::optional<IndicatorRuleSet> indicators;  // none: texts are not scored
};

}  // namespace harrier

#endif  // HARRIER_CORE_EXTRACT_DATA_H_
