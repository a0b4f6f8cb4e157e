// The literal strings that every match of an ICU regular expression starts
// with, so that a byte scan can find the few places where the regex needs to
// be tried (anchored) instead of running it at every position. RE2's
// FilteredRE2 does this for RE2 syntax; ICU has nothing like it.
// Pure function, safe from any thread.
#ifndef HARRIER_EXTRACTORS_REGEX_PREFIX_H_
#define HARRIER_EXTRACTORS_REGEX_PREFIX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace harrier::extractors {

// For a pattern matched case-insensitively: a set of non-empty UTF-8 strings
// (ASCII letters lower-cased, white space as " ") such that every match
// begins with one of them, ASCII-case-insensitively, in the text as
// CollapseSpaces gives it. \s, \d and classes of up to 16 plain characters
// are expanded. nullopt when some match may begin with '.', a larger or
// negated class, an escape such as \w, an empty alternative or a cased
// non-ASCII letter, or when the pattern uses a construct this reader does not
// know (the caller then falls back to a slower prefilter). Zero-width
// assertions (\b, ^, lookarounds) are skipped.
std::optional<std::vector<std::string>> LiteralPrefixes(std::string_view pattern);

// For a pattern matched case-insensitively: sets of literals (as
// LiteralPrefixes gives them, at least 3 bytes, without white space at their
// ends) such that every match contains, ASCII-case-insensitively in the text
// as CollapseSpaces gives it, one literal of each set; the most selective
// set first, at most 4. Empty when the reader finds none. Literals never
// hold a non-ASCII character below U+1F000, which could have case variants;
// a text with a character whose case folding is ASCII (U+00DF sharp s folds
// to "ss") can match where the literal is not, so the caller must check the
// text for those.
std::vector<std::vector<std::string>> RequiredLiterals(std::string_view pattern);

// Whether every match of `pattern` begins at a word boundary: it starts with
// \b (not quantified) and has no top-level alternative that would escape it.
bool StartsWithWordBoundary(std::string_view pattern);

// `text` with every run of ICU white space (\s: tab, line breaks, form feed
// and Unicode Z characters) as one " ", and where each byte of it came from.
// Runs longer than one byte are the only places where the two drift apart,
// and adverts have a few dozen of them, so those are what is kept, not an
// offset per byte.
class CollapsedText {
 public:
  const std::string& text() const { return text_; }
  // The offset in the source of the byte at `index` of text(); for a " "
  // standing for a run, the run's first byte. index <= text().size() (the
  // end maps to the source's end).
  size_t Origin(size_t index) const;
  // The first index of text() whose origin is at or after `offset`.
  size_t IndexAt(size_t offset) const;
  // Gives back what a large text made the buffers grow to.
  void Trim(size_t keep_bytes);

 private:
  friend void CollapseSpaces(std::string_view text, CollapsedText* out);
  std::string text_;
  // From index `first` on, Origin(index) is index + dropped (sorted by
  // first): one entry after each run of white space that lost bytes.
  struct Shift {
    uint32_t first;
    uint32_t dropped;
  };
  std::vector<Shift> shifts_;
};
CollapsedText CollapseSpaces(std::string_view text);
void CollapseSpaces(std::string_view text, CollapsedText* out);  // reuses out's buffers

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_REGEX_PREFIX_H_
