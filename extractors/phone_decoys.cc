#include "extractors/phone_decoys.h"

#include <algorithm>
#include <string>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// Labels that make the number after them a reference on their own.
constexpr std::string_view kStrongLabels[] = {
    "ref",      "reference", "pnr",  "invoice", "iban",    "txn",     "transaction",
    "tracking", "account",   "acc",  "acct",    "a/c",     "sort",    "awb",
    "serial",   "imei",      "vat",  "nhs",     "policy",  "receipt", "consignment",
    "txid",     "hash",      "uuid", "guid",    "sku",     "ean",     "isbn",
    "upc",      "barcode",   "vin",  "utr",     "passport"};
// Labels that need a "no."/"number"/"id"/"code"/"#" after them: "booking
// no. 0770..." is a reference, "for booking 07700 900123" a phone.
constexpr std::string_view kWeakLabels[] = {"booking",    "order",        "crime",    "case",
                                            "ticket",     "parcel",       "customer", "member",
                                            "membership", "confirmation", "claim",    "incident"};
constexpr std::string_view kNumberWords[] = {"no", "nr", "num", "number", "id", "code", "#"};

constexpr size_t kLabelLookBack = 48;
constexpr size_t kMaxLabelLength = 16;  // longer than any label word

bool IsMaskOrDigit(char32_t c) { return (c >= '0' && c <= '9') || c == '*' || c == '#'; }

bool IsCurrency(char32_t c) {
  return c == '$' || c == 0x00A3 /* £ */ || c == 0x20AC /* € */ || c == 0x00A5 /* ¥ */;
}

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// 2026-03-12, 2026/03/12, 2026.03.12.
bool StartsWithIsoDate(std::string_view raw) {
  if (raw.size() < 10) return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsAsciiDigit(raw[i])) return false;
  }
  const char sep = raw[4];
  return (sep == '-' || sep == '/' || sep == '.') && raw[7] == sep &&
         (raw.size() == 10 || !IsAsciiDigit(raw[10]));
}

// 12/03/2026, 12.03.2026, 12-03-2026 at the start of a span.
bool StartsWithDate(std::string_view raw) {
  if (StartsWithIsoDate(raw)) return true;
  size_t pos = 0;
  auto digits = [&](size_t min, size_t max) {
    size_t n = 0;
    while (pos < raw.size() && IsAsciiDigit(raw[pos])) ++pos, ++n;
    return n >= min && n <= max;
  };
  if (!digits(1, 2) || pos >= raw.size()) return false;
  const char sep = raw[pos];
  if (sep != '/' && sep != '.' && sep != '-') return false;
  ++pos;
  if (!digits(1, 2) || pos >= raw.size() || raw[pos] != sep) return false;
  ++pos;
  return digits(4, 4);
}

// "crime ref 01632960456/24": a short suffix after a slash.
bool HasReferenceSuffix(std::string_view text, size_t end) {
  if (end >= text.size() || text[end] != '/') return false;
  size_t pos = end + 1;
  while (pos < text.size() && IsAsciiDigit(text[pos])) ++pos;
  const size_t digits = pos - end - 1;
  return digits >= 1 && digits <= 2 && (pos == text.size() || !IsAsciiAlnum(text[pos]));
}

// The alphanumeric word that touches the span at `pos` going outwards holds
// a digit: "GB33BUKB2020...", "a3f07700900123": a code, not a number.
bool GluedToCode(std::string_view text, size_t begin, size_t end) {
  const bool encoded_plus = begin >= 3 && text.substr(begin - 3, 2) == "%2";
  if (begin > 0 && IsAsciiAlpha(text[begin - 1]) && !encoded_plus) {
    for (size_t p = begin; p > 0 && p + kLabelLookBack > begin && IsAsciiAlnum(text[p - 1]); --p) {
      if (IsAsciiDigit(text[p - 1])) return true;
    }
  }
  if (end < text.size() && IsAsciiAlpha(text[end])) {
    for (size_t p = end; p < text.size() && p < end + kLabelLookBack && IsAsciiAlnum(text[p]);
         ++p) {
      if (IsAsciiDigit(text[p])) return true;
    }
  }
  return false;
}

}  // namespace

bool HasReferenceLabelBefore(std::string_view text, size_t begin) {
  const size_t stop = begin > kLabelLookBack ? begin - kLabelLookBack : 0;
  size_t pos = begin;
  bool saw_number_word = false;
  for (int words = 0; words < 5 && pos > stop;) {
    const char c = text[pos - 1];
    if (c == ' ' || c == ':' || c == '.' || c == '-' || c == '(' || c == '=' || c == '\t') {
      --pos;
      continue;
    }
    if (c == '#') {
      saw_number_word = true;
      --pos;
      continue;
    }
    if (!IsAsciiAlpha(c) && c != '/') return false;
    size_t word_begin = pos;
    while (word_begin > stop &&
           (IsAsciiAlpha(text[word_begin - 1]) || text[word_begin - 1] == '/')) {
      --word_begin;
    }
    if (pos - word_begin > kMaxLabelLength) return false;
    char buffer[kMaxLabelLength];
    for (size_t i = word_begin; i < pos; ++i) buffer[i - word_begin] = AsciiToLower(text[i]);
    const std::string_view word(buffer, pos - word_begin);
    // "order number is 0770...": the verb between label and number.
    if (words == 0 && !saw_number_word && word == "is") {
      pos = word_begin;
      ++words;
      continue;
    }
    if (In(kStrongLabels, word)) return true;
    if (In(kWeakLabels, word)) return saw_number_word;
    if (!In(kNumberWords, word)) return false;
    saw_number_word = true;
    pos = word_begin;
    ++words;
  }
  return false;
}

bool IsPhoneDecoy(std::string_view text, size_t begin, size_t end) {
  const char32_t before = CodePointBefore(text, begin);
  const char32_t after = CodePointAt(text, end);
  if (IsMaskOrDigit(before) || IsMaskOrDigit(after)) return true;
  if (after == 'x' || after == 'X') return true;
  char32_t sign = before;
  if (IsSpace(sign) && begin > 0) {
    sign = CodePointBefore(text, CharStartAtOrBefore(text, begin - 1));
  }
  if (IsCurrency(sign)) return true;
  if (StartsWithDate(text.substr(begin, end - begin))) return true;
  if (HasReferenceSuffix(text, end)) return true;
  if (GluedToCode(text, begin, end)) return true;
  return HasReferenceLabelBefore(text, begin);
}

}  // namespace harrier::extractors
