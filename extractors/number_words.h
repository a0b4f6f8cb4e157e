// Number words that adverts spell phone digits with: English (with teens,
// tens, "double"/"triple" and leet spellings such as "f0ur"), Romanian,
// Polish, Hungarian, Albanian, Vietnamese (with and without diacritics) and
// Chinese numerals. A lexicon lookup only; joining words into numbers is the
// de-obfuscator's job. Pure functions, safe from any thread.
#ifndef HARRIER_EXTRACTORS_NUMBER_WORDS_H_
#define HARRIER_EXTRACTORS_NUMBER_WORDS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace harrier::extractors {

enum class NumberWordKind : uint8_t {
  kDigits,      // "seven" -> "7", "fifteen" -> "15"
  kTens,        // "seventy" -> "70", or "7" + the next unit word ("seventy seven")
  kMultiplier,  // "double", "triple": repeats the next single digit
  kPlus,        // "plus": the international '+'
  kHundred,     // "hundred": "00", or the place of the next tens/teen ("nine hundred ten")
  kAnd,         // "and": only between "hundred" and its tens ("nine hundred and ten")
};

// Bit per language; a word shared by several languages ("zero") has several.
enum NumberWordLanguage : uint8_t {
  kLangEnglish = 1 << 0,
  kLangRomanian = 1 << 1,
  kLangPolish = 1 << 2,
  kLangHungarian = 1 << 3,
  kLangAlbanian = 1 << 4,
  kLangVietnamese = 1 << 5,
  kLangChinese = 1 << 6,
};

struct NumberWordMatch {
  size_t length = 0;  // bytes of text matched; 0 when nothing matched
  NumberWordKind kind = NumberWordKind::kDigits;
  std::string_view digits;  // kDigits: the digits; kTens: the tens digit; kMultiplier: "2"/"3"
  uint8_t languages = 0;    // NumberWordLanguage bits
  // A short word that is common in ordinary text ("hat", "ba", "tre", "opt",
  // "o"): counts only inside a run made mostly of digits and strong words.
  bool weak = false;
  bool leet = false;  // matched with digits standing for letters ("f0ur")
  // A word that sounds like a digit ("ate", "to", "too", "for", "won"):
  // counts only as a whole word inside a long run of other number words.
  bool homophone = false;
};

// The longest number word starting at byte `pos` of `text` (ASCII letters
// case-insensitively; leet digits 0 1 3 4 5 7 for o i/l e a s t in words of
// three or more letters with at least two real letters). Does not check
// word boundaries: the caller decomposes whole tokens.
NumberWordMatch MatchNumberWord(std::string_view text, size_t pos);

// Whether a number word may start with byte `c` (a cheap prefilter: the
// lower-case initials of the lexicon, their upper-case forms, leet digits
// and UTF-8 lead bytes of the non-ASCII initials).
bool MayStartNumberWord(unsigned char c);
// The same as a table of 256 entries, for callers that ask of every byte
// of a word (valid for the program's lifetime).
const bool* MayStartNumberWordTable();

// Whether a number word of two or more bytes may start with bytes (a, b)
// (a 64 kbit table): ordinary words are dismissed after one lookup.
bool MayStartNumberWordPair(unsigned char a, unsigned char b);

// What may start with bytes (a, b): no number word of two or more bytes,
// only words that count as whole words (homophones, "and": then a longer
// word such as "today" or "another" is no number token), or any.
enum class NumberWordPair : uint8_t { kNone, kWholeWordsOnly, kAny };
NumberWordPair ClassifyNumberWordPair(unsigned char a, unsigned char b);
// The same as a table of 65536 entries indexed by (a << 8) | b, for callers
// that look up every word of a text (valid for the program's lifetime).
const NumberWordPair* NumberWordPairTable();

// For a word whose first three bytes are the ASCII letters a, b, c (any
// case): whether MatchNumberWord could find a number word of two or more
// bytes at its start. False means it cannot, which a caller may take without
// reading the word further ("the", "they", "then": no number word begins
// "the", and "th" alone is none).
bool MayStartNumberWordTriple(unsigned char a, unsigned char b, unsigned char c);

// The region whose national format a run of words in `language` (one
// NumberWordLanguage bit) suggests: "RO", "PL", "HU", "AL", "VN", "CN";
// empty for English or several bits.
std::string_view RegionForLanguage(uint8_t language);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_NUMBER_WORDS_H_
