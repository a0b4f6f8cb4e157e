// The `harrier` review commands: watched selectors, clusters of linked
// adverts, where a selector moved, decisions on near-duplicate image pairs,
// and checking the audit chain. Every consultation is audited with the
// stated reason before anything is shown; every decision is audited.
#ifndef HARRIER_CLI_REVIEW_H_
#define HARRIER_CLI_REVIEW_H_

#include <cstdint>
#include <string>

#include "cli/commands.h"
#include "core/status.h"

namespace harrier::cli {

// True when `name` is a kind `watchlist add` takes as a selector (phone,
// email, postcode, wallet, handle, bank_account, iban), so the photo form
// (`watchlist add --operation OP --reason WHY FILES...`) keeps working.
bool IsWatchableKind(const std::string& name);

struct WatchSelectorRequest {
  std::string kind;
  std::string value;  // as a person would type it
  std::string operation;
  std::string reason;  // why the selector is watched
};

// Normalises the value as the daemon does, adds it (audited: who, operation,
// reason) and raises alerts for adverts already stored that mention it.
// InvalidArgument for an unknown kind or a value not valid for it.
Status CmdWatchlistAddSelector(CommandContext& ctx, const WatchSelectorRequest& request);
// Watched photos and watched selectors (JSON: {"photos": [...], "selectors": [...]}).
Status CmdWatchlistListAll(CommandContext& ctx);

// Clusters of at least min_size adverts, largest first.
Status CmdClusters(CommandContext& ctx, int min_size);
// One cluster (a merged id resolves to the cluster that took it): adverts,
// shared selectors, images, pairs and the graph's edges.
Status CmdShowCluster(CommandContext& ctx, int64_t id);
// Recomputes every cluster from scratch.
Status CmdClustersRebuild(CommandContext& ctx);
// Where a selector was seen, in time order: "the same number in Leeds, Hull
// and York within 9 days".
Status CmdMovement(CommandContext& ctx, const std::string& kind, const std::string& value);

// Near-duplicate image pairs with the status ("" for all), with their adverts.
Status CmdPairs(CommandContext& ctx, const std::string& status);
// "confirmed" or "rejected" (a rejected pair no longer links its adverts).
Status CmdPairDecide(CommandContext& ctx, int64_t id, const std::string& decision,
                     const std::string& note);

// "audit chain intact: N rows", or "audit chain broken at row K" and
// Corrupt.
Status CmdAuditVerify(CommandContext& ctx);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_REVIEW_H_
