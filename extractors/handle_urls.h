// Social handles named by profile URLs ("instagram.com/name", "t.me/name",
// "tiktok.com/@name", "facebook.com/profile.php?id=123"), with or without a
// scheme and "www."/"m."/"mobile.". Post, group, invite and share URLs name
// no profile and give nothing. Part of the handle extractor; pure functions,
// safe from any thread.
#ifndef HARRIER_EXTRACTORS_HANDLE_URLS_H_
#define HARRIER_EXTRACTORS_HANDLE_URLS_H_

#include <string_view>
#include <vector>

#include "core/selector.h"

namespace harrier::extractors {

inline constexpr double kUrlHandleConfidence = 0.95;

// Handles from every profile URL in `text`, ordered by position; the span
// runs from the scheme (or host) to the end of the username.
std::vector<Selector> ExtractProfileUrlHandles(std::string_view text);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_HANDLE_URLS_H_
