// Companies House's PSC snapshot (JSON Lines, one {"company_number",
// "data"} object a line, a totals trailer last) read line by line in
// constant memory. Each PSC's "data" is the API item shape, read by
// ParsePscItem (registry_import/ch_values.h), which the API client uses too.
#ifndef HARRIER_REGISTRY_IMPORT_PSC_SNAPSHOT_H_
#define HARRIER_REGISTRY_IMPORT_PSC_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/registry_records.h"
#include "core/status.h"
#include "registry_import/ch_values.h"
#include "registry_import/chunk_source.h"

namespace harrier::registry_import {

// Lines of a stream, without their line ends, read in chunks. A line over
// max_line_bytes is Corrupt (with its number) and skipped.
class LineReader {
 public:
  explicit LineReader(ChunkSource& source, size_t max_line_bytes = 1 << 20)
      : source_(source), max_line_bytes_(max_line_bytes) {}
  // False at the end of input.
  Result<bool> Next(std::string* line);
  int64_t line_number() const { return line_number_; }  // of the line last returned

 private:
  ChunkSource& source_;
  size_t max_line_bytes_;
  std::string_view chunk_;
  size_t pos_ = 0;
  int64_t line_number_ = 0;
  bool eof_ = false;
};

// The trailer's counts.
struct PscSnapshotTotals {
  int64_t pscs = 0;
  int64_t statements = 0;
  int64_t exemptions = 0;
  std::string generated_at;
};

struct PscSnapshotLine {
  enum class Kind { kPsc, kStatement, kExemptions, kTotals, kOther };
  Kind kind = Kind::kOther;
  std::string data_kind;     // data.kind as given
  registry::Psc psc;         // kPsc
  PscSnapshotTotals totals;  // kTotals
};

// One snapshot line. InvalidArgument for malformed JSON, a line that is not
// an object with a data object, or a PSC line without a company number.
Result<PscSnapshotLine> ParsePscSnapshotLine(std::string_view line);

}  // namespace harrier::registry_import

#endif  // HARRIER_REGISTRY_IMPORT_PSC_SNAPSHOT_H_
