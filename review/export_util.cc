#include "review/export_util.h"

#include <ctime>

namespace harrier::review::internal {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t Utf8Length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  if (n == 2 && c < 0xC2) return 0;  // overlong
  if (n == 3) {
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return 0;  // overlong, surrogate
  }
  if (n == 4) {
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return 0;
  }
  return n;
}

std::tm Utc(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string Format(int64_t ms, const char* fmt) {
  if (ms == 0) return "";
  std::tm tm = Utc(ms);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, fmt, &tm);
  return std::string(buf, n);
}

}  // namespace

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8Length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (n == 1 && (c < 0x20 || c == 0x7F)) {
      out += ' ';
    } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      out += ' ';  // C1 controls (NEL among them)
    } else if (n == 3 && c == 0xE2 && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += ' ';  // U+2028/2029 line and paragraph separators
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

bool IsE164(std::string_view s) {
  if (s.size() < 8 || s.size() > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9') return false;
  for (size_t i = 2; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

std::string CsvCell(std::string_view text) {
  std::string cell = OneLine(text);
  size_t first = cell.find_first_not_of(' ');
  if (first != std::string::npos && !IsE164(cell) &&
      std::string_view("=+-@").find(cell[first]) != std::string_view::npos) {
    cell.insert(cell.begin(), '\'');
  }
  bool quote = cell.find_first_of(",\"") != std::string::npos ||
               (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
  if (!quote) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvRow(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += CsvCell(cells[i]);
  }
  return out + "\r\n";
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  std::string clean;
  // Keep newlines for <pre>-like text; OneLine would drop them, so only
  // repair the encoding here.
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8Length(text, i);
    if (n == 0) {
      clean += "\xEF\xBF\xBD";
      ++i;
    } else {
      clean.append(text.substr(i, n));
      i += n;
    }
  }
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\0':
        break;
      default:
        out += c;
    }
  }
  return out;
}

EntityIndex IndexEntities(const ExportGraph& graph) {
  EntityIndex index;
  for (const ExportEntity& e : graph.entities) index.emplace(e.identity, &e);
  return index;
}

const ExportEntity* Lookup(const EntityIndex& index, std::string_view identity) {
  auto it = index.find(identity);
  return it == index.end() ? nullptr : it->second;
}

std::string UtcDate(int64_t ms) { return Format(ms, "%Y-%m-%d"); }
std::string UtcTime(int64_t ms) { return Format(ms, "%H:%M:%S"); }
std::string UtcStamp(int64_t ms) { return Format(ms, "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace harrier::review::internal
