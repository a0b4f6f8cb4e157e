#include "config/table_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>

namespace harrier::config {

namespace {

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "string";
    case toml::node_type::integer:
      return "integer";
    case toml::node_type::floating_point:
      return "float";
    case toml::node_type::boolean:
      return "boolean";
    case toml::node_type::date:
      return "date";
    case toml::node_type::time:
      return "time";
    case toml::node_type::date_time:
      return "date-time";
    case toml::node_type::array:
      return "array";
    case toml::node_type::table:
      return "table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string Expected(std::string_view what, const toml::node& got) {
  return "expected " + std::string(what) + ", got " + std::string(TypeName(got));
}

// Levenshtein distance, for "did you mean" on misspelt keys.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

Result<std::string> ReadWholeFile(const std::string& path, std::string_view what) {
  const std::string action = "read " + std::string(what) + " " + path + ": ";
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int err = errno;
    std::string message = action + std::generic_category().message(err);
    if (err == ENOENT || err == ENOTDIR) return Status::NotFound(message);
    return Status::IoError(message);
  }
  std::string data;
  char buffer[16384];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    data.append(buffer, n);
  }
  // A directory opens fine and fails here with EISDIR.
  const bool failed = std::ferror(file) != 0;
  const int err = errno;
  std::fclose(file);
  if (failed) {
    return Status::IoError(action + std::generic_category().message(err));
  }
  return data;
}

}  // namespace

void Problems::Add(int line, std::string_view key, std::string_view what) {
  std::string message = file_ + ":" + std::to_string(line) + ": ";
  if (!key.empty()) message += std::string(key) + ": ";
  message += what;
  list_.emplace_back(line, std::move(message));
}

Status Problems::First() const {
  if (list_.empty()) return Status::Ok();
  // Stable: of two problems on one line, the one found first wins.
  auto first = std::min_element(list_.begin(), list_.end(),
                                [](const auto& a, const auto& b) { return a.first < b.first; });
  return Status::InvalidArgument(first->second);
}

Result<toml::table> ParseTomlFile(const std::string& path, std::string_view what) {
  Result<std::string> text = ReadWholeFile(path, what);
  if (!text.ok()) return text.status();
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    Problems problems(path);
    const int line = static_cast<int>(e.source().begin.line);
    problems.Add(line > 0 ? line : 1, "syntax", e.description());
    return problems.First();
  }
}

TableReader::TableReader(const toml::table& table, std::string prefix, Problems* problems,
                         std::map<std::string, int>* key_lines)
    : table_(table), prefix_(std::move(prefix)), problems_(problems), key_lines_(key_lines) {}

bool TableReader::Has(std::string_view key) const { return table_.contains(key); }

std::string TableReader::Path(std::string_view key) const {
  if (prefix_.empty()) return std::string(key);
  return prefix_ + "." + std::string(key);
}

int TableReader::Line(std::string_view key) const {
  auto it = table_.find(key);
  if (it == table_.end()) return LineOf(table_);
  const int line = static_cast<int>(it->first.source().begin.line);
  return line > 0 ? line : LineOf(it->second);
}

void TableReader::Fail(std::string_view key, std::string_view what) {
  FailAt(Line(key), key, what);
}

void TableReader::FailAt(int line, std::string_view key, std::string_view what) {
  problems_->Add(line, Path(key), what);
}

const toml::node* TableReader::Get(std::string_view key) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (node != nullptr) (*key_lines_)[Path(key)] = Line(key);
  return node;
}

bool TableReader::ReadString(std::string_view key, std::string* out) {
  const toml::node* node = Get(key);
  if (node == nullptr) return false;
  if (!node->is_string()) {
    Fail(key, Expected("a string", *node));
    return false;
  }
  *out = node->as_string()->get();
  return true;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
// days_from_civil); the date is already range-checked.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ValidDate(int y, int m, int d) {
  if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace

bool TableReader::ReadDate(std::string_view key, std::string* text, int64_t* day_start_ms) {
  const toml::node* node = Get(key);
  if (node == nullptr) return false;
  int y = 0, m = 0, d = 0;
  if (const toml::value<toml::date>* date = node->as_date()) {
    y = date->get().year;
    m = date->get().month;
    d = date->get().day;
  } else if (const toml::value<std::string>* str = node->as_string()) {
    const std::string& s = str->get();
    const bool shaped =
        s.size() == 10 && s[4] == '-' && s[7] == '-' &&
        std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (shaped) {
      y = std::stoi(s.substr(0, 4));
      m = std::stoi(s.substr(5, 2));
      d = std::stoi(s.substr(8, 2));
    }
  } else {
    Fail(key, Expected("a date (e.g. 2027-03-31)", *node));
    return false;
  }
  if (!ValidDate(y, m, d)) {
    Fail(key, "is not a valid date from 1970 on (write e.g. 2027-03-31)");
    return false;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  *text = buffer;
  *day_start_ms = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400000;
  return true;
}

bool TableReader::ReadStringMap(std::string_view key, std::map<std::string, std::string>* out) {
  const toml::node* node = Get(key);
  if (node == nullptr) return false;
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    Fail(key, Expected("a table of strings (e.g. { Accept-Language = \"en-GB\" })", *node));
    return false;
  }
  bool ok = true;
  for (const auto& [name, value] : *table) {
    const int line = LineOf(value);
    if (!value.is_string()) {
      FailAt(line, std::string(key) + "." + std::string(name.str()), Expected("a string", value));
      ok = false;
      continue;
    }
    (*out)[std::string(name.str())] = value.as_string()->get();
  }
  return ok;
}

void TableReader::ReadBool(std::string_view key, bool* out) {
  const toml::node* node = Get(key);
  if (node == nullptr) return;
  if (!node->is_boolean()) {
    return Fail(key, Expected("true or false", *node));
  }
  *out = node->as_boolean()->get();
}

bool TableReader::ReadInteger(std::string_view key, int64_t min, int64_t max, int64_t* value) {
  const toml::node* node = Get(key);
  if (node == nullptr) return false;
  if (!node->is_integer()) {
    Fail(key, Expected("an integer", *node));
    return false;
  }
  *value = node->as_integer()->get();
  if (*value < min || *value > max) {
    Fail(key, std::to_string(*value) + " is out of range (expected " + std::to_string(min) +
                  " to " + std::to_string(max) + ")");
    return false;
  }
  return true;
}

void TableReader::ReadInt(std::string_view key, int64_t min, int64_t max, int* out) {
  int64_t value = 0;
  if (ReadInteger(key, min, max, &value)) *out = static_cast<int>(value);
}

void TableReader::ReadInt64(std::string_view key, int64_t min, int64_t max, int64_t* out) {
  int64_t value = 0;
  if (ReadInteger(key, min, max, &value)) *out = value;
}

bool TableReader::ReadStringArray(std::string_view key, std::vector<std::string>* out,
                                  std::vector<int>* lines) {
  const toml::node* node = Get(key);
  if (node == nullptr) return false;
  if (!node->is_array()) {
    Fail(key,
         Expected("an array of strings", *node) + " (write " + std::string(key) + " = [\"...\"])");
    return false;
  }
  std::vector<std::string> values;
  std::vector<int> value_lines;
  const toml::array& array = *node->as_array();
  for (size_t i = 0; i < array.size(); ++i) {
    const toml::node& element = array[i];
    if (!element.is_string()) {
      FailAt(LineOf(element), key,
             "element " + std::to_string(i + 1) + ": " + Expected("a string", element));
      return false;
    }
    values.push_back(element.as_string()->get());
    value_lines.push_back(LineOf(element));
  }
  *out = std::move(values);
  if (lines != nullptr) *lines = std::move(value_lines);
  return true;
}

const toml::table* TableReader::ReadTable(std::string_view key) {
  const toml::node* node = Get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) {
    Fail(key, Expected("a table", *node) + " (write [" + Path(key) +
                  "] on a line of its own, then its keys)");
    return nullptr;
  }
  return node->as_table();
}

void TableReader::RejectUnknown() {
  for (const auto& [key, node] : table_) {
    const std::string_view name = key.str();
    if (known_.contains(name)) continue;
    std::string what = node.is_table() ? "unknown table" : "unknown key";
    std::string_view best;
    size_t best_distance = 3;  // suggest only near misses
    for (const std::string& candidate : known_) {
      const size_t d = EditDistance(name, candidate);
      if (d < best_distance && d < candidate.size() / 2 + 1) {
        best = candidate;
        best_distance = d;
      }
    }
    if (!best.empty()) {
      what += " (did you mean " + std::string(best) + "?)";
    } else {
      std::string list;
      for (const std::string& candidate : known_) {
        list += (list.empty() ? "" : ", ") + candidate;
      }
      what += " (expected one of: " + list + ")";
    }
    Fail(name, what);
  }
}

int LineOf(const toml::node& node) {
  const int line = static_cast<int>(node.source().begin.line);
  return line > 0 ? line : 1;
}

std::string Quote(std::string_view text) {
  constexpr size_t kMaxShown = 100;
  size_t shown = std::min(text.size(), kMaxShown);
  // Do not cut a UTF-8 sequence in half.
  while (shown < text.size() && shown > 0 &&
         (static_cast<unsigned char>(text[shown]) & 0xC0) == 0x80) {
    --shown;
  }
  std::string out = "\"";
  for (const char c : text.substr(0, shown)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  if (shown < text.size()) out += "...";
  return out + "\"";
}

bool HasControlChar(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace harrier::config
