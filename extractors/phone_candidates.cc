#include "extractors/phone_candidates.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

// The matcher gives up after this many candidate runs; a huge paste of
// digits should not stall a parse worker. The digit-group generator still
// covers the rest of the text.
constexpr int kMaxMatcherTries = 2000;

// E.164 allows 15 digits; "00" international prefix makes 17. The fewest:
// a national number of 8 digits with its trunk prefix, or "+" and a short
// number (the UK's are 10 or 11 with the 0).
constexpr size_t kMinDigits = 9;
constexpr size_t kMaxDigits = 17;

// Separators allowed between two digit groups of one number.
constexpr size_t kMaxGapChars = 4;
constexpr size_t kMaxGapPunctuation = 2;

// A run of more than kMaxDigits digits holds no phone number (one would
// touch a digit at its ends), but the matcher's regexes take seconds over a
// 100 kB run. Replaces such runs with '_', keeping every byte offset.
std::string MaskLongDigitRuns(std::string_view text) {
  std::string masked(text);
  size_t pos = 0;
  while (pos < masked.size()) {
    if (!IsAsciiDigit(masked[pos])) {
      ++pos;
      continue;
    }
    size_t end = pos;
    while (end < masked.size() && IsAsciiDigit(masked[end])) ++end;
    if (end - pos > kMaxDigits) std::fill(masked.begin() + pos, masked.begin() + end, '_');
    pos = end;
  }
  return masked;
}

class LibphonenumberGenerator : public PhoneCandidateGenerator {
 public:
  explicit LibphonenumberGenerator(std::string region) : region_(std::move(region)) {}

  void Generate(std::string_view text, std::vector<PhoneCandidate>* out) const override {
    // The matcher reports byte offsets into the UTF-8 string it was given.
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumberMatcher matcher(util, MaskLongDigitRuns(text), region_, PhoneNumberMatcher::POSSIBLE,
                               kMaxMatcherTries);
    PhoneNumberMatch match;
    while (matcher.HasNext() && matcher.Next(&match)) {
      if (match.start() < 0 || match.length() <= 0) continue;
      const auto begin = static_cast<size_t>(match.start());
      const size_t end = begin + static_cast<size_t>(match.length());
      if (end > text.size()) continue;
      out->push_back({begin, end, match.raw_string(), 1.0, {}});
    }
  }

 private:
  const std::string region_;
};

struct DigitGroup {
  size_t begin = 0;  // first digit
  size_t end = 0;
  bool plus = false;          // written with a leading '+'
  bool encoded_plus = false;  // ... as "%2B"
  bool link = false;          // in a messenger link, international without '+'
};

// "wa.me/40731264805", "api.whatsapp.com/send?phone=40731264805": messenger
// links always carry the country code and never the '+'.
bool AfterMessengerLink(std::string_view text, size_t pos) {
  if (pos == 0 || (text[pos - 1] != '/' && text[pos - 1] != '=')) return false;
  constexpr std::string_view kPrefixes[] = {"wa.me/", "send?phone=", "send/?phone="};
  for (std::string_view prefix : kPrefixes) {
    if (pos < prefix.size()) continue;
    const std::string_view before = text.substr(pos - prefix.size(), prefix.size());
    if (std::equal(before.begin(), before.end(), prefix.begin(), prefix.end(),
                   [](char a, char b) { return AsciiToLower(a) == b; })) {
      return true;
    }
  }
  return false;
}

bool IsLineBreak(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

// Dashes a word processor or HTML entity puts where a typist used '-'.
bool IsDash(char32_t c) { return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212; }

bool IsPunctuationSeparator(char32_t c) { return c == '.' || c == '(' || c == ')' || IsDash(c); }

// A gap of line breaks, spaces and a little punctuation between two groups
// whose lines hold digits only ("<td>07700</td><td>900</td>" after
// markup removal): may be this long.
constexpr size_t kMaxStackedGapChars = 24;
// Characters between a group and the line breaks around it on a line of
// digits only.
constexpr size_t kMaxLineMargin = 20;

struct Gap {
  bool joins = false;
  bool line_break = false;
  bool stacked = false;  // breaks, spaces, punctuation: joins lines of digits only
};

// Whether text[begin, end) may sit between two groups of one number:
// a few spaces, dots, dashes or brackets and at most one line break ("\r\n"
// counts once).
Gap ClassifyGap(std::string_view text, size_t begin, size_t end) {
  Gap gap;
  size_t chars = 0, punctuation = 0, breaks = 0;
  for (size_t pos = begin, length = 0; pos < end; pos += length) {
    const char32_t c = CodePointAt(text, pos, &length);
    if (length == 0) return gap;
    ++chars;
    if (IsLineBreak(c)) {
      if (!(c == '\n' && pos > begin && text[pos - 1] == '\r')) ++breaks;
    } else if (IsPunctuationSeparator(c)) {
      ++punctuation;
    } else if (!IsSpace(c)) {
      return gap;
    }
  }
  gap.joins = chars <= kMaxGapChars && punctuation <= kMaxGapPunctuation && breaks <= 1;
  gap.line_break = breaks > 0;
  gap.stacked = breaks > 0 && chars <= kMaxStackedGapChars && punctuation <= kMaxGapPunctuation;
  return gap;
}

bool IsLineMargin(char32_t c) { return IsSpace(c) && !IsLineBreak(c); }

// Whether the group's line holds digits only: nothing but other digit
// groups, spaces and separators between it and the line breaks (or text
// ends) around it ("<p>07700</p><p>900 404</p>"), never a word or a price.
bool OnDigitsOnlyLine(std::string_view text, const DigitGroup& group) {
  auto allowed = [](char32_t c) {
    return IsLineMargin(c) || IsPunctuationSeparator(c) || (c >= '0' && c <= '9');
  };
  size_t pos = group.begin;
  for (size_t n = 0;; ++n) {
    if (pos == 0) break;
    const size_t prev = CharStartAtOrBefore(text, pos - 1);
    const char32_t c = CodePointAt(text, prev);
    if (IsLineBreak(c)) break;
    if (n >= kMaxLineMargin || !allowed(c)) return false;
    pos = prev;
  }
  pos = group.end;
  for (size_t n = 0, length = 0; pos < text.size(); ++n, pos += length) {
    const char32_t c = CodePointAt(text, pos, &length);
    if (IsLineBreak(c)) break;
    if (length == 0 || n >= kMaxLineMargin || !allowed(c)) return false;
  }
  return true;
}

// Whether groups a and b (a before b) may be parts of one number.
Gap JoinGap(std::string_view text, const DigitGroup& a, const DigitGroup& b) {
  Gap gap = ClassifyGap(text, a.end, b.begin);
  if (!gap.joins && gap.stacked && OnDigitsOnlyLine(text, a) && OnDigitsOnlyLine(text, b))
    gap.joins = true;
  return gap;
}

// The first ASCII digit at or after `pos`, eight bytes at a time: advert
// text is mostly letters, and this scan runs over all of it.
size_t NextDigit(std::string_view text, size_t pos) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  while (pos + 8 <= text.size()) {
    uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    const uint64_t t = word ^ (kOnes * '0');  // digits become bytes 0..9
    // Whether some byte of t is below 10 (Hacker's Delight "hasless").
    if (((t - kOnes * 10) & ~t & (kOnes * 0x80)) != 0) break;
    pos += 8;
  }
  while (pos < text.size() && !IsAsciiDigit(text[pos])) ++pos;
  return pos;
}

std::vector<DigitGroup> FindDigitGroups(std::string_view text) {
  std::vector<DigitGroup> groups;
  groups.reserve(64);
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsAsciiDigit(text[pos])) {
      pos = NextDigit(text, pos);
      continue;
    }
    DigitGroup group;
    group.begin = pos;
    group.plus = pos > 0 && text[pos - 1] == '+';
    // "viber://chat?number=%2B447700900123": a URL-encoded '+'.
    group.encoded_plus = pos >= 3 && text[pos - 3] == '%' && text[pos - 2] == '2' &&
                         (text[pos - 1] == 'B' || text[pos - 1] == 'b');
    group.link = !group.plus && !group.encoded_plus && AfterMessengerLink(text, pos);
    group.plus = group.plus || group.encoded_plus || group.link;
    while (pos < text.size() && IsAsciiDigit(text[pos])) ++pos;
    group.end = pos;
    groups.push_back(group);
  }
  return groups;
}

// "0 7 7 0 0 9 0 0 1 2 3 4" is twelve digits, not a number and a "4":
// when the groups are single digits, a proposal may not stop before one more
// single digit that joins.
bool CutsSpacedDigits(std::string_view text, const std::vector<DigitGroup>& groups, size_t first,
                      size_t last) {
  if (last + 1 >= groups.size()) return false;
  const DigitGroup& next = groups[last + 1];
  if (next.end - next.begin != 1 || next.plus || text[next.begin] == '0') return false;
  const Gap gap = ClassifyGap(text, groups[last].end, next.begin);
  if (!gap.joins || gap.line_break) return false;
  size_t single = 0;
  for (size_t k = first; k <= last; ++k) single += groups[k].end - groups[k].begin == 1 ? 1 : 0;
  return single * 2 >= last - first + 1;
}

// Proposes every run of whole groups [first, last] from `first` while it
// holds kMinDigits..kMaxDigits digits and the gaps join.
void ProposeFrom(std::string_view text, const std::vector<DigitGroup>& groups, size_t first,
                 std::vector<PhoneCandidate>* out) {
  const DigitGroup& head = groups[first];
  if (!head.plus && text[head.begin] != '0') return;
  std::string number = head.plus ? "+" : "";
  size_t digits = 0;
  bool line_break = false;
  for (size_t last = first; last < groups.size(); ++last) {
    const DigitGroup& group = groups[last];
    if (last > first) {
      if (group.plus) return;  // a '+' starts another number
      const Gap gap = JoinGap(text, groups[last - 1], group);
      if (!gap.joins) return;
      line_break = line_break || gap.line_break;
      number += ' ';
    }
    digits += group.end - group.begin;
    if (digits > kMaxDigits) return;
    number.append(text.substr(group.begin, group.end - group.begin));
    if (digits < kMinDigits || CutsSpacedDigits(text, groups, first, last)) continue;
    size_t begin = head.encoded_plus ? head.begin - 3
                   : head.link       ? head.begin
                   : head.plus       ? head.begin - 1
                                     : head.begin;
    // "(07700) 900123": keep the bracket so raw reads as written.
    std::string_view span = text.substr(begin, group.end - begin);
    if (begin > 0 && text[begin - 1] == '(' && span.find(')') != std::string_view::npos) {
      --begin;
    }
    out->push_back({begin, group.end, number, line_break ? kLineBreakConfidence : 1.0, {}});
  }
}

class DigitGroupGenerator : public PhoneCandidateGenerator {
 public:
  void Generate(std::string_view text, std::vector<PhoneCandidate>* out) const override {
    const std::vector<DigitGroup> groups = FindDigitGroups(text);
    const size_t limit = out->size() + kMaxDigitGroupCandidates;
    for (size_t first = 0; first < groups.size() && out->size() < limit; ++first) {
      ProposeFrom(text, groups, first, out);
    }
  }
};

}  // namespace

std::shared_ptr<const PhoneCandidateGenerator> NewLibphonenumberGenerator(std::string region) {
  return std::make_shared<LibphonenumberGenerator>(std::move(region));
}

std::shared_ptr<const PhoneCandidateGenerator> NewDigitGroupGenerator() {
  return std::make_shared<DigitGroupGenerator>();
}

}  // namespace harrier::extractors
