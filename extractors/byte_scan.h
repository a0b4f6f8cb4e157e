// Fast byte scans that find the few places in a text where an extractor
// must look closer, 16 bytes at a time with SSE2 where the compiler targets
// it (every x86-64), one byte at a time elsewhere. Both paths give the same
// answers (byte_scan_test.cc). Pure functions; safe from any thread.
#ifndef HARRIER_EXTRACTORS_BYTE_SCAN_H_
#define HARRIER_EXTRACTORS_BYTE_SCAN_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace harrier::extractors {

// At most this many first letters for FindWordStartOrSpecial.
inline constexpr size_t kMaxFirstLetters = 8;

// The letters words of interest start with, prepared once for the scan.
class FirstLetters {
 public:
  // `letters`: lower-case ASCII letters; those past kMaxFirstLetters are
  // dropped.
  explicit FirstLetters(std::string_view letters);

  std::string_view letters() const { return letters_; }
  // Each letter repeated 16 times, for 16-byte compares.
  const std::array<char, 16>& lanes(size_t i) const { return lanes_[i]; }

 private:
  std::string letters_;
  std::array<std::array<char, 16>, kMaxFirstLetters> lanes_{};
};

// The first position >= `pos` holding an '@', the lead byte 0xF0 of a
// four-byte UTF-8 character (emoji), or an ASCII letter that starts a word
// (the byte before is not an ASCII letter or digit) and is, in any case, one
// of `first`; text.size() if none.
size_t FindWordStartOrSpecial(std::string_view text, size_t pos, const FirstLetters& first);

// The first position >= `pos` holding '@', '(', '[', '{', '<', or an 'a'
// (any case) followed by a 't' (any case); text.size() if none.
size_t FindAtCandidate(std::string_view text, size_t pos);

// The first position >= `pos` holding an ASCII digit; text.size() if none.
// Digits are rare in prose, and every postcode, IBAN, account and price has
// one.
size_t FindAsciiDigit(std::string_view text, size_t pos);

// The first position >= `pos` whose byte is not visible ASCII (outside
// '!'..'~': a space, a control, DEL or part of a multi-byte character);
// text.size() if none. Lets a copy loop skip whole words at a time; inline,
// as it is called once per word.
inline size_t FindNotVisibleAscii(std::string_view text, size_t pos);

// The first position >= `pos` where `literal` occurs, its ASCII letters
// (given in lower case) matching either case and its other bytes exactly;
// text.size() if none. An empty literal occurs at `pos`.
size_t FindFolded(std::string_view text, size_t pos, std::string_view literal);

// The first position >= `pos` where `length` (1..32) ASCII letters and
// digits in a row begin; text.size() if none. Long runs are rare in prose
// (addresses, hashes, long numbers), so most of a text is passed 64 bytes
// at a time.
size_t FindAlnumRun(std::string_view text, size_t pos, size_t length);

// The one-byte-at-a-time versions, for tests and for non-SSE2 targets.
size_t FindWordStartOrSpecialScalar(std::string_view text, size_t pos, const FirstLetters& first);
size_t FindAtCandidateScalar(std::string_view text, size_t pos);
size_t FindAsciiDigitScalar(std::string_view text, size_t pos);
size_t FindNotVisibleAsciiScalar(std::string_view text, size_t pos);
size_t FindFoldedScalar(std::string_view text, size_t pos, std::string_view literal);
size_t FindAlnumRunScalar(std::string_view text, size_t pos, size_t length);

inline size_t FindNotVisibleAscii(std::string_view text, size_t pos) {
#if defined(__SSE2__)
  const char* data = text.data();
  for (; pos + 16 <= text.size(); pos += 16) {
    // Signed bytes: '!'..'~' are > ' ' and < DEL; bytes >= 0x80 are negative.
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos));
    const __m128i visible = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(' ')),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
    const int mask = _mm_movemask_epi8(visible) ^ 0xFFFF;
    if (mask != 0) return pos + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  return FindNotVisibleAsciiScalar(text, pos);
}

}  // namespace harrier::extractors

#endif  // HARRIER_EXTRACTORS_BYTE_SCAN_H_
