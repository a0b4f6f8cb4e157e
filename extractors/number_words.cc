#include "extractors/number_words.h"

#include <algorithm>
#include <array>
#include <string>
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
    {"hundred", K::kHundred, "00", kEn, false},  // "seven seven hundred" = 7700
    {"and", K::kAnd, "", kEn, true},
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

// Words read aloud like a digit; weak, and whole words only (the caller
// checks the run around them).
constexpr Entry kHomophones[] = {
    {"ate", K::kDigits, "8", kEn, true}, {"to", K::kDigits, "2", kEn, true},
    {"too", K::kDigits, "2", kEn, true}, {"for", K::kDigits, "4", kEn, true},
    {"won", K::kDigits, "1", kEn, true},
};

bool IsHomophone(const Entry& e) {
  return &e >= std::begin(kHomophones) && &e < std::end(kHomophones);
}

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

// Bytes of `text` from `pos` against `word`; returns the matched length or 0.
// `leet` counts digits read as letters; `letters` the real letters.
// Lower case of the capitals in the Latin ranges the lexicon uses
// (Latin-1, Latin Extended-A, Romanian S/T with comma, Vietnamese): "ŞAPTE",
// "DZIEWIĘĆ", "KHÔNG". Upper and lower forms have the same UTF-8 length.
char32_t FoldLatin(char32_t c) {
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  const bool even = c % 2 == 0;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x218 && c <= 0x21B) ||
      (c >= 0x1EA0 && c <= 0x1EF9)) {
    return even ? c + 1 : c;
  }
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return even ? c : c + 1;
  return c;
}

// Bytes of `text` from `pos` against `word`; returns the matched length or 0.
// `leet` counts digits read as letters.
size_t MatchAt(std::string_view text, size_t pos, std::string_view word, int* leet) {
  if (pos + word.size() > text.size()) return 0;
  int letters = 0;
  *leet = 0;
  for (size_t i = 0; i < word.size();) {
    const char t = text[pos + i];
    const char w = word[i];
    if (static_cast<unsigned char>(t) >= 0x80) {
      // Whole characters: a byte-wise match could end inside one.
      size_t text_length = 0, word_length = 0;
      const char32_t tc = CodePointAt(text, pos + i, &text_length);
      const char32_t wc = CodePointAt(word, i, &word_length);
      if (text_length != word_length || text_length == 0 || FoldLatin(tc) != wc) return 0;
      ++letters;
      i += word_length;
    } else if (AsciiToLower(t) == w) {
      letters += IsAsciiAlpha(t) ? 1 : 0;
      ++i;
    } else if (IsAsciiDigit(t) && LeetMatches(t, w)) {
      ++*leet;
      ++i;
    } else {
      return 0;
    }
  }
  // "f0ur" yes; "ot" from "o7", "10" as "io" no.
  if (*leet > 0 && (word.size() < 3 || letters < 2)) return 0;
  return word.size();
}

// The capital of a lower-case letter FoldLatin folds, else `c`.
char32_t UpperLatin(char32_t c) {
  for (char32_t upper : {c - 0x20, c - 1}) {
    if (upper != c && FoldLatin(upper) == c) return upper;
  }
  return c;
}

void TryEntries(std::string_view text, size_t pos, const std::vector<const Entry*>& entries,
                NumberWordMatch* best) {
  for (const Entry* e : entries) {
    int leet = 0;
    const size_t length = MatchAt(text, pos, e->word, &leet);
    if (length <= best->length) continue;
    // Homophones as written only: "f0r" is not a leet "for".
    if (leet > 0 && IsHomophone(*e)) continue;
    *best = {length, e->kind, e->digits, e->languages, e->weak, leet > 0, IsHomophone(*e)};
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

}  // namespace

namespace {

// Entries of two or more bytes by the first two bytes they may take in text
// (case and leet forms): slot 0 is empty; kPairSlot maps a pair to its list.
struct PairIndex {
  std::vector<uint16_t> slot = std::vector<uint16_t>(1u << 16, 0);
  std::vector<std::vector<const Entry*>> lists = std::vector<std::vector<const Entry*>>(1);
  const Entry* single_o = nullptr;  // the one-letter word "o"
  std::vector<NumberWordPair> pair_kind = std::vector<NumberWordPair>(1u << 16);
  // Per list: the third bytes its entries have (bit per byte value), and
  // whether one entry is two bytes long (complete after the pair).
  std::vector<std::array<uint64_t, 4>> third = std::vector<std::array<uint64_t, 4>>(1);
  std::vector<uint8_t> two_bytes = std::vector<uint8_t>(1);
};

bool IsWholeWordOnly(const Entry& e) { return IsHomophone(e) || e.kind == K::kAnd; }

const PairIndex& Pairs() {
  static const PairIndex* index = [] {
    auto* p = new PairIndex();
    std::vector<const Entry*> all;
    for (const Entry& e : kEntries) all.push_back(&e);
    for (const Entry& e : kHomophones) all.push_back(&e);
    for (const Entry* entry : all) {
      const Entry& e = *entry;
      if (e.word.size() < 2) {
        p->single_o = &e;
        continue;
      }
      auto add = [&](unsigned char x, unsigned char y) {
        uint16_t& slot = p->slot[(x << 8) | y];
        if (slot == 0) {
          slot = static_cast<uint16_t>(p->lists.size());
          p->lists.emplace_back();
          p->third.emplace_back();
          p->two_bytes.push_back(0);
        }
        p->lists[slot].push_back(&e);
        if (e.word.size() == 2) {
          p->two_bytes[slot] = 1;
        } else {
          const auto c = static_cast<unsigned char>(e.word[2]);
          p->third[slot][c >> 6] |= uint64_t{1} << (c & 63);
        }
      };
      for (unsigned char x : Forms(e.word[0])) {
        for (unsigned char y : Forms(e.word[1])) add(x, y);
      }
      // A word opening with a non-ASCII letter, written as a capital.
      size_t length = 0;
      const char32_t first = CodePointAt(e.word, 0, &length);
      const std::string upper = EncodeUtf8(UpperLatin(first));
      if (first >= 0x80 && upper.size() >= 2 && upper != e.word.substr(0, length)) {
        add(static_cast<unsigned char>(upper[0]), static_cast<unsigned char>(upper[1]));
      }
    }
    for (size_t pair = 0; pair < p->slot.size(); ++pair) {
      const auto& list = p->lists[p->slot[pair]];
      if (list.empty()) continue;
      p->pair_kind[pair] =
          std::all_of(list.begin(), list.end(), [](const Entry* e) { return IsWholeWordOnly(*e); })
              ? NumberWordPair::kWholeWordsOnly
              : NumberWordPair::kAny;
    }
    return p;
  }();
  return *index;
}

}  // namespace

bool MayStartNumberWordPair(unsigned char a, unsigned char b) {
  return Pairs().slot[(a << 8) | b] != 0;
}

NumberWordPair ClassifyNumberWordPair(unsigned char a, unsigned char b) {
  return Pairs().pair_kind[(a << 8) | b];
}

const NumberWordPair* NumberWordPairTable() { return Pairs().pair_kind.data(); }

NumberWordMatch MatchNumberWord(std::string_view text, size_t pos) {
  NumberWordMatch best;
  if (pos >= text.size()) return best;
  const PairIndex& pairs = Pairs();
  if (pos + 1 < text.size()) {
    const auto a = static_cast<unsigned char>(text[pos]);
    const auto b = static_cast<unsigned char>(text[pos + 1]);
    if (const uint16_t slot = pairs.slot[(a << 8) | b]; slot != 0) {
      TryEntries(text, pos, pairs.lists[slot], &best);
    }
  }
  if (best.length == 0 && (text[pos] == 'o' || text[pos] == 'O')) {
    const Entry& o = *pairs.single_o;
    best = {1, o.kind, o.digits, o.languages, o.weak, false, false};
  }
  return best;
}

bool MayStartNumberWordTriple(unsigned char a, unsigned char b, unsigned char c) {
  const PairIndex& pairs = Pairs();
  const uint16_t slot = pairs.slot[(a << 8) | b];
  if (slot == 0) return false;
  if (pairs.two_bytes[slot] != 0) return true;
  // MatchAt compares a text letter in lower case with the word's byte.
  const auto lower = static_cast<unsigned char>(AsciiToLower(static_cast<char>(c)));
  return ((pairs.third[slot][lower >> 6] >> (lower & 63)) & 1) != 0;
}

bool MayStartNumberWord(unsigned char c) { return MayStartNumberWordTable()[c]; }

const bool* MayStartNumberWordTable() {
  static const std::array<bool, 256>* table = [] {
    auto* t = new std::array<bool, 256>();
    std::vector<const Entry*> all;
    for (const Entry& e : kEntries) all.push_back(&e);
    for (const Entry& e : kHomophones) all.push_back(&e);
    for (const Entry* e : all) {
      const auto first = static_cast<unsigned char>(e->word[0]);
      (*t)[first] = true;
      (*t)[static_cast<unsigned char>(AsciiToUpper(static_cast<char>(first)))] = true;
    }
    for (char d : {'0', '1', '3', '4', '5', '7'}) (*t)[static_cast<unsigned char>(d)] = true;
    return t;
  }();
  return table->data();
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
