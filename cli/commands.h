// The `harrier` commands, as functions over an open Store so that tests can
// run them without a process. Each prints a human-readable table, or JSON
// with `json`. Consultations (search, show) are appended to the audit log
// with the user and the stated reason before anything is shown.
#ifndef HARRIER_CLI_COMMANDS_H_
#define HARRIER_CLI_COMMANDS_H_

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "extractors/text_extractor.h"
#include "store/store.h"

namespace harrier::cli {

struct CommandContext {
  store::Store& store;
  const extractors::TextExtractor& extractor;
  const Clock& clock;
  std::ostream& out;
  bool json = false;
  std::string user;    // who is consulting (for the audit log)
  std::string reason;  // why (operation/URN and text), may be empty
};

// Appends an audit row for what the user is about to see or do, with their
// stated reason added to `detail`. Call before showing anything.
Status Audit(CommandContext& ctx, const std::string& action, const std::string& object,
             nlohmann::json detail);

// Sources with last and next run and last error; totals; recent errors.
Status CmdStatus(CommandContext& ctx);
// Lets a source's next run ask again for what failed for good (a channel
// without a public preview, an account gone). Needs --reason; audited.
Status CmdSourceRetry(CommandContext& ctx, const std::string& name);
// What was found: adverts, selectors by kind, images, adverts sharing a selector.
Status CmdSummary(CommandContext& ctx);
// Adverts mentioning the selector; `value` in any format a person would type.
// InvalidArgument when the kind is unknown or the value not valid for it.
Status CmdSearch(CommandContext& ctx, const std::string& kind, const std::string& value);
// One advert: text, selectors with snippets, images, capture provenance.
// NotFound when there is no such advert.
Status CmdShowAdvert(CommandContext& ctx, int64_t id);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_COMMANDS_H_
