// Helpers the export writers share: cell and text escaping for hostile
// strings, UTC date and time text. Internal to review/.
#ifndef HARRIER_REVIEW_EXPORT_UTIL_H_
#define HARRIER_REVIEW_EXPORT_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "review/export.h"

namespace harrier::review::internal {

// Valid UTF-8 (bad sequences become U+FFFD), control characters (newlines
// included) become spaces: one line of printable text.
std::string OneLine(std::string_view text);

// One RFC 4180 cell: OneLine, a leading = + - @ neutralised with a quote
// (formula injection) unless the cell is an E.164 number, which only a
// phone identity is and which no spreadsheet runs; quoted when it holds a
// comma, quote or space at either end, quotes doubled.
std::string CsvCell(std::string_view text);
// Cells joined with commas, CRLF-terminated (RFC 4180).
std::string CsvRow(const std::vector<std::string>& cells);

// Escaped for HTML text and double-quoted attribute values.
std::string HtmlEscape(std::string_view text);

// "2026-11-22", "07:35:30", "2026-11-22T07:35:30Z"; "" for 0 (unknown).
std::string UtcDate(int64_t ms);
std::string UtcTime(int64_t ms);
std::string UtcStamp(int64_t ms);

bool IsE164(std::string_view s);

// The graph's entities by identity (views into the graph, which must outlive it).
using EntityIndex = std::unordered_map<std::string_view, const ExportEntity*>;
EntityIndex IndexEntities(const ExportGraph& graph);
// The entity, or null.
const ExportEntity* Lookup(const EntityIndex& index, std::string_view identity);

}  // namespace harrier::review::internal

#endif  // HARRIER_REVIEW_EXPORT_UTIL_H_
