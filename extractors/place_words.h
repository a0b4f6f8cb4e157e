// Word scanning for the place extractor: words are runs of letters and
// digits of any script, with ' or ’ inside ("Bo’ness", "I'm"); everything
// else separates. Each call looks at a bounded stretch of text, so the
// extractor reads the words around a candidate without tokenising the text.
#ifndef HARRIER_EXTRACTORS_PLACE_WORDS_H_
#define HARRIER_EXTRACTORS_PLACE_WORDS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace harrier::extractors {

struct Word {
  size_t begin = 0;
  size_t end = 0;
  std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};

// Longest words and gaps the context readers step over.
inline constexpr size_t kMaxContextWord = 40;
inline constexpr size_t kMaxGap = 4;

// WordCharBefore for a non-ASCII byte or a quote before `pos`.
bool WordCharBeforeSlow(std::string_view text, size_t pos);

// True when the character ending just before byte `pos` is part of a word.
// Inline for the common ASCII bytes.
inline bool WordCharBefore(std::string_view text, size_t pos) {
  if (pos == 0) return false;
  const unsigned char c = static_cast<unsigned char>(text[pos - 1]);
  if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  if (c < 0x80 && c != '\'') return false;
  return WordCharBeforeSlow(text, pos);
}

// The end of the word starting at `begin` (unbounded: the caller moves past it).
size_t WordEnd(std::string_view text, size_t begin);

// The next word after `pos` across at most kMaxGap separator bytes, at most
// kMaxContextWord bytes long; nullopt otherwise.
std::optional<Word> NextWord(std::string_view text, size_t pos);
// The word before `pos`, under the same limits.
std::optional<Word> PrevWord(std::string_view text, size_t pos);

// ASCII lower case of at most the first 24 bytes.
std::string LowerAscii(std::string_view s);

// One to three spaces or tabs, nothing else.
bool IsSpaceGap(std::string_view gap);

// Only spaces and punctuation between `pos` and the start (dir < 0) or end
// (dir > 0) of its line, looking at most `limit` bytes.
bool AloneToLineEdge(std::string_view text, size_t pos, int dir, size_t limit);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_PLACE_WORDS_H_
