// `harrier export`: linked findings for an analyst's tool (i2 CSV or ANX,
// FollowTheMoney, CSV) or an intelligence report (HTML, PDF), graded and
// marked by the analyst. An export is a disclosure (DPA 2018 s.62): the
// audit row (format, recipient, grade, objects, the file's SHA-256, the
// justification) is appended after the file is made under a private
// temporary name and before it appears under its own, so an export never
// exists without its log entry.
#ifndef HARRIER_CLI_EXPORT_H_
#define HARRIER_CLI_EXPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/status.h"

namespace harrier::cli {

struct ExportRequest {
  std::string format;                  // i2-csv | anx | ftm | csv | report-html | report-pdf
  std::vector<int64_t> adverts;        // --advert ID
  std::vector<int64_t> clusters;       // --cluster ID: its member adverts
  std::vector<std::string> selectors;  // --selector KIND:VALUE (as typed)
  std::vector<std::string> companies;  // --company NUMBER: its registry network
  int depth = 1;                       // --depth N: officer hops from each company
  std::string grade;                   // --grade 2B
  std::string handling;                // --handling P|C
  std::string conditions;              // mandatory with C
  std::string marking = "OFFICIAL-SENSITIVE";
  std::string handling_instructions;
  std::string recipient;  // who receives it (audited)
  std::string out;        // the file to write (0600); never overwritten
};

// Builds the export, writes it to request.out and audits the disclosure
// ("disclosure.export"). InvalidArgument (nothing written or logged)
// without a reason, a recipient, a valid grade and handling code, the
// conditions of code C, an output file or a selection, or for a selector
// that is not valid for its kind or a negative depth; NotFound for an
// advert, cluster id or company number that does not exist; kRejected when the output file already
// exists. Prints the path and the file's SHA-256 (JSON with ctx.json).
Status CmdExport(CommandContext& ctx, const ExportRequest& request);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_EXPORT_H_
