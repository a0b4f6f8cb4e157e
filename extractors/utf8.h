// UTF-8 helpers shared by the extractors: code points around a byte offset,
// character boundaries, and word/space tests that know about non-ASCII text
// (ICU character properties). Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_UTF8_H_
#define HARRIER_EXTRACTORS_UTF8_H_

#include <cstddef>
#include <string_view>

namespace harrier::extractors {

inline constexpr char32_t kNoCodePoint = 0;  // before the start / past the end

// The code point starting at byte `pos`: kNoCodePoint at or past the end,
// U+FFFD for a malformed sequence. `*length` (optional) gets its byte length.
char32_t CodePointAt(std::string_view text, size_t pos, size_t* length = nullptr);

// The code point ending just before byte `pos`: kNoCodePoint at the start,
// U+FFFD when the bytes before `pos` are not one well-formed sequence.
char32_t CodePointBefore(std::string_view text, size_t pos);

// Moves `pos` back (Start) or forward (End) off UTF-8 continuation bytes so
// that it sits on a character boundary. Both clamp to text.size().
size_t CharStartAtOrBefore(std::string_view text, size_t pos);
size_t CharEndAtOrAfter(std::string_view text, size_t pos);

// Letters and digits of any script, combining marks, and '_': characters
// that make a match part of a longer token.
bool IsWordChar(char32_t c);

// Unicode White_Space (ASCII spaces, line breaks, NBSP, thin spaces, ...).
bool IsSpace(char32_t c);

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
inline bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }
inline char AsciiToUpper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
inline char AsciiToLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` without leading and trailing Unicode whitespace.
std::string_view TrimSpace(std::string_view text);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_UTF8_H_
