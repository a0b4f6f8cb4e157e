// UTF-8 helpers shared by the extractors: code points around a byte offset,
// character boundaries, and word/space tests that know about non-ASCII text
// (ICU character properties). Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_UTF8_H_
#define HARRIER_EXTRACTORS_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace harrier::extractors {

inline constexpr char32_t kNoCodePoint = 0;  // before the start / past the end

// The code point starting at byte `pos`: kNoCodePoint at or past the end,
// U+FFFD for a malformed sequence. `*length` (optional) gets its byte length.
inline char32_t CodePointAt(std::string_view text, size_t pos, size_t* length = nullptr);

// The code point ending just before byte `pos`: kNoCodePoint at the start,
// U+FFFD when the bytes before `pos` are not one well-formed sequence.
inline char32_t CodePointBefore(std::string_view text, size_t pos);

// Moves `pos` back (Start) or forward (End) off UTF-8 continuation bytes so
// that it sits on a character boundary. Both clamp to text.size().
size_t CharStartAtOrBefore(std::string_view text, size_t pos);
size_t CharEndAtOrAfter(std::string_view text, size_t pos);

// Letters and digits of any script, combining marks, and '_': characters
// that make a match part of a longer token.
inline bool IsWordChar(char32_t c);

// Unicode White_Space (ASCII spaces, line breaks, NBSP, thin spaces, ...).
inline bool IsSpace(char32_t c);

// Branch-free: these run in per-byte loops over every advert, where a
// mispredicted branch per test costs more than the test.
inline bool IsAsciiDigit(char c) { return static_cast<unsigned char>(c - '0') < 10; }
// c | 0x20 maps 'A'..'Z' onto 'a'..'z' and no other byte into that range.
inline bool IsAsciiAlpha(char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
inline bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) | IsAsciiAlpha(c); }
inline char AsciiToUpper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
inline char AsciiToLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` without leading and trailing Unicode whitespace.
std::string_view TrimSpace(std::string_view text);

// Code point `c` (at most U+10FFFF) as UTF-8 bytes.
std::string EncodeUtf8(char32_t c);

// The ASCII fast paths of the functions above (inline: they run per byte);
// ICU answers for everything else.
char32_t CodePointAtSlow(std::string_view text, size_t pos, size_t* length);
char32_t CodePointBeforeSlow(std::string_view text, size_t pos);
bool IsWordCharSlow(char32_t c);
bool IsSpaceSlow(char32_t c);

inline char32_t CodePointAt(std::string_view text, size_t pos, size_t* length) {
  if (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) {
    if (length != nullptr) *length = 1;
    return static_cast<char32_t>(text[pos]);
  }
  return CodePointAtSlow(text, pos, length);
}

inline char32_t CodePointBefore(std::string_view text, size_t pos) {
  if (pos > 0 && pos <= text.size() && static_cast<unsigned char>(text[pos - 1]) < 0x80) {
    return static_cast<char32_t>(text[pos - 1]);
  }
  return CodePointBeforeSlow(text, pos);
}

inline bool IsWordChar(char32_t c) {
  if (c < 0x80) return c == '_' || IsAsciiAlnum(static_cast<char>(c));
  return IsWordCharSlow(c);
}

inline bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return IsSpaceSlow(c);
}

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_UTF8_H_
