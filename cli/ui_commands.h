// The review UI's commands: accounts (`harrier user add|list|disable`) and
// `harrier serve`, which runs only the UI over a state directory (what tests
// and an analyst workstation use; harrierd serves it itself with [ui]).
#ifndef HARRIER_CLI_UI_COMMANDS_H_
#define HARRIER_CLI_UI_COMMANDS_H_

#include <istream>
#include <ostream>
#include <string>

#include "cli/commands.h"
#include "core/status.h"
#include "review/ui/server.h"

namespace harrier::cli {

// Adds a user with the role (analyst | supervisor | operator). The password
// is the first line of `password_in` (never argv: it would show in ps and
// shell history); on a terminal it is asked for twice without echo. At least
// 12 characters. Stored only as its argon2id hash; audited as
// "alteration.user_added" without it. Rejected when the name exists.
Status CmdUserAdd(CommandContext& ctx, const std::string& name, const std::string& role,
                  std::istream& password_in, bool interactive);
// Name, role, created, disabled: never the hash.
Status CmdUserList(CommandContext& ctx);
// The user can no longer log in (sessions they hold end at their expiry).
Status CmdUserDisable(CommandContext& ctx, const std::string& name);

// Serves the UI until SIGINT or SIGTERM. Prints "serving http://HOST:PORT/"
// on `out` once it listens (tests read the port from it).
Status CmdServe(const review::ui::UiServerOptions& options, const Clock& clock,
                extractors::TextExtractor extractor, std::ostream& out);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_UI_COMMANDS_H_
