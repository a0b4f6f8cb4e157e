// Loads harrier.toml and every source profile under its sources directory.
// Every error names the file, the line and the key, so the operator can fix
// it; the daemon refuses to start on any error.
#ifndef HARRIER_CONFIG_LOADER_H_
#define HARRIER_CONFIG_LOADER_H_

#include <string>

#include "config/options.h"
#include "core/status.h"

namespace harrier::config {

// Reads `path` (harrier.toml). `sources_dir` in it is relative to the file's
// directory (default "sources"); every *.toml there is a source profile,
// loaded in name order. Errors: InvalidArgument with
// "<file>:<line>: <key>: <what is wrong>"; NotFound when the file is missing.
Result<HarrierConfig> LoadConfig(const std::string& path);

// Loads one source profile file. Same error form.
Result<SiteProfile> LoadSiteProfile(const std::string& path);

// InvalidArgument "<file>:<line>: <key>: <why>" for a problem found after
// loading (an XPath that does not compile, a key file others can read); the
// line is left out when it is not known.
Status ProfileKeyError(const SiteProfile& profile, const std::string& key, const std::string& why);

// Parses "30s", "15m", "6h", "1d" into seconds; InvalidArgument otherwise.
Result<int64_t> ParseDuration(const std::string& text);

// A politeness delay in milliseconds: "0", "250ms", "2s", "1m", "1h".
// Zero is allowed (no delay); InvalidArgument otherwise.
Result<int64_t> ParseDelayMs(const std::string& text);

}  // namespace harrier::config

#endif  // HARRIER_CONFIG_LOADER_H_
