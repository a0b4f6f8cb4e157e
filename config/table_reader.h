// Internal to config/: reads one parsed TOML file into plain fields, checking
// types, ranges and unknown keys, and turns every problem into
// "<file>:<line>: <key>: <what>". Not thread-safe; one reader per file.
#ifndef HARRIER_CONFIG_TABLE_READER_H_
#define HARRIER_CONFIG_TABLE_READER_H_

#include <toml++/toml.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace harrier::config {

// Every problem found in one file. The loader reports the one that comes first
// in the file, so the operator fixes them top to bottom.
class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}

  // `key` is the dotted path ("fetch.max_redirects"); empty for syntax errors.
  void Add(int line, std::string_view key, std::string_view what);
  bool empty() const { return list_.empty(); }
  const std::string& file() const { return file_; }

  // OK when there are none; else InvalidArgument with the earliest problem.
  Status First() const;

 private:
  std::string file_;
  std::vector<std::pair<int, std::string>> list_;  // (line, full message)
};

// Reads `path` and parses it as TOML. NotFound when the file does not exist,
// IoError when it cannot be read, InvalidArgument
// "<path>:<line>: syntax: <description>" on a TOML syntax error. `what` names
// the file's role in messages ("config", "source profile").
Result<toml::table> ParseTomlFile(const std::string& path, std::string_view what);

// A view of one TOML table. Each Read* call declares a key as known, records
// its line in `key_lines` when present and reports wrong types and ranges to
// `problems`; absent keys leave *out untouched (its default). Those that
// return bool return true when the key is present with the right type.
class TableReader {
 public:
  // `prefix` is the dotted path of the table: "" for the root, "fetch".
  TableReader(const toml::table& table, std::string prefix, Problems* problems,
              std::map<std::string, int>* key_lines);

  bool Has(std::string_view key) const;
  bool ReadString(std::string_view key, std::string* out);
  void ReadBool(std::string_view key, bool* out);
  void ReadInt(std::string_view key, int64_t min, int64_t max, int* out);
  void ReadInt64(std::string_view key, int64_t min, int64_t max, int64_t* out);
  // Every element must be a string. `lines`, if given, gets each element's
  // line (arrays may span lines).
  bool ReadStringArray(std::string_view key, std::vector<std::string>* out,
                       std::vector<int>* lines = nullptr);
  // A sub-table; nullptr when absent or not a table (reported).
  const toml::table* ReadTable(std::string_view key);
  // A calendar date written as a TOML date (2027-03-31) or a string
  // ("2027-03-31"). *text gets "YYYY-MM-DD", *day_start_ms 00:00 UTC of it.
  bool ReadDate(std::string_view key, std::string* text, int64_t* day_start_ms);
  // A table whose values are all strings (e.g. extra HTTP headers).
  bool ReadStringMap(std::string_view key, std::map<std::string, std::string>* out);

  // Reports every key no Read* call asked for, suggesting a close known key.
  void RejectUnknown();

  // Reports `what` against `key`: at the key's line when present, else at
  // the table's line.
  void Fail(std::string_view key, std::string_view what);
  void FailAt(int line, std::string_view key, std::string_view what);
  int Line(std::string_view key) const;
  std::string Path(std::string_view key) const;

 private:
  // Declares `key` known; returns its node or nullptr when absent.
  const toml::node* Get(std::string_view key);
  // Reads an integer node into *value; false (reported) when not in range.
  bool ReadInteger(std::string_view key, int64_t min, int64_t max, int64_t* value);

  const toml::table& table_;
  std::string prefix_;
  Problems* problems_;
  std::map<std::string, int>* key_lines_;
  std::set<std::string, std::less<>> known_;
};

// Line of a node's first character, or 1 when toml++ has none (never 0, so
// that "<file>:<line>" always points into the file).
int LineOf(const toml::node& node);

// "\"text\"" with quotes, backslashes and control characters escaped, for
// quoting operator input in messages.
std::string Quote(std::string_view text);

// True if `text` has a byte below 0x20 or 0x7f (header injection, typos).
bool HasControlChar(std::string_view text);

}  // namespace harrier::config

#endif  // HARRIER_CONFIG_TABLE_READER_H_
