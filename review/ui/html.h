// HTML output for the review UI: one escaper for text and attribute
// contexts, the page frame with the protective marking top and bottom, and
// the helpers pages share. Nothing scraped reaches the output unescaped.
// Thread-safe (pure functions).
#ifndef HARRIER_REVIEW_UI_HTML_H_
#define HARRIER_REVIEW_UI_HTML_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harrier::review::ui {

// Escapes & < > " ' ` = and / so the result is safe both as element text and
// as a double- or single-quoted attribute value. Control characters other
// than tab, LF and CR become U+FFFD; so do bytes that are not valid UTF-8.
std::string HtmlEscape(std::string_view text);

// Percent-encodes everything but unreserved characters (RFC 3986 §2.3), for
// a query parameter value.
std::string UrlEncode(std::string_view text);

// Wraps the spans [begin, end) of `text` (sorted, non-overlapping byte
// offsets) in <mark>, escaping each segment on its own.
std::string HighlightSpans(std::string_view text,
                           const std::vector<std::pair<size_t, size_t>>& spans);

// Every non-overlapping occurrence of each needle in `text`, sorted; the
// earlier and longer needle wins an overlap. Empty needles are ignored.
std::vector<std::pair<size_t, size_t>> FindSpans(std::string_view text,
                                                 const std::vector<std::string>& needles);

struct PageFrame {
  std::string title;
  std::string marking = "OFFICIAL-SENSITIVE";
  std::string user;  // empty when not logged in
  std::string role;
  std::string csrf;           // for the logout form
  std::string justification;  // "OP-1: text", shown in the header; may be empty
};

// A whole page: doctype, the stylesheet and scripts from /static/ (no inline
// script or style: the CSP forbids them), #marking-top and #marking-bottom
// banners, navigation for the role, and `body` (already escaped HTML).
std::string RenderPage(const PageFrame& frame, std::string_view body,
                       const std::vector<std::string>& scripts = {});

// A hidden input carrying the CSRF token.
std::string CsrfField(std::string_view token);

// "2026-01-01 00:00:00 UTC" for a Unix millisecond time.
std::string UtcText(int64_t ms);

}  // namespace harrier::review::ui

#endif  // HARRIER_REVIEW_UI_HTML_H_
