// `harrier show company NUMBER`: a Companies House company as the store
// holds it (profile, officers, PSCs, recorded changes) and the adverts that
// share its postcodes. A consultation, audited with the stated reason
// before anything is shown.
#ifndef HARRIER_CLI_REGISTRY_COMMANDS_H_
#define HARRIER_CLI_REGISTRY_COMMANDS_H_

#include <string>

#include "cli/commands.h"
#include "core/status.h"

namespace harrier::cli {

// `number` as typed ("1234567", "sc123456"); zero-padded as the store keys
// it. InvalidArgument when it cannot be a company number (nothing shown or
// audited); NotFound when no such company is stored (audited all the same:
// the look-up was made).
Status CmdShowCompany(CommandContext& ctx, const std::string& number);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_REGISTRY_COMMANDS_H_
