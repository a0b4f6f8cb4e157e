// The tokenizer side of the HTML input guard (WHATWG HTML §13.2.5, only as
// far as the guard needs it): tag names, hashed and looked up in the table of
// what the tree builder does with each, and where tags, comments and raw text
// end. Internal to scrapers/. Thread-safe: the table is built once and then
// only read.
#ifndef HARRIER_SCRAPERS_HTML_TOKENIZER_H_
#define HARRIER_SCRAPERS_HTML_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace harrier::scrapers {

inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// FNV-1a over the lower-cased bytes; names are compared by this hash.
inline uint64_t HashName(std::string_view s, uint64_t h = 1469598103934665603ULL) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(LowerAscii(c));
    h *= 1099511628211ULL;
  }
  return h;
}

// ---- What the tree builder does with each tag name -----------------------

enum TagFlag : uint32_t {
  kVoid = 1 << 0,
  kSpecial = 1 << 1,     // the "special" category (§13.2.4.2)
  kFormatting = 1 << 2,  // goes in the list of active formatting elements
  kScope = 1 << 3,       // bounds "has an element in scope"
  kTableScope = 1 << 4,  // bounds "in table scope"
  kListScope = 1 << 5,   // also bounds "in list item scope"
  kButton = 1 << 6,      // also bounds "in button scope"
  kClosesP = 1 << 7,     // start tag closes a <p> in button scope
  kRawText = 1 << 8,     // content is text up to the matching end tag
  kMarker = 1 << 9,      // inserts a marker in the formatting list
  kHeading = 1 << 10,
  kLiPassThrough = 1 << 11,   // address, div, p: <li> looks past them
  kTableStructure = 1 << 12,  // ignored outside a table
  kNoReconstruct = 1 << 13,   // start tag does not reopen formatting elements
  kScopedEnd = 1 << 14,       // end tag pops to the element if it is in scope
  kBreakout = 1 << 15,        // start tag leaves SVG/MathML content
  kIntegration = 1 << 16,     // SVG/MathML element whose content is HTML
};

// Tag names the simulation treats specially; any other name is kOther.
enum class Tag : uint8_t {
  kOther,
  kIgnored,
  kP,
  kLi,
  kDdDt,
  kOption,
  kOptgroup,
  kSelect,
  kInputish,
  kTd,
  kTr,
  kSection,
  kCaption,
  kTable,
  kForm,
  kA,
  kForeign,
  kPlaintext,
  kButton,
  kTemplate,
  kScript,
  kFrameset
};

struct TagInfo {
  uint32_t flags = 0;
  Tag tag = Tag::kOther;
};

// The flags and Tag of the name whose HashName is `name`; no flags and
// Tag::kOther for a name the table does not list.
TagInfo LookupTag(uint64_t name);

// ---- Finding the ends of things ------------------------------------------

// Where a tag name starting at `from` ends: the first space, "/" or ">", or
// the end of the page.
size_t TagNameEnd(std::string_view html, size_t from);

// Where a tag ends and where its excess attributes start, in page offsets.
struct TagExtent {
  size_t close = std::string_view::npos;     // the ">" or the "/" of "/>"
  size_t end = std::string_view::npos;       // just past the tag; npos at EOF
  size_t cut_from = std::string_view::npos;  // where excess attributes start
  bool self_closing = false;
};

// The tokenizer's attribute states from `pos` (just past the tag name), only
// to find where the tag ends (a ">" inside a quoted value does not end it)
// and where attributes past the first `max_attributes` start.
TagExtent ScanAttributes(std::string_view html, size_t pos, int max_attributes);

// Raw text runs to "</name" followed by space, "/" or ">" (or to EOF).
// Returns where that end tag starts, or the size of the page.
size_t SkipRawText(std::string_view html, size_t from, std::string_view name);

// Past a comment, doctype or bogus comment starting at `lt` ("<!" or "<?"),
// or the end of the page.
size_t SkipMarkupDeclaration(std::string_view html, size_t lt);

}  // namespace harrier::scrapers

#endif  // HARRIER_SCRAPERS_HTML_TOKENIZER_H_
