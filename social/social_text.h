// Helpers shared by the social parsers: HTML fragments to text, abbreviated
// counts, ISO 8601 times, CSS background URLs and percent-encoding.
// Stateless; safe from any thread.
#ifndef HARRIER_SOCIAL_SOCIAL_TEXT_H_
#define HARRIER_SOCIAL_SOCIAL_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "scrapers/html_document.h"

namespace harrier::social {

// The text a reader sees in an HTML fragment (Mastodon's content, a note):
// <br> and block ends become newlines, scripts and styles are left out.
// kRejected past limits.max_bytes (the input guard's verdicts pass through).
Result<std::string> HtmlToText(std::string_view html, const scrapers::HtmlLimits& limits = {});

// "856" -> 856, "4.7K" -> 4700, "1.2M" -> 1200000, "12 345" and "12,345" ->
// 12345, "3B" -> 3000000000. nullopt for anything else or past 10^15.
std::optional<int64_t> ParseAbbreviatedCount(std::string_view text);

// ISO 8601 date-time with a Z or +hh:mm / -hhmm offset and optional fraction
// ("2024-03-01T09:15:42+00:00", "2024-05-02T08:15:30.123Z"); nullopt for
// anything else (no offset, a bad field).
std::optional<WallTime> ParseIso8601(std::string_view text);

// The same time as FormatUtc writes it ("2024-03-01T09:15:42.000Z"), or ""
// when `text` does not parse.
std::string NormalizeIso8601(std::string_view text);

// XPath 1.0 predicate body that is true when the context element has the CSS
// class `cls` (a whole token of @class).
std::string HasClass(std::string_view cls);

// The first url(...) in an inline style, quoted with ' or " or bare, resolved
// against `base`; nullopt when there is none or it is not http(s) after
// resolution (javascript:, data:, ...).
std::optional<std::string> CssBackgroundUrl(std::string_view style, std::string_view base);

// scrapers::ResolveUrl, but nullopt for an empty or blank `href` (which would
// otherwise resolve to the page itself).
std::optional<std::string> ResolveLink(std::string_view base, std::string_view href);

// Appends `value` unless it is empty or already present.
void AppendUnique(std::vector<std::string>* list, std::string value);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view text);

}  // namespace harrier::social

#endif  // HARRIER_SOCIAL_SOCIAL_TEXT_H_
