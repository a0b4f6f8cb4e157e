#include "extractors/phone_word_scan.h"

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

bool IsIdeograph(char32_t c) {
  return (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

// "1|9": a bar glued between one or two characters on each side, in a
// short word, is the digit 1; bars between longer groups ("07700|900|123")
// or a chain of them ("0|7|7|0") are fences.
constexpr size_t kMaxBarNeighbours = 2;

bool IsBarDigit(std::string_view text, size_t word_begin, size_t bar) {
  if (bar == word_begin || bar - word_begin > kMaxBarNeighbours) return false;
  if (word_begin > 0 && text[word_begin - 1] == '|') return false;
  size_t after = bar + 1;
  while (after < text.size() && IsAsciiAlnum(text[after])) ++after;
  if (after == bar + 1 || after - bar - 1 > kMaxBarNeighbours) return false;
  return after == text.size() || text[after] != '|';
}

// The end of the ASCII word at `pos` when it cannot hold a number token,
// else `pos`: the fast path past ordinary prose. A word cannot when it is
// not a number word's first two bytes, a digit, a look-alike letter or "o";
// or when it merely starts like a whole-word number word ("today",
// "another", "work"); or when it is one while no run is open ("to", "and").
constexpr size_t kMaxWholeWordBytes = 3;  // "too", "ate", "and", "won"

}  // namespace

// Letters and look-alikes that stand for a digit inside a run of digits.
char LetterDigit(char32_t c) {
  switch (c) {
    case 'O':
    case 'o':
    case 0x041E:
    case 0x043E:
    case 0x039F:
    case 0x03BF:
      return '0';
    case 'l':
    case 'I':
    case '!':
    case '|':
    case 0x0406:
    case 0x0456:
    case 0x0399:
      return '1';
    case 'Z':
      return '2';
    case 0x0417:
    case 0x0437:
      return '3';  // Cyrillic Ze
    case 'S':
    case 's':
      return '5';
    case 0x0411:
      return '6';  // Cyrillic Be
    case 'B':
      return '8';
    default:
      return 0;
  }
}

std::string_view DigitString(char d) {
  static constexpr std::string_view kDigits = "0123456789";
  return kDigits.substr(static_cast<size_t>(d - '0'), 1);
}

// The end of the word starting at `pos`: ASCII letters and digits, letters
// of any script, '!' between two digits, a bar standing for 1 ("1|9"); an
// ideograph is a word on its own.
size_t TokenEnd(std::string_view text, size_t pos) {
  size_t length = 0;
  const char32_t first = CodePointAt(text, pos, &length);
  if (IsIdeograph(first)) return pos + length;
  size_t end = pos;
  while (end < text.size()) {
    const char c = text[end];
    if (IsAsciiAlnum(c)) {
      ++end;
    } else if (c == '!' && end > pos && IsAsciiDigit(text[end - 1]) && end + 1 < text.size() &&
               IsAsciiDigit(text[end + 1])) {
      ++end;
    } else if (c == '|' && IsBarDigit(text, pos, end)) {
      ++end;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      const char32_t cp = CodePointAt(text, end, &length);
      if (length == 0 || IsIdeograph(cp) || !IsWordChar(cp)) break;
      end += length;
    } else {
      break;
    }
  }
  return end;
}

bool IsTokenStart(std::string_view text, size_t pos) {
  const char c = text[pos];
  if (IsAsciiAlnum(c)) return true;
  if (static_cast<unsigned char>(c) < 0x80) return false;
  const char32_t cp = CodePointAt(text, pos);
  // Emoji variation selectors and the keycap mark are marks, hence word
  // characters, but sit between digits as decoration when the normalizer
  // has not removed them.
  if ((cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x20E3 || cp == 0x200D) return false;
  return IsIdeograph(cp) || IsWordChar(cp);  // "〇" is a number letter, not a word char
}

size_t SkipWord(std::string_view text, size_t pos, bool run_open, const NumberWordPair* pairs) {
  const char c = text[pos];
  if (!IsAsciiAlpha(c) || pos + 1 >= text.size() || LetterDigit(static_cast<char32_t>(c)) != 0) {
    return pos;
  }
  const char next = text[pos + 1];
  if (!IsAsciiAlpha(next)) return pos;
  const NumberWordPair pair =
      pairs[(static_cast<unsigned char>(c) << 8) | static_cast<unsigned char>(next)];
  if (pair == NumberWordPair::kAny) return pos;
  size_t end = pos + 2;
  while (end < text.size() && IsAsciiAlpha(text[end])) ++end;
  // A digit or a non-ASCII letter glued on: let the full path read it.
  if (end < text.size() &&
      (IsAsciiDigit(text[end]) || static_cast<unsigned char>(text[end]) >= 0x80)) {
    return pos;
  }
  if (pair == NumberWordPair::kNone || !run_open || end - pos > kMaxWholeWordBytes) return end;
  return MatchNumberWord(text.substr(0, end), pos).length == end - pos ? pos : end;
}

}  // namespace harrier::extractors
