#include "extractors/number_words.h"

#include <array>
#include <string_view>
#include <vector>

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

using K = NumberWordKind;

struct Entry {
  std::string_view word;  // lower case UTF-8
  K kind;
  std::string_view digits;
  uint8_t languages;
  bool weak;
};

constexpr uint8_t kEn = kLangEnglish, kRo = kLangRomanian, kPl = kLangPolish, kHu = kLangHungarian,
                  kSq = kLangAlbanian, kVi = kLangVietnamese, kZh = kLangChinese;

// Spellings as advertisers write them, with and without diacritics (both
// Romanian s-comma U+0219 and s-cedilla U+015F). Weak words are short or are
// ordinary words elsewhere ("hat", "opt", "nam", "o").
constexpr Entry kEntries[] = {
    // English.
    {"zero", K::kDigits, "0", kEn | kRo | kPl | kSq, false},
    {"oh", K::kDigits, "0", kEn, false},
    {"o", K::kDigits, "0", kEn, true},
    {"nought", K::kDigits, "0", kEn, false},
    {"nil", K::kDigits, "0", kEn, false},
    {"one", K::kDigits, "1", kEn, false},
    {"two", K::kDigits, "2", kEn, false},
    {"three", K::kDigits, "3", kEn, false},
    {"four", K::kDigits, "4", kEn, false},
    {"five", K::kDigits, "5", kEn, false},
    {"six", K::kDigits, "6", kEn, false},
    {"seven", K::kDigits, "7", kEn, false},
    {"eight", K::kDigits, "8", kEn, false},
    {"nine", K::kDigits, "9", kEn, false},
    {"ten", K::kDigits, "10", kEn, false},
    {"eleven", K::kDigits, "11", kEn, false},
    {"twelve", K::kDigits, "12", kEn, false},
    {"thirteen", K::kDigits, "13", kEn, false},
    {"fourteen", K::kDigits, "14", kEn, false},
    {"fifteen", K::kDigits, "15", kEn, false},
    {"sixteen", K::kDigits, "16", kEn, false},
    {"seventeen", K::kDigits, "17", kEn, false},
    {"eighteen", K::kDigits, "18", kEn, false},
    {"nineteen", K::kDigits, "19", kEn, false},
    {"twenty", K::kTens, "2", kEn, false},
    {"thirty", K::kTens, "3", kEn, false},
    {"forty", K::kTens, "4", kEn, false},
    {"fourty", K::kTens, "4", kEn, false},
    {"fifty", K::kTens, "5", kEn, false},
    {"sixty", K::kTens, "6", kEn, false},
    {"seventy", K::kTens, "7", kEn, false},
    {"eighty", K::kTens, "8", kEn, false},
    {"ninety", K::kTens, "9", kEn, false},
    {"hundred", K::kDigits, "00", kEn, false},  // "seven seven hundred" = 7700
    {"thousand", K::kDigits, "000", kEn, false},
    {"double", K::kMultiplier, "2", kEn, false},
    {"dbl", K::kMultiplier, "2", kEn, false},
    {"triple", K::kMultiplier, "3", kEn, false},
    {"treble", K::kMultiplier, "3", kEn, false},
    {"plus", K::kPlus, "+", kEn, false},
    // Romanian.
    {"unu", K::kDigits, "1", kRo, false},
    {"doi", K::kDigits, "2", kRo, false},
    {"două", K::kDigits, "2", kRo, false},
    {"trei", K::kDigits, "3", kRo, false},
    {"patru", K::kDigits, "4", kRo, false},
    {"cinci", K::kDigits, "5", kRo, false},
    {"șase", K::kDigits, "6", kRo, false},
    {"şase", K::kDigits, "6", kRo, false},
    {"sase", K::kDigits, "6", kRo, false},
    {"șapte", K::kDigits, "7", kRo, false},
    {"şapte", K::kDigits, "7", kRo, false},
    {"sapte", K::kDigits, "7", kRo, false},
    {"opt", K::kDigits, "8", kRo, true},
    {"nouă", K::kDigits, "9", kRo, false},
    {"noua", K::kDigits, "9", kRo, false},
    // Polish.
    {"jeden", K::kDigits, "1", kPl, false},
    {"dwa", K::kDigits, "2", kPl, false},
    {"trzy", K::kDigits, "3", kPl, false},
    {"cztery", K::kDigits, "4", kPl, false},
    {"pięć", K::kDigits, "5", kPl, false},
    {"piec", K::kDigits, "5", kPl, false},
    {"sześć", K::kDigits, "6", kPl, false},
    {"szesc", K::kDigits, "6", kPl, false},
    {"siedem", K::kDigits, "7", kPl, false},
    {"osiem", K::kDigits, "8", kPl, false},
    {"dziewięć", K::kDigits, "9", kPl, false},
    {"dziewiec", K::kDigits, "9", kPl, false},
    // Hungarian.
    {"nulla", K::kDigits, "0", kHu, false},
    {"egy", K::kDigits, "1", kHu, true},
    {"kettő", K::kDigits, "2", kHu, false},
    {"ketto", K::kDigits, "2", kHu, false},
    {"két", K::kDigits, "2", kHu, true},
    {"ket", K::kDigits, "2", kHu, true},
    {"három", K::kDigits, "3", kHu, false},
    {"harom", K::kDigits, "3", kHu, false},
    {"négy", K::kDigits, "4", kHu, false},
    {"negy", K::kDigits, "4", kHu, false},
    {"öt", K::kDigits, "5", kHu, true},
    {"hat", K::kDigits, "6", kHu, true},
    {"hét", K::kDigits, "7", kHu, true},
    {"het", K::kDigits, "7", kHu, true},
    {"nyolc", K::kDigits, "8", kHu, false},
    {"kilenc", K::kDigits, "9", kHu, false},
    // Albanian.
    {"një", K::kDigits, "1", kSq, true},
    {"nje", K::kDigits, "1", kSq, true},
    {"dy", K::kDigits, "2", kSq, true},
    {"tre", K::kDigits, "3", kSq, true},
    {"katër", K::kDigits, "4", kSq, false},
    {"kater", K::kDigits, "4", kSq, false},
    {"pesë", K::kDigits, "5", kSq, false},
    {"pese", K::kDigits, "5", kSq, false},
    {"gjashtë", K::kDigits, "6", kSq, false},
    {"gjashte", K::kDigits, "6", kSq, false},
    {"shtatë", K::kDigits, "7", kSq, false},
    {"shtate", K::kDigits, "7", kSq, false},
    {"tetë", K::kDigits, "8", kSq, false},
    {"tete", K::kDigits, "8", kSq, true},
    {"nëntë", K::kDigits, "9", kSq, false},
    {"nente", K::kDigits, "9", kSq, false},
    // Vietnamese.
    {"không", K::kDigits, "0", kVi, false},
    {"khong", K::kDigits, "0", kVi, true},
    {"một", K::kDigits, "1", kVi, false},
    {"mot", K::kDigits, "1", kVi, true},
    {"hai", K::kDigits, "2", kVi, true},
    {"ba", K::kDigits, "3", kVi, true},
    {"bốn", K::kDigits, "4", kVi, false},
    {"bon", K::kDigits, "4", kVi, true},
    {"năm", K::kDigits, "5", kVi, false},
    {"nam", K::kDigits, "5", kVi, true},
    {"sáu", K::kDigits, "6", kVi, false},
    {"sau", K::kDigits, "6", kVi, true},
    {"bảy", K::kDigits, "7", kVi, false},
    {"bay", K::kDigits, "7", kVi, true},
    {"tám", K::kDigits, "8", kVi, false},
    {"tam", K::kDigits, "8", kVi, true},
    {"chín", K::kDigits, "9", kVi, false},
    {"chin", K::kDigits, "9", kVi, true},
    // Chinese numerals, everyday and financial (and 幺, "one" read aloud).
    {"〇", K::kDigits, "0", kZh, false},
    {"零", K::kDigits, "0", kZh, false},
    {"一", K::kDigits, "1", kZh, false},
    {"幺", K::kDigits, "1", kZh, false},
    {"壹", K::kDigits, "1", kZh, false},
    {"二", K::kDigits, "2", kZh, false},
    {"两", K::kDigits, "2", kZh, false},
    {"贰", K::kDigits, "2", kZh, false},
    {"三", K::kDigits, "3", kZh, false},
    {"叁", K::kDigits, "3", kZh, false},
    {"四", K::kDigits, "4", kZh, false},
    {"肆", K::kDigits, "4", kZh, false},
    {"五", K::kDigits, "5", kZh, false},
    {"伍", K::kDigits, "5", kZh, false},
    {"六", K::kDigits, "6", kZh, false},
    {"陆", K::kDigits, "6", kZh, false},
    {"七", K::kDigits, "7", kZh, false},
    {"柒", K::kDigits, "7", kZh, false},
    {"八", K::kDigits, "8", kZh, false},
    {"捌", K::kDigits, "8", kZh, false},
    {"九", K::kDigits, "9", kZh, false},
    {"玖", K::kDigits, "9", kZh, false},
};

// Leet digits and the letters they stand for inside a word.
bool LeetMatches(char text, char letter) {
  switch (text) {
    case '0':
      return letter == 'o';
    case '1':
      return letter == 'i' || letter == 'l';
    case '3':
      return letter == 'e';
    case '4':
      return letter == 'a';
    case '5':
      return letter == 's';
    case '7':
      return letter == 't';
    default:
      return false;
  }
}

using Buckets = std::array<std::vector<const Entry*>, 256>;

// Entries by the first byte of their word.
const Buckets& EntriesByInitial() {
  static const Buckets* buckets = [] {
    auto* b = new Buckets();
    for (const Entry& e : kEntries) (*b)[static_cast<unsigned char>(e.word[0])].push_back(&e);
    return b;
  }();
  return *buckets;
}

// Bytes of `text` from `pos` against `word`; returns the matched length or 0.
// `leet` counts digits read as letters; `letters` the real letters.
size_t MatchAt(std::string_view text, size_t pos, std::string_view word, int* leet) {
  if (pos + word.size() > text.size()) return 0;
  int letters = 0;
  *leet = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    const char t = text[pos + i];
    const char w = word[i];
    if (AsciiToLower(t) == w) {
      letters += IsAsciiAlpha(t) ? 1 : 0;
    } else if (IsAsciiDigit(t) && LeetMatches(t, w)) {
      ++*leet;
    } else {
      return 0;
    }
  }
  // "f0ur" yes; "ot" from "o7", "10" as "io" no.
  if (*leet > 0 && (word.size() < 3 || letters < 2)) return 0;
  return word.size();
}

void TryBucket(std::string_view text, size_t pos, char initial, NumberWordMatch* best) {
  for (const Entry* e : EntriesByInitial()[static_cast<unsigned char>(initial)]) {
    int leet = 0;
    const size_t length = MatchAt(text, pos, e->word, &leet);
    if (length <= best->length) continue;
    *best = {length, e->kind, e->digits, e->languages, e->weak, leet > 0};
  }
}

// The forms a lexicon byte takes in text: itself, upper case, leet digits.
std::vector<unsigned char> Forms(char w) {
  std::vector<unsigned char> forms = {static_cast<unsigned char>(w),
                                      static_cast<unsigned char>(AsciiToUpper(w))};
  for (char d : {'0', '1', '3', '4', '5', '7'}) {
    if (LeetMatches(d, w)) forms.push_back(static_cast<unsigned char>(d));
  }
  return forms;
}

// Whether some word of two or more bytes starts with bytes (a, b): a 64 kbit
// table, so that ordinary words are dismissed after two lookups.
bool MayStartPair(unsigned char a, unsigned char b) {
  static const std::vector<bool>* table = [] {
    auto* t = new std::vector<bool>(1u << 16);
    for (const Entry& e : kEntries) {
      if (e.word.size() < 2) continue;
      for (unsigned char x : Forms(e.word[0])) {
        for (unsigned char y : Forms(e.word[1])) (*t)[(x << 8) | y] = true;
      }
    }
    return t;
  }();
  return (*table)[(a << 8) | b];
}

}  // namespace

NumberWordMatch MatchNumberWord(std::string_view text, size_t pos) {
  NumberWordMatch best;
  if (pos + 1 >= text.size()) {
    if (pos < text.size()) TryBucket(text, pos, AsciiToLower(text[pos]), &best);  // "o"
    return best;
  }
  const char c = text[pos];
  if (!MayStartPair(static_cast<unsigned char>(c), static_cast<unsigned char>(text[pos + 1]))) {
    // Only the one-letter "o" is left: most words stop here after two bytes.
    if (c == 'o' || c == 'O') TryBucket(text, pos, 'o', &best);
    return best;
  }
  if (IsAsciiDigit(c)) {
    for (char letter : {'o', 'i', 'l', 'e', 'a', 's', 't'}) {
      if (LeetMatches(c, letter)) TryBucket(text, pos, letter, &best);
    }
    return best;
  }
  TryBucket(text, pos, AsciiToLower(c), &best);
  return best;
}

bool MayStartNumberWord(unsigned char c) {
  static const std::array<bool, 256>* table = [] {
    auto* t = new std::array<bool, 256>();
    for (const Entry& e : kEntries) {
      const auto first = static_cast<unsigned char>(e.word[0]);
      (*t)[first] = true;
      (*t)[static_cast<unsigned char>(AsciiToUpper(static_cast<char>(first)))] = true;
    }
    for (char d : {'0', '1', '3', '4', '5', '7'}) (*t)[static_cast<unsigned char>(d)] = true;
    return t;
  }();
  return (*table)[c];
}

std::string_view RegionForLanguage(uint8_t language) {
  switch (language) {
    case kLangRomanian:
      return "RO";
    case kLangPolish:
      return "PL";
    case kLangHungarian:
      return "HU";
    case kLangAlbanian:
      return "AL";
    case kLangVietnamese:
      return "VN";
    case kLangChinese:
      return "CN";
    default:
      return "";
  }
}

}  // namespace harrier::extractors
