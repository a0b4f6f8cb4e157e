// Bounded, exception-free JSON parsing and typed member reads for the social
// parsers. Internal to social/ (nlohmann types in the interface).
#ifndef HARRIER_SOCIAL_JSON_UTIL_H_
#define HARRIER_SOCIAL_JSON_UTIL_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace harrier::social {

// Largest JSON text taken, and the deepest nesting: kept small so that a
// hostile body stays cheap to parse and to free.
inline constexpr size_t kMaxJsonBytes = 16 * 1024 * 1024;
inline constexpr int kMaxJsonDepth = 64;

// kRejected past the bounds, kCorrupt for malformed JSON; `what` names the
// object in the message ("parse <what>: malformed JSON").
Result<nlohmann::json> ParseBoundedJson(std::string_view text, std::string_view what);

// A string member, or an integer written as a number; "" otherwise.
std::string JsonStr(const nlohmann::json& j, const char* key);
std::optional<int64_t> JsonInt(const nlohmann::json& j, const char* key);
std::optional<bool> JsonBool(const nlohmann::json& j, const char* key);
// The member if it exists and has `type`, else null.
const nlohmann::json* JsonMember(const nlohmann::json& j, const char* key,
                                 nlohmann::json::value_t type);

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_JSON_UTIL_H_
