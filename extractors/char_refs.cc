#include "extractors/char_refs.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kTooLarge = 0x110000;

struct NamedRef {
  std::string_view name;
  char32_t code_point;
  bool legacy;  // browsers accept it without the final ';'
};

// The references an advert uses to hide or decorate a contact detail, sorted
// by name (byte order) for the binary search. "at" and "dot" are not HTML
// names, but obfuscators write "&at;" and "&dot;" meaning '@' and '.', and a
// reader takes them so.
constexpr NamedRef kNamedRefs[] = {
    {"AMP", '&', true},        {"GT", '>', true},         {"LT", '<', true},
    {"QUOT", '"', true},       {"amp", '&', true},        {"apos", '\'', false},
    {"ast", '*', false},       {"at", '@', false},        {"bsol", '\\', false},
    {"bull", 0x2022, false},   {"colon", ':', false},     {"comma", ',', false},
    {"commat", '@', false},    {"copy", 0x00A9, true},    {"dash", 0x2010, false},
    {"dollar", '$', false},    {"dot", '.', false},       {"emsp", 0x2003, false},
    {"ensp", 0x2002, false},   {"equals", '=', false},    {"euro", 0x20AC, false},
    {"excl", '!', false},      {"gt", '>', true},         {"hellip", 0x2026, false},
    {"hyphen", 0x2010, false}, {"lowbar", '_', false},    {"lpar", '(', false},
    {"lsqb", '[', false},      {"lt", '<', true},         {"mdash", 0x2014, false},
    {"middot", 0x00B7, false}, {"nbsp", 0x00A0, true},    {"ndash", 0x2013, false},
    {"num", '#', false},       {"percnt", '%', false},    {"period", '.', false},
    {"plus", '+', false},      {"pound", 0x00A3, false},  {"quest", '?', false},
    {"quot", '"', true},       {"reg", 0x00AE, true},     {"rpar", ')', false},
    {"rsqb", ']', false},      {"semi", ';', false},      {"shy", 0x00AD, false},
    {"sol", '/', false},       {"thinsp", 0x2009, false}, {"verbar", '|', false},
    {"zwj", 0x200D, false},    {"zwnj", 0x200C, false},
};
constexpr size_t kMaxNameLength = 6;

// A name of at most 8 bytes as an integer, big-endian and zero-padded: the
// integers sort as the names do (byte order, a prefix first), so the binary
// search compares integers instead of calling memcmp.
constexpr uint64_t PackName(std::string_view name) {
  uint64_t key = 0;
  for (size_t i = 0; i < 8; ++i) {
    key = key << 8 | (i < name.size() ? static_cast<unsigned char>(name[i]) : 0);
  }
  return key;
}

constexpr auto kNamedKeys = [] {
  std::array<uint64_t, std::size(kNamedRefs)> keys{};
  for (size_t i = 0; i < keys.size(); ++i) keys[i] = PackName(kNamedRefs[i].name);
  return keys;
}();

static_assert(kMaxNameLength <= 8);
static_assert(std::is_sorted(kNamedKeys.begin(), kNamedKeys.end()) &&
                  std::adjacent_find(kNamedKeys.begin(), kNamedKeys.end()) == kNamedKeys.end(),
              "kNamedRefs must stay sorted by name, without duplicates");

// HTML §13.2.5.80: numeric references to C1 controls mean the Windows-1252
// character with that byte (0 where the byte is undefined there).
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

int HexValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char32_t CheckedCodePoint(char32_t c) {
  if (c == 0 || c >= kTooLarge || (c >= 0xD800 && c <= 0xDFFF)) return kReplacement;
  if (c >= 0x80 && c <= 0x9F && kWindows1252[c - 0x80] != 0) return kWindows1252[c - 0x80];
  return c;
}

// Whether a reference that ends at text[end] without ';' may stand.
bool EndsBeforeNonAlnum(std::string_view text, size_t end) {
  return end >= text.size() || !IsAsciiAlnum(text[end]);
}

size_t DecodeNumeric(std::string_view text, size_t pos, char32_t* code_point) {
  size_t p = pos + 2;  // after "&#"
  const bool hex = p < text.size() && (text[p] == 'x' || text[p] == 'X');
  if (hex) ++p;
  const size_t digits_begin = p;
  char32_t value = 0;
  for (; p < text.size(); ++p) {
    const int digit = hex ? HexValue(text[p]) : (IsAsciiDigit(text[p]) ? text[p] - '0' : -1);
    if (digit < 0) break;
    // Saturate: any number of leading zeros is fine, any value too large
    // is U+FFFD, and the scan stays one pass over the digits.
    value = std::min<char32_t>(kTooLarge, value * (hex ? 16 : 10) + static_cast<char32_t>(digit));
  }
  if (p == digits_begin) return 0;
  if (p < text.size() && text[p] == ';') {
    ++p;
  } else if (!EndsBeforeNonAlnum(text, p)) {
    return 0;
  }
  *code_point = CheckedCodePoint(value);
  return p - pos;
}

size_t DecodeNamed(std::string_view text, size_t pos, char32_t* code_point) {
  size_t p = pos + 1;
  while (p < text.size() && p - pos - 1 <= kMaxNameLength && IsAsciiAlnum(text[p])) ++p;
  const std::string_view name = text.substr(pos + 1, p - pos - 1);
  if (name.empty() || name.size() > kMaxNameLength) return 0;
  const uint64_t key = PackName(name);
  const auto found = std::lower_bound(kNamedKeys.begin(), kNamedKeys.end(), key);
  if (found == kNamedKeys.end() || *found != key) return 0;
  const NamedRef* it = &kNamedRefs[found - kNamedKeys.begin()];
  if (p < text.size() && text[p] == ';') {
    ++p;
  } else if (!it->legacy) {
    return 0;  // p stopped at a character that is not alphanumeric
  }
  *code_point = it->code_point;
  return p - pos;
}

}  // namespace

size_t DecodeCharRef(std::string_view text, size_t pos, char32_t* code_point) {
  if (pos + 1 >= text.size() || text[pos] != '&') return 0;
  if (text[pos + 1] == '#') return DecodeNumeric(text, pos, code_point);
  return DecodeNamed(text, pos, code_point);
}

}  // namespace harrier::extractors
