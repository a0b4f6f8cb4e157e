// See html.h.
#include "review/ui/html.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/clock.h"

namespace harrier::review::ui {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
size_t Utf8Length(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  size_t len = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    len = 2, min = 0x80, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, min = 0x800, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

constexpr char kReplacement[] = "\xEF\xBF\xBD";

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        ++i;
        continue;
      case '<':
        out += "&lt;";
        ++i;
        continue;
      case '>':
        out += "&gt;";
        ++i;
        continue;
      case '"':
        out += "&quot;";
        ++i;
        continue;
      case '\'':
        out += "&#39;";
        ++i;
        continue;
      case '`':
        out += "&#96;";
        ++i;
        continue;
      case '=':
        out += "&#61;";
        ++i;
        continue;
      case '/':
        out += "&#47;";
        ++i;
        continue;
      default:
        break;
    }
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) {
      out += kReplacement;
      ++i;
      continue;
    }
    const size_t len = Utf8Length(text, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

std::vector<std::pair<size_t, size_t>> FindSpans(std::string_view text,
                                                 const std::vector<std::string>& needles) {
  std::vector<std::pair<size_t, size_t>> all;
  for (const std::string& needle : needles) {
    if (needle.empty()) continue;
    for (size_t pos = text.find(needle); pos != std::string_view::npos;
         pos = text.find(needle, pos + needle.size())) {
      all.emplace_back(pos, pos + needle.size());
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  std::vector<std::pair<size_t, size_t>> kept;
  for (const auto& span : all) {
    if (kept.empty() || span.first >= kept.back().second) kept.push_back(span);
  }
  return kept;
}

std::string HighlightSpans(std::string_view text,
                           const std::vector<std::pair<size_t, size_t>>& spans) {
  std::string out;
  size_t at = 0;
  for (const auto& [begin, end] : spans) {
    if (begin < at || end > text.size() || begin >= end) continue;
    out += HtmlEscape(text.substr(at, begin - at));
    out += "<mark>" + HtmlEscape(text.substr(begin, end - begin)) + "</mark>";
    at = end;
  }
  out += HtmlEscape(text.substr(at));
  return out;
}

std::string CsrfField(std::string_view token) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + HtmlEscape(token) + "\">";
}

std::string UtcText(int64_t ms) {
  std::string iso = FormatUtc(FromUnixMillis(ms));  // 2026-01-01T00:00:00.000Z
  if (iso.size() >= 19) iso = iso.substr(0, 10) + " " + iso.substr(11, 8);
  return iso + " UTC";
}

namespace {

std::string Nav(const PageFrame& f) {
  if (f.user.empty()) return "";
  std::string nav = "<nav id=\"nav\">";
  auto link = [&](const char* href, const char* id, const char* text) {
    nav += std::string("<a href=\"") + href + "\" id=\"" + id + "\">" + text + "</a> ";
  };
  if (f.role != "operator") {
    link("/alerts", "nav-alerts", "Alerts");
    link("/matches", "nav-matches", "Image matches");
    link("/search", "nav-search", "Search");
    link("/clusters", "nav-clusters", "Clusters");
    link("/watchlist", "nav-watchlist", "Watchlist");
    link("/export", "nav-export", "Export");
    link("/justify", "nav-justify", "Justification");
  }
  if (f.role == "supervisor") link("/audit", "nav-audit", "Audit log");
  link("/status", "nav-status", "Status");
  nav += "<span id=\"user\" class=\"who\">" + HtmlEscape(f.user) + " (" + HtmlEscape(f.role) +
         ")</span>";
  nav += "<form method=\"post\" action=\"/logout\" class=\"inline\">" + CsrfField(f.csrf) +
         "<button type=\"submit\" id=\"logout\">Log out</button></form></nav>";
  if (!f.justification.empty()) {
    nav += "<p id=\"current-justification\" class=\"justification\">Justification: " +
           HtmlEscape(f.justification) + "</p>";
  }
  return nav;
}

}  // namespace

std::string RenderPage(const PageFrame& frame, std::string_view body,
                       const std::vector<std::string>& scripts) {
  const std::string marking = HtmlEscape(frame.marking);
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"referrer\" content=\"no-referrer\">"
      "<title>" +
      HtmlEscape(frame.title) +
      " - Harrier</title><link rel=\"stylesheet\" href=\"/static/ui.css\">";
  for (const std::string& s : scripts) {
    page += "<script src=\"" + HtmlEscape(s) + "\" defer></script>";
  }
  page += "</head><body><div class=\"marking\" id=\"marking-top\">" + marking + "</div>";
  page += Nav(frame);
  page += "<main><h1>" + HtmlEscape(frame.title) + "</h1>\n";
  page.append(body);
  page +=
      "\n</main><div class=\"marking\" id=\"marking-bottom\">" + marking + "</div></body></html>\n";
  return page;
}

}  // namespace harrier::review::ui
