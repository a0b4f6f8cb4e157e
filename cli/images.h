// The `harrier` image commands: hashing files the way partner agencies'
// PDQ tools do, matching a photo against what was collected and against the
// watchlist, adding watchlist photos (hashes and metadata only), and the
// alert queue. Store commands audit before they show anything.
#ifndef HARRIER_CLI_IMAGES_H_
#define HARRIER_CLI_IMAGES_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "config/options.h"
#include "core/status.h"

namespace harrier::cli {

struct HashRequest {
  std::vector<std::string> files;
  bool phash = false;     // add the 64-bit pHash column
  bool dihedral = false;  // one line per rotation/mirror as well
  bool json = false;
};

// One line per image: "PDQHEX QUALITY FILENAME" (pdq-photo-hasher's
// convention), "PDQHEX QUALITY PHASHHEX FILENAME" with --phash, and with
// --dihedral eight lines "PDQHEX QUALITY VARIANT FILENAME". A file that is
// refused (not an image, over a limit) is reported on `err` with its reason
// and the others are still hashed: Rejected when any was refused.
Status CmdHash(const HashRequest& request, const config::ImageOptions& limits, std::ostream& out,
               std::ostream& err);

// Stored images and watchlist entries within the match distance of the
// photo (any rotation or mirror), with the adverts that showed each image.
Status CmdMatch(CommandContext& ctx, const config::ImageOptions& images, const std::string& file);

struct WatchlistAddRequest {
  std::string operation;
  std::string reason;
  std::vector<std::string> files;
  // Where to keep the photos when keep_watchlist_photos is set.
  std::string photo_dir;
  // harrierd's data directory: collected images are decoded from it when a
  // sub-window candidate needs the ORB check.
  std::string data_dir;
};

// Adds each photo's hashes to the watchlist (audited: who, when, operation,
// reason) and at once checks it against every image already collected,
// raising an alert for each match.
Status CmdWatchlistAdd(CommandContext& ctx, const config::ImageOptions& images,
                       const WatchlistAddRequest& request);
Status CmdWatchlistList(CommandContext& ctx);

// Alerts waiting for review ("open"), or of another status; "" for all.
Status CmdAlerts(CommandContext& ctx, const std::string& status);
// An analyst's decision: "confirmed" or "rejected" (a rejected pair is
// never raised again).
Status CmdAlertDecide(CommandContext& ctx, int64_t id, const std::string& decision,
                      const std::string& note);
// One stored image: size, hashes, EXIF (camera, time, GPS: personal data,
// so the access is audited), the adverts that showed it and its matches.
Status CmdShowImage(CommandContext& ctx, const std::string& sha256);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_IMAGES_H_
