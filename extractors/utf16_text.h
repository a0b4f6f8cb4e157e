// A UTF-8 text as ICU's UTF-16 (its regex fast path, several times faster
// than UTF-8 through UText), with maps between the two offsets. Adverts are
// ASCII but for a '£' or an emoji or two, so the maps are the few non-ASCII
// characters, not a table per byte. Reused across texts; one thread at a
// time.
#ifndef HARRIER_EXTRACTORS_UTF16_TEXT_H_
#define HARRIER_EXTRACTORS_UTF16_TEXT_H_

#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace harrier::extractors {

class Utf16Text {
 public:
  // Replaces the text; an invalid UTF-8 sequence becomes U+FFFD.
  void Load(std::string_view utf8);

  const icu::UnicodeString& text() const { return text_; }
  // Whether the text holds a character beyond ASCII whose full case folding
  // has ASCII in it (U+00DF sharp s folds to "ss"): ICU's case-insensitive
  // match can read it as ASCII letters where a byte search cannot.
  bool folds_to_ascii() const { return folds_to_ascii_; }

  // The UTF-16 index of UTF-8 offset `offset8` (inside a character: its
  // first unit).
  uint32_t To16(size_t offset8) const;
  // The UTF-8 offset of UTF-16 index `index16` (inside a pair: its
  // character's first byte).
  uint32_t To8(int32_t index16) const;

  // Gives back what a large text made the buffers grow to.
  void Trim(size_t keep_bytes);

 private:
  struct Wide {
    uint32_t begin8, end8;  // the character's bytes (a bad sequence: its maximal part)
    uint32_t begin16, units;
  };
  icu::UnicodeString text_;
  std::vector<Wide> wide_;  // the characters that are not ASCII, in order
  bool folds_to_ascii_ = false;
};

// Whether `c` (beyond ASCII) has a full case folding with ASCII in it. The
// table behind it comes from ICU's Changes_When_Casefolded property and is
// built by the first call.
bool FoldsToAscii(char32_t c);

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_UTF16_TEXT_H_
