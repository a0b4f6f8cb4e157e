// Evidence bundles: everything needed to prove where one advert came from,
// as one directory to attach to a continuity statement. The WARC records of
// the advert's captures and of its images (byte for byte as in the WARC
// files), a manifest (capture times in UTC, egress, digests, where each
// record came from), SHA256SUMS over every file, and a README saying how to
// check them. A bundle is a disclosure (DPA 2018 s.62): the command writes
// the audit row after the bundle is built and before it appears under its
// name, so a bundle never exists without its log entry.
#ifndef HARRIER_CLI_EVIDENCE_H_
#define HARRIER_CLI_EVIDENCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace harrier::cli {

struct BundleOptions {
  std::string warc_dir;   // WarcWriter's directory: capture spans name files in it
  std::string data_dir;   // capture blob paths are relative to it
  std::string out_dir;    // the bundle directory is made inside (created 0700 if missing)
  std::string user;       // generated_by
  std::string reason;     // the justification (operation/URN and text)
  std::string recipient;  // who receives the bundle; may be empty
  WallTime now;           // generated_at; also names the bundle (to the second)
};

struct BundleFile {
  std::string name;  // relative to the bundle directory: "records.warc.gz", "bodies/<sha256>"
  std::string sha256;
  int64_t size = 0;
};

// A bundle written under a private temporary name inside out_dir.
struct StagedBundle {
  std::string staging_path;
  std::string final_path;         // out_dir/advert-<id>-<UTC stamp>
  std::vector<BundleFile> files;  // every file, SHA256SUMS last
};

// Builds the bundle for `evidence` in a staging directory (0700, files
// 0600). Every WARC span is read (O_NOFOLLOW, within its file) and checked to
// be whole gzip members of WARC/1.1 records holding the capture's record ID;
// a capture made before WARC existed has its stored body copied (checked
// against its SHA-256) as bodies/<sha256>. kRejected when the final
// directory already exists (never overwritten); kCorrupt when a span or body
// does not hold what the store says; kIoError naming the file otherwise.
// On error nothing is left behind.
Result<StagedBundle> StageEvidenceBundle(const store::EvidenceSet& evidence,
                                         const BundleOptions& options);

// Moves the staged bundle to its final name; kRejected (and the staging
// directory stays for DiscardEvidenceBundle) if that name exists by now.
Status PublishEvidenceBundle(const StagedBundle& bundle);

// Removes a staged bundle that will not be published.
void DiscardEvidenceBundle(const StagedBundle& bundle);

struct EvidenceCommandOptions {
  std::string out_dir;
  std::string warc_dir;  // <data_dir>/warc
  std::string data_dir;
  std::string recipient;  // optional: who the bundle is for (s.62 disclosure log)
};

// `harrier evidence ID --out DIR`: stages the bundle, appends the audit row
// (action "disclosure.evidence_bundle", object "document:ID", detail with
// the path, reason, recipient and every file's SHA-256), then publishes it
// and prints its path. InvalidArgument without a reason; NotFound for no
// such advert. If the audit row cannot be written nothing is published.
Status CmdEvidence(CommandContext& ctx, int64_t id, const EvidenceCommandOptions& options);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_EVIDENCE_H_
