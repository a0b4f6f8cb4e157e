#include "daemon/retry_policy.h"

#include <sodium.h>
#include <time.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace harrier::daemon {

int64_t BackoffDelayMs(int attempt, int64_t base_ms, int64_t max_ms, double random01) {
  base_ms = std::max<int64_t>(base_ms, 1);
  max_ms = std::max(max_ms, base_ms);
  int64_t delay = base_ms;
  for (int i = 1; i < attempt && delay < max_ms; ++i) delay *= 2;  // no overflow: capped
  delay = std::min(delay, max_ms);
  random01 = std::clamp(random01, 0.0, 1.0);
  const int64_t half = delay / 2;
  return half + static_cast<int64_t>(static_cast<double>(delay - half) * random01);
}

std::optional<int64_t> ParseRetryAfterMs(std::string_view value, int64_t now_unix_ms) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return int64_t{999'999'999} * 1000;  // absurd: "very long"
    return std::stoll(std::string(value)) * 1000;
  }
  // HTTP-date: IMF-fixdate, then the two obsolete forms recipients must accept.
  const std::string text(value);
  for (const char* format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
    struct tm tm;
    std::memset(&tm, 0, sizeof tm);
    const char* end = strptime(text.c_str(), format, &tm);
    if (end == nullptr || *end != '\0') continue;
    const time_t at = timegm(&tm);
    if (at == static_cast<time_t>(-1)) return std::nullopt;
    return std::max<int64_t>(0, static_cast<int64_t>(at) * 1000 - now_unix_ms);
  }
  return std::nullopt;
}

double RandomUnit() {
  return static_cast<double>(randombytes_uniform(1u << 30)) / static_cast<double>(1u << 30);
}

}  // namespace harrier::daemon
