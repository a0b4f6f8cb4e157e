#include "extractors/phone_prefix_cues.h"

#include <algorithm>
#include <vector>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

// Words within this distance of the prefix word make it an instruction.
constexpr size_t kMaxWordDistance = 3;
constexpr size_t kMaxWordBytes = 12;

constexpr std::string_view kCueWords[] = {"front",    "first", "start",  "starts",
                                          "starting", "begin", "begins", "beginning",
                                          "add",      "put",   "prefix", "before"};

// ASCII words of text[begin, end) as written; a '+' sticks to the digits
// after it. Views into the text: no allocation per word.
std::vector<std::string_view> Words(std::string_view text, size_t begin, size_t end) {
  std::vector<std::string_view> words;
  size_t pos = begin;
  while (pos < end) {
    const char c = text[pos];
    const bool plus = c == '+' && pos + 1 < end && IsAsciiDigit(text[pos + 1]);
    if (!IsAsciiAlnum(c) && !plus) {
      ++pos;
      continue;
    }
    size_t stop = pos + 1;
    while (stop < end && IsAsciiAlnum(text[stop])) ++stop;
    words.push_back(text.substr(pos, stop - pos));
    pos = stop;
  }
  return words;
}

// `word` equals the lower-case `lower`, ASCII case-insensitively.
bool EqualsLower(std::string_view word, std::string_view lower) {
  return word.size() == lower.size() &&
         std::equal(word.begin(), word.end(), lower.begin(),
                    [](char a, char b) { return AsciiToLower(a) == b; });
}

bool IsCueWord(std::string_view word) {
  if (word.size() > kMaxWordBytes) return false;
  return std::any_of(std::begin(kCueWords), std::end(kCueWords),
                     [word](std::string_view cue) { return EqualsLower(word, cue); });
}

// "+44", "+40", "+1": a '+' and one to three digits.
bool IsCountryCode(std::string_view word) {
  if (word.size() < 2 || word.size() > 4 || word[0] != '+') return false;
  return std::all_of(word.begin() + 1, word.end(), [](char c) { return IsAsciiDigit(c); });
}

std::string PrefixIn(const std::vector<std::string_view>& words) {
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    std::string prefix;
    if (EqualsLower(w, "0") || EqualsLower(w, "zero")) {
      prefix = "0";
    } else if (IsCountryCode(w)) {
      prefix = w;
    } else {
      continue;
    }
    const size_t from = i > kMaxWordDistance ? i - kMaxWordDistance : 0;
    const size_t to = std::min(words.size(), i + kMaxWordDistance + 1);
    for (size_t j = from; j < to; ++j) {
      if (IsCueWord(words[j])) return prefix;
    }
  }
  return "";
}

// A cheap first look: a '+', a 'z' (of "zero") or a "0" standing alone.
bool MayHoldPrefix(std::string_view text, size_t begin, size_t end) {
  for (size_t pos = begin; pos < end; ++pos) {
    const char c = text[pos];
    if (c == '+' || c == 'z' || c == 'Z') return true;
    if (c == '0' && (pos == 0 || !IsAsciiDigit(text[pos - 1])) &&
        (pos + 1 >= text.size() || !IsAsciiDigit(text[pos + 1]))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string PrefixInstructionNear(std::string_view text, size_t begin, size_t end) {
  if (begin > end || end > text.size()) return "";
  const size_t before = begin > kPrefixCueWindow ? begin - kPrefixCueWindow : 0;
  const size_t after = std::min(text.size(), end + kPrefixCueWindow);
  std::string prefix;
  if (MayHoldPrefix(text, end, after)) prefix = PrefixIn(Words(text, end, after));
  if (prefix.empty() && MayHoldPrefix(text, before, begin)) {
    prefix = PrefixIn(Words(text, before, begin));
  }
  return prefix;
}

}  // namespace harrier::extractors
