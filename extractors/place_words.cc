#include "extractors/place_words.h"

#include "extractors/utf8.h"

namespace harrier::extractors {
namespace {

constexpr char32_t kRightQuote = 0x2019;

bool IsAsciiWordByte(char c) { return IsAsciiAlnum(c); }

bool IsQuote(char32_t c) { return c == '\'' || c == kRightQuote; }

// Whether the character at `pos` (of byte length `*len`) belongs to a word
// that has already started (`in_word`).
bool WordCharAt(std::string_view text, size_t pos, bool in_word, size_t* len) {
  *len = 1;
  const char c = text[pos];
  if (IsAsciiWordByte(c)) return true;
  char32_t cp = static_cast<unsigned char>(c);
  if (static_cast<unsigned char>(c) >= 0x80) {
    cp = CodePointAt(text, pos, len);
    if (*len == 0) *len = 1;
    if (IsWordChar(cp)) return true;
  }
  return in_word && IsQuote(cp) && pos + *len < text.size() && IsAsciiAlpha(text[pos + *len]);
}

// The byte length of the character ending at `pos` (1 for ASCII or junk).
size_t LengthBefore(std::string_view text, size_t pos) {
  if (static_cast<unsigned char>(text[pos - 1]) < 0x80) return 1;
  const size_t start = CharStartAtOrBefore(text, pos - 1);
  return pos - start;
}

}  // namespace

bool WordCharBeforeSlow(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  const char c = text[pos - 1];
  if (IsAsciiWordByte(c)) return true;
  const char32_t cp =
      static_cast<unsigned char>(c) >= 0x80 ? CodePointBefore(text, pos) : static_cast<char32_t>(c);
  if (cp >= 0x80 && IsWordChar(cp)) return true;
  if (!IsQuote(cp)) return false;
  const size_t qlen = cp == kRightQuote ? 3 : 1;
  return pos < text.size() && IsAsciiAlpha(text[pos]) && pos > qlen &&
         WordCharBefore(text, pos - qlen);
}

size_t WordEnd(std::string_view text, size_t begin) {
  size_t pos = begin;
  size_t len = 1;
  while (pos < text.size()) {
    if (IsAsciiWordByte(text[pos])) {  // the common case, without a call
      ++pos;
    } else if (WordCharAt(text, pos, pos > begin, &len)) {
      pos += len;
    } else {
      break;
    }
  }
  return pos;
}

std::optional<Word> NextWord(std::string_view text, size_t pos) {
  const size_t limit = pos + kMaxGap;
  size_t len = 1;
  while (pos < text.size() && pos <= limit) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {  // ASCII: a word starts only at a letter or digit
      if (IsAsciiWordByte(text[pos])) break;
      ++pos;
    } else if (WordCharAt(text, pos, false, &len)) {
      break;
    } else {
      pos += len;
    }
  }
  if (pos >= text.size() || pos > limit) return std::nullopt;
  Word w{pos, pos};
  while (w.end < text.size() && w.end - w.begin <= kMaxContextWord) {
    if (IsAsciiWordByte(text[w.end])) {
      ++w.end;
    } else if (WordCharAt(text, w.end, w.end > w.begin, &len)) {
      w.end += len;
    } else {
      break;
    }
  }
  if (w.end - w.begin > kMaxContextWord) return std::nullopt;
  return w;
}

std::optional<Word> PrevWord(std::string_view text, size_t pos) {
  const size_t stop = pos > kMaxGap ? pos - kMaxGap : 0;
  while (pos > 0 && pos >= stop && !WordCharBefore(text, pos)) pos -= LengthBefore(text, pos);
  if (pos == 0 || pos < stop) return std::nullopt;
  Word w{pos, pos};
  while (w.begin > 0 && w.end - w.begin <= kMaxContextWord && WordCharBefore(text, w.begin)) {
    w.begin -= LengthBefore(text, w.begin);
  }
  if (w.end - w.begin > kMaxContextWord) return std::nullopt;
  return w;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s.substr(0, 24));
  for (char& c : out) c = AsciiToLower(c);
  return out;
}

bool IsSpaceGap(std::string_view gap) {
  if (gap.empty() || gap.size() > 3) return false;
  for (char c : gap) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

namespace {
bool IsLinePunct(char c) {
  return c == ' ' || c == '\t' || c == '\r' ||
         std::string_view(".,:;!-*|\"'()[]#>~_").find(c) != std::string_view::npos;
}
}  // namespace

bool AloneToLineEdge(std::string_view text, size_t pos, int dir, size_t limit) {
  for (size_t k = 0; k < limit; ++k) {
    if (dir < 0 ? pos == 0 : pos >= text.size()) return true;
    const char c = dir < 0 ? text[pos - 1] : text[pos];
    if (c == '\n') return true;
    if (!IsLinePunct(c)) return false;
    pos = dir < 0 ? pos - 1 : pos + 1;
  }
  return false;
}

}  // namespace harrier::extractors
