// Shared helpers for the social parsers; see the header.
#include "social/social_text.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

#include "scrapers/url.h"

namespace harrier::social {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at *pos.
std::optional<int> Digits(std::string_view s, size_t* pos, int n) {
  if (*pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (!IsDigit(c)) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  return v;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

// Offset after the seconds: Z, +hh:mm, +hhmm, +hh; nullopt if malformed.
std::optional<int> OffsetSeconds(std::string_view s, size_t pos) {
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    return pos + 1 == s.size() ? std::optional<int>(0) : std::nullopt;
  }
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return std::nullopt;
  const int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  const std::optional<int> hh = Digits(s, &pos, 2);
  if (!hh || *hh > 23) return std::nullopt;
  int mm = 0;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    const std::optional<int> m = Digits(s, &pos, 2);
    if (!m || *m > 59) return std::nullopt;
    mm = *m;
  }
  if (pos != s.size()) return std::nullopt;
  return sign * (*hh * 3600 + mm * 60);
}

}  // namespace

Result<std::string> HtmlToText(std::string_view html, const scrapers::HtmlLimits& limits) {
  Result<std::unique_ptr<scrapers::HtmlDocument>> doc = scrapers::HtmlDocument::Parse(html, limits);
  if (!doc.ok()) return doc.status().WithContext("html to text");
  Result<std::vector<std::string>> body = (*doc)->Evaluate("/html/body");
  if (!body.ok()) return body.status().WithContext("html to text");
  return body->empty() ? std::string() : body->front();
}

std::optional<int64_t> ParseAbbreviatedCount(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  int64_t multiplier = 1;
  switch (text.back()) {
    case 'K':
    case 'k':
      multiplier = 1000;
      break;
    case 'M':
    case 'm':
      multiplier = 1000000;
      break;
    case 'B':
    case 'b':
      multiplier = 1000000000;
      break;
    default:
      break;
  }
  if (multiplier != 1) text.remove_suffix(1);
  // Whole and fractional digits, thousands separators (space, NBSP, comma)
  // only without a suffix.
  int64_t whole = 0, frac = 0, frac_scale = 1;
  bool seen_point = false, any_digit = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsDigit(c)) {
      any_digit = true;
      if (seen_point) {
        if (frac_scale >= 1000000) return std::nullopt;
        frac = frac * 10 + (c - '0');
        frac_scale *= 10;
      } else {
        if (whole > 1000000000000000) return std::nullopt;
        whole = whole * 10 + (c - '0');
      }
    } else if (c == '.' && !seen_point && multiplier != 1) {
      seen_point = true;
    } else if ((c == ' ' || c == ',') && multiplier == 1 && any_digit) {
      continue;
    } else if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0' && multiplier == 1) {
      ++i;
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit || whole > 1000000000000000 / multiplier) return std::nullopt;
  return whole * multiplier + frac * multiplier / frac_scale;
}

std::optional<WallTime> ParseIso8601(std::string_view s) {
  size_t pos = 0;
  const std::optional<int> y = Digits(s, &pos, 4);
  if (!y || !Expect(s, &pos, '-')) return std::nullopt;
  const std::optional<int> mo = Digits(s, &pos, 2);
  if (!mo || !Expect(s, &pos, '-')) return std::nullopt;
  const std::optional<int> d = Digits(s, &pos, 2);
  if (!d || pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  const std::optional<int> h = Digits(s, &pos, 2);
  if (!h || !Expect(s, &pos, ':')) return std::nullopt;
  const std::optional<int> mi = Digits(s, &pos, 2);
  if (!mi || !Expect(s, &pos, ':')) return std::nullopt;
  const std::optional<int> sec = Digits(s, &pos, 2);
  if (!sec) return std::nullopt;
  int64_t millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t scale = 100;
    const size_t start = pos;
    while (pos < s.size() && IsDigit(s[pos])) {
      millis += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  const std::optional<int> offset = OffsetSeconds(s, pos);
  if (!offset) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(*y),
                                        std::chrono::month(static_cast<unsigned>(*mo)),
                                        std::chrono::day(static_cast<unsigned>(*d))};
  if (!ymd.ok() || *h > 23 || *mi > 59 || *sec > 60) return std::nullopt;
  const auto day = std::chrono::sys_days(ymd);
  return WallTime(day) + std::chrono::hours(*h) + std::chrono::minutes(*mi) +
         std::chrono::seconds(*sec - *offset) + std::chrono::milliseconds(millis);
}

std::string NormalizeIso8601(std::string_view text) {
  const std::optional<WallTime> t = ParseIso8601(text);
  return t ? FormatUtc(*t) : std::string();
}

std::string HasClass(std::string_view cls) {
  // The plain contains() first: most elements fail it cheaply, and libxml2
  // stops there ("and" short-circuits) before building the padded string.
  const std::string c(cls);
  return "(contains(@class,'" + c + "') and contains(concat(' ',normalize-space(@class),' '),' " +
         c + " '))";
}

std::optional<std::string> CssBackgroundUrl(std::string_view style, std::string_view base) {
  const size_t open = style.find("url(");
  if (open == std::string_view::npos) return std::nullopt;
  size_t begin = open + 4;
  while (begin < style.size() && style[begin] == ' ') ++begin;
  std::string_view rest = style.substr(begin);
  std::string_view value;
  if (!rest.empty() && (rest.front() == '\'' || rest.front() == '"')) {
    const size_t close = rest.find(rest.front(), 1);
    if (close == std::string_view::npos) return std::nullopt;
    value = rest.substr(1, close - 1);
  } else {
    const size_t close = rest.find(')');
    if (close == std::string_view::npos) return std::nullopt;
    value = rest.substr(0, close);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  }
  // A backslash is a CSS escape: "java\73 cript:" would hide the scheme from
  // the check below, so such values are refused rather than decoded.
  if (value.empty() || value.find('\\') != std::string_view::npos) return std::nullopt;
  return ResolveLink(base, value);
}

std::optional<std::string> ResolveLink(std::string_view base, std::string_view href) {
  if (href.find_first_not_of(" \t\n\r\f") == std::string_view::npos) return std::nullopt;
  return scrapers::ResolveUrl(base, href);
}

void AppendUnique(std::vector<std::string>* list, std::string value) {
  if (value.empty() || std::find(list->begin(), list->end(), value) != list->end()) return;
  list->push_back(std::move(value));
}

std::string PercentEncode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (scrapers::IsUnreservedUrlChar(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace harrier::social
