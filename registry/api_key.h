// The Companies House API key: where it comes from, how it is sent (HTTP
// Basic, the key as user name and an empty password), and how it is kept
// out of logs. The key never goes into a URL.
#ifndef HARRIER_REGISTRY_API_KEY_H_
#define HARRIER_REGISTRY_API_KEY_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::registry {

// "Basic " + base64(key + ":"). The trailing colon (empty password) is what
// Companies House requires; leaving it out is the usual 401.
std::string BasicAuthHeader(std::string_view key);

// `text` with every occurrence of the key, and of its Basic credential, put
// as "[redacted]": for anything that might reach a log or an error message.
// An empty key changes nothing.
std::string RedactKey(std::string_view text, std::string_view key);

// The key from `config_value` when it is not empty; otherwise from the line
// `<variable>=<key>` in `env_file_path` (blank lines and # comments skipped,
// optional quotes removed, systemd EnvironmentFile syntax). The file must be
// a regular file without any group or world permission (0600 or 0400):
// Rejected otherwise, naming the file and its mode but never the key.
// NotFound when neither gives a key. Keys with whitespace or ':' are refused.
Result<std::string> LoadApiKey(std::string_view config_value, const std::string& env_file_path,
                               std::string_view variable = "COMPANIES_HOUSE_API_KEY");

}  // namespace harrier::registry

#endif  // HARRIER_REGISTRY_API_KEY_H_
