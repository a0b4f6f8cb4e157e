// `harrier extract`: runs the selector extractors over text or HTML that a
// person or another tool supplies, with no database. Plain mode prints each
// selector with its snippet and the indicator rules that fired; --jsonl reads
// one {"id", "text", "format"} object per line and writes one object per line
// with the same id and a list per selector kind, so anyone can score Harrier
// on their own labelled data.
#ifndef HARRIER_CLI_EXTRACT_H_
#define HARRIER_CLI_EXTRACT_H_

#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "extractors/text_extractor.h"

namespace harrier::cli {

struct ExtractRequest {
  std::vector<std::string> files;  // none: read standard input
  std::string format = "auto";     // auto | text | html
  bool jsonl = false;              // JSON lines in, JSON lines out
  bool json = false;               // plain input, one JSON document out
};

// Documents and JSONL lines larger than this are refused with a message.
inline constexpr size_t kMaxExtractInputBytes = 64u << 20;

// Reads the files (or `in`), writes results to `out` and problems with the
// input (an unreadable file, a bad JSON line: named by file and line) to
// `err`, carrying on past them. InvalidArgument when any input was refused,
// after everything else was processed; InvalidArgument at once for an unknown
// format.
Status CmdExtract(const extractors::TextExtractor& extractor, const ExtractRequest& request,
                  std::istream& in, std::ostream& out, std::ostream& err);

// {"phones": [...], "emails": [...], "postcodes", "places", "wallets",
//  "handles": [{"platform", "handle"}], "sort_codes", "accounts", "ibans",
//  "indicators": [...], "score", "band", "selectors": [full records]}:
// each list de-duplicated in the order first found.
nlohmann::json ExtractionToJson(const extractors::Extraction& extraction);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_EXTRACT_H_
