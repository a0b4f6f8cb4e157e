// Plain-text tables for the terminal: columns padded to their widest cell
// (counted in UTF-8 characters), cells cut at a width limit with "…".
#ifndef HARRIER_CLI_TABLE_H_
#define HARRIER_CLI_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace harrier::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers, size_t max_cell = 60)
      : headers_(std::move(headers)), max_cell_(max_cell) {}
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void Print(std::ostream& out) const;
  size_t size() const { return rows_.size(); }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  size_t max_cell_;
};

// Control characters (from scraped text) replaced so they cannot move the
// cursor or change the terminal: newlines and tabs become spaces, the rest "?".
std::string SanitizeForTerminal(const std::string& text);

}  // namespace harrier::cli

#endif  // HARRIER_CLI_TABLE_H_
