#include "extractors/postcode_extractor.h"

#include <algorithm>
#include <utility>

#include "extractors/byte_scan.h"
#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// Royal Mail / BS 7666 letter rules, by position in the outward code.
constexpr std::string_view kNotFirst = "QVX";
constexpr std::string_view kNotSecond = "IJZ";
constexpr std::string_view kThirdOfA9A = "ABCDEFGHJKPSTUW";
constexpr std::string_view kFourthOfAA9A = "ABEHMNPRVWXY";
constexpr std::string_view kNotInward = "CIKMOV";

constexpr size_t kInwardLength = 3;
constexpr size_t kMinOutward = 2;
constexpr size_t kMaxOutward = 4;

bool In(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

// Upper-case "A9", "A99", "A9A", "AA9", "AA99", "AA9A" with the letter rules.
bool IsOutward(std::string_view s) {
  if (s.size() < kMinOutward || s.size() > kMaxOutward) return false;
  if (!IsAsciiAlpha(s[0]) || In(kNotFirst, s[0])) return false;
  const bool two_letters = IsAsciiAlpha(s[1]);
  if (two_letters && In(kNotSecond, s[1])) return false;
  const size_t district = two_letters ? 2 : 1;  // first digit of the district
  if (district >= s.size() || !IsAsciiDigit(s[district])) return false;
  if (s.size() == district + 1) return true;  // A9, AA9
  if (s.size() > district + 2) return false;
  const char last = s[district + 1];
  if (IsAsciiDigit(last)) return true;  // A99, AA99
  return two_letters ? In(kFourthOfAA9A, last) : In(kThirdOfA9A, last);
}

bool IsInward(std::string_view s) {
  return s.size() == kInwardLength && IsAsciiDigit(s[0]) && IsAsciiAlpha(s[1]) &&
         IsAsciiAlpha(s[2]) && !In(kNotInward, s[1]) && !In(kNotInward, s[2]);
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiToUpper(c);
  return out;
}

// "B1 1AA" when upper-case `outward` and `inward` form a postcode.
std::optional<std::string> Format(const std::string& outward, const std::string& inward) {
  const bool girobank = outward == "GIR" && inward == "0AA";
  if (!girobank && !(IsOutward(outward) && IsInward(inward))) return std::nullopt;
  return outward + " " + inward;
}

// Length of the separator between outward and inward code at `pos`: one
// space, or one no-break space as HTML &nbsp; leaves it; 0 if none.
size_t SeparatorLength(std::string_view text, size_t pos) {
  if (pos < text.size() && text[pos] == ' ') return 1;
  size_t length = 0;
  return CodePointAt(text, pos, &length) == 0x00A0 ? length : 0;
}

size_t AlnumRunEnd(std::string_view text, size_t pos) {
  while (pos < text.size() && IsAsciiAlnum(text[pos])) ++pos;
  return pos;
}

// Every outward code starts with one or two letters then a digit, or is
// GIR: a byte test that turns away almost every word before any copying.
bool MayStartPostcode(std::string_view text, size_t begin) {
  const auto at = [&](size_t i) { return begin + i < text.size() ? text[begin + i] : '\0'; };
  if (IsAsciiDigit(at(1)) || (IsAsciiAlpha(at(1)) && IsAsciiDigit(at(2)))) return true;
  return AsciiToUpper(at(0)) == 'G' && AsciiToUpper(at(1)) == 'I' && AsciiToUpper(at(2)) == 'R';
}

// The postcode whose first letter is at `begin` (a token start), if any.
std::optional<Selector> MatchPostcodeAt(std::string_view text, size_t begin) {
  if (!MayStartPostcode(text, begin)) return std::nullopt;
  const size_t first_end = AlnumRunEnd(text, begin);
  const std::string first = Upper(text.substr(begin, first_end - begin));
  std::optional<std::string> value;
  size_t end = first_end;
  if (const size_t sep = SeparatorLength(text, first_end); sep > 0) {
    const size_t second_end = AlnumRunEnd(text, first_end + sep);
    const std::string second = Upper(text.substr(first_end + sep, second_end - first_end - sep));
    if (!IsWordChar(CodePointAt(text, second_end))) {
      value = Format(first, second);
      end = second_end;
    }
  }
  if (!value && first.size() > kInwardLength && !IsWordChar(CodePointAt(text, first_end))) {
    const size_t split = first.size() - kInwardLength;
    value = Format(first.substr(0, split), first.substr(split));
    end = first_end;
  }
  if (!value) return std::nullopt;
  Selector selector;
  selector.kind = SelectorKind::kPostcode;
  selector.value = std::move(*value);
  selector.begin = begin;
  selector.end = end;
  selector.raw = std::string(text.substr(begin, end - begin));
  return selector;
}

}  // namespace

std::vector<Selector> ExtractPostcodes(std::string_view text) {
  std::vector<Selector> postcodes;
  // Every postcode has a digit at most kMaxDigitReach bytes after its first
  // letter ("B1", "EC1A", "GIR\u00A00AA"), and digits are rare in prose: scan
  // for digits and look back for token starts, in text order, each once.
  constexpr size_t kMaxDigitReach = 5;
  size_t next = 0;  // token starts before this were looked at or lie inside a match
  for (size_t digit = FindAsciiDigit(text, 0); digit < text.size();
       digit = FindAsciiDigit(text, digit + 1)) {
    for (size_t t = std::max(next, digit > kMaxDigitReach ? digit - kMaxDigitReach : 0); t < digit;
         ++t) {
      next = t + 1;
      if (!IsAsciiAlpha(text[t]) || IsWordChar(CodePointBefore(text, t))) continue;
      if (std::optional<Selector> postcode = MatchPostcodeAt(text, t)) {
        next = postcode->end;
        postcodes.push_back(std::move(*postcode));
        break;
      }
    }
  }
  return postcodes;
}

std::optional<std::string> NormalizePostcode(std::string_view input) {
  std::string compact;
  for (size_t pos = 0, length = 0; pos < input.size(); pos += length) {
    const char32_t c = CodePointAt(input, pos, &length);
    if (IsSpace(c)) continue;
    if (c > 0x7F || !IsAsciiAlnum(static_cast<char>(c))) return std::nullopt;
    compact += AsciiToUpper(static_cast<char>(c));
  }
  if (compact.size() <= kInwardLength) return std::nullopt;
  const size_t split = compact.size() - kInwardLength;
  return Format(compact.substr(0, split), compact.substr(split));
}

}  // namespace harrier::extractors
