// `harrier import companies-house FILE` and `harrier import psc-snapshot
// FILE`: Companies House's bulk products streamed into the registry tables
// in constant memory (registry_import/ reads, the store upserts in batches of
// one transaction each). A malformed row is reported with its line and
// skipped; the import goes on. Each import is audited (collection.import:
// file name, SHA-256, rows, errors).
#ifndef HARRIER_CLI_IMPORT_H_
#define HARRIER_CLI_IMPORT_H_

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/status.h"
#include "registry_import/psc_snapshot.h"
#include "store/store.h"

namespace harrier::cli {

struct ImportOptions {
  std::string kind;  // "companies-house" | "psc-snapshot"
  std::string file;
  int batch_rows = 5000;         // rows upserted per transaction
  bool progress = false;         // a progress line on `err` (main: when stderr is a terminal)
  int max_reported_errors = 50;  // malformed rows reported one by one, the rest counted
};

struct ImportSummary {
  std::string kind;
  std::string sha256;  // of every byte read
  int64_t bytes = 0;
  int64_t rows = 0;      // data rows or lines read (not the header or the trailer)
  int64_t imported = 0;  // companies or PSCs upserted
  int64_t new_records = 0;
  int64_t changed = 0;  // upserts that made a new version or recorded a change
  int64_t errors = 0;   // malformed rows skipped
  int64_t statements = 0, exemptions = 0, other = 0;  // PSC snapshot lines not stored
  bool totals_seen = false;                           // the PSC snapshot's trailer
  bool totals_match = false;                          // its counts equal what was read
  registry_import::PscSnapshotTotals totals;
  double seconds = 0;
};

// Read `in` (`size` bytes, 0 if unknown, for the progress bar) and upsert
// every row with `now_ms` as the time seen. Fails only when the store does
// or the input is not the expected product (no BasicCompanyData header);
// rows already committed stay.
Result<ImportSummary> ImportCompaniesHouse(store::Store& store, std::istream& in, int64_t size,
                                           const Clock& clock, const ImportOptions& options,
                                           std::ostream& err);
Result<ImportSummary> ImportPscSnapshot(store::Store& store, std::istream& in, int64_t size,
                                        const Clock& clock, const ImportOptions& options,
                                        std::ostream& err);

// The summary as one line: "imported 3 companies (3 new, 0 changed) from 7
// rows, 3 errors, 12.3 KB in 0.1 s: 70 rows/s".
std::string ImportSummaryLine(const ImportSummary& s);

// Opens options.file, imports it, prints the summary (JSON with --json) and
// appends the collection.import audit row, also when the import failed.
Status CmdImport(CommandContext& ctx, const ImportOptions& options, std::ostream& err);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_IMPORT_H_
