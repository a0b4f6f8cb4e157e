// Word-level scanning for the phone de-obfuscator: where a word starts and
// ends in advert text, which look-alike letters stand for digits, and the
// fast path past ordinary prose words that can hold no number token.
// Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_PHONE_WORD_SCAN_H_
#define HARRIER_EXTRACTORS_PHONE_WORD_SCAN_H_

#include <cstddef>
#include <string_view>

#include "extractors/number_words.h"

namespace harrier::extractors {

// The digit a letter or look-alike stands for inside a run of digits
// ('O' -> '0', 'l' -> '1', '|' -> '1', 'S' -> '5', Cyrillic 'О' ...), or 0.
char LetterDigit(char32_t c);

// "0".."9" as a view of static storage; `d` is an ASCII digit.
std::string_view DigitString(char d);

// The end of the word starting at `pos`: ASCII letters and digits, letters
// of any script, '!' between two digits, a bar standing for 1 ("1|9"); an
// ideograph is a word on its own.
size_t TokenEnd(std::string_view text, size_t pos);

// Whether a word (see TokenEnd) starts at `pos`.
bool IsTokenStart(std::string_view text, size_t pos);

// The end of the ASCII word at `pos` when it cannot hold a number token,
// else `pos` (see the .cc); `pairs` is NumberWordPairTable().
size_t SkipWord(std::string_view text, size_t pos, bool run_open, const NumberWordPair* pairs);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PHONE_WORD_SCAN_H_
